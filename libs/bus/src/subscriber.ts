// Receives readiness events and hands the valid ones to a handler. A message that cannot be trusted
// (bad JSON, unknown version, a body that disagrees with its subject) is skipped: the object it was
// about still reconciles on its interval, while a crashed consumer would stop reconciling everything.
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { BusConnection } from './connection.ts';
import { BusPayloadError, PayloadErrorCode } from './errors.ts';
import { errorText } from './log.ts';
import { decodeReadiness, type ReadinessEvent } from './payload.ts';
import { allFilter, groupOf, type ObjectRef, parseSubject, SubjectRoot } from './subjects.ts';
import { carrierFromHeaders, type TraceCarrier } from './trace.ts';

export interface ReadinessMessage {
  event: ReadinessEvent;
  subject: string;
  ref: ObjectRef;
  /** The producer's trace context, for the consumer to continue the trace. */
  trace: TraceCarrier;
}

export type ReadinessHandler = (message: ReadinessMessage) => void | Promise<void>;

export interface SubscribeOptions {
  /** A filter from subjects.ts (allFilter, kindFilter, …). Default: every readiness event under `root`. */
  filter?: string;
  /** Subject root the filter lives under. Default `conflux.v1.ready`. */
  root?: string;
  /** NATS queue group, to spread events over replicas instead of giving each one a copy. */
  queue?: string;
  /** Called for each skipped message, e.g. to count it in a metric. */
  onSkip?: (error: BusPayloadError, subject: string) => void;
}

export interface SubscriberStats {
  received: number;
  skipped: number;
  /** Handler calls that threw; the subscription carries on. */
  failed: number;
}

export interface ReadinessSubscription {
  stats(): SubscriberStats;
  close(): void;
}

/**
 * Subscribes now if connected, otherwise as soon as the bus connects. The NATS client restores the
 * subscription after a reconnect, and a replaced connection gets a fresh one. Messages are handled one
 * at a time, in order; a handler should only enqueue work.
 */
export function subscribeReadiness(bus: BusConnection, handler: ReadinessHandler, options: SubscribeOptions = {}): ReadinessSubscription {
  const root = options.root ?? SubjectRoot.ready;
  const filter = options.filter ?? allFilter(root);
  const stats: SubscriberStats = { received: 0, skipped: 0, failed: 0 };
  let sub: Subscription | undefined;
  let closed = false;

  const skip = (error: BusPayloadError, subject: string) => {
    stats.skipped++;
    bus.log('warn', 'skipping malformed readiness event', { subject, code: error.code, field: error.field, error: error.message });
    try {
      options.onSkip?.(error, subject);
    } catch {
      // The hook is for counting; it cannot be allowed to stop the subscription.
    }
  };

  async function pump(s: Subscription): Promise<void> {
    for await (const m of s) {
      const ref = parseSubject(m.subject, root);
      if (!ref) {
        skip(new BusPayloadError(PayloadErrorCode.SubjectMismatch, `"${m.subject}" is not a readiness subject`), m.subject);
        continue;
      }
      const decoded = decodeReadiness(m.data);
      if (!decoded.ok) {
        skip(decoded.error, m.subject);
        continue;
      }
      const event = decoded.value;
      if (!sameObject(ref, event)) {
        skip(new BusPayloadError(PayloadErrorCode.SubjectMismatch, `body describes ${event.kind} ${event.namespace}/${event.name}, not the object its subject names`), m.subject);
        continue;
      }
      stats.received++;
      try {
        await handler({ event, subject: m.subject, ref, trace: carrierFromHeaders(m.headers) });
      } catch (err) {
        stats.failed++;
        bus.log('error', 'readiness handler failed', { subject: m.subject, error: errorText(err) });
      }
    }
  }

  const attach = (nc: NatsConnection) => {
    if (closed) return;
    sub = nc.subscribe(filter, options.queue ? { queue: options.queue } : {});
    void pump(sub).catch((err: unknown) => bus.log('error', 'readiness subscription ended', { filter, error: errorText(err) }));
  };
  const detach = bus.onConnection(attach);

  return {
    stats: () => ({ ...stats }),
    close() {
      closed = true;
      detach();
      sub?.unsubscribe();
    },
  };
}

function sameObject(ref: ObjectRef, event: ReadinessEvent): boolean {
  return ref.group === groupOf(event.apiVersion) && ref.kind === event.kind && ref.namespace === event.namespace && ref.name === event.name;
}
