// Receives reconcile requests and hands the valid ones to a handler. Every replica and every shard of a
// controller gets each request (no queue group): only the one whose watch cache holds the object can act
// on it, and only the leader's workers run, so spreading requests over replicas would lose some.
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { BusConnection } from './connection.ts';
import { BusPayloadError, PayloadErrorCode } from './errors.ts';
import { errorText } from './log.ts';
import { decodeReconcileRequest, type ReconcileRequestEvent } from './reconcile-request.ts';
import { allFilter, groupOf, type ObjectRef, parseSubject, SubjectRoot } from './subjects.ts';
import type { SubscriberStats } from './subscriber.ts';
import { carrierFromHeaders, type TraceCarrier } from './trace.ts';

export interface ReconcileRequestMessage {
  request: ReconcileRequestEvent;
  subject: string;
  ref: ObjectRef;
  /** The requester's trace context, for the reconcile to join its trace. */
  trace: TraceCarrier;
}

export type ReconcileRequestHandler = (message: ReconcileRequestMessage) => void | Promise<void>;

export interface ReconcileRequestSubscribeOptions {
  /** A filter from subjects.ts built with the same root (kindFilter(ref, root), …). Default: every request under `root`. */
  filter?: string;
  /** Subject root the filter lives under. Default `conflux.v1.reconcile`. */
  root?: string;
  /** Called for each skipped message, e.g. to count it in a metric. */
  onSkip?: (error: BusPayloadError, subject: string) => void;
}

export interface ReconcileRequestSubscription {
  stats(): SubscriberStats;
  close(): void;
}

/**
 * Subscribes now if connected, otherwise as soon as the bus connects; the NATS client restores the
 * subscription after a reconnect. Messages are handled one at a time; a handler should only enqueue.
 */
export function subscribeReconcileRequests(
  bus: BusConnection,
  handler: ReconcileRequestHandler,
  options: ReconcileRequestSubscribeOptions = {},
): ReconcileRequestSubscription {
  const root = options.root ?? SubjectRoot.reconcile;
  const filter = options.filter ?? allFilter(root);
  const stats: SubscriberStats = { received: 0, skipped: 0, failed: 0 };
  let sub: Subscription | undefined;
  let closed = false;

  const skip = (error: BusPayloadError, subject: string) => {
    stats.skipped++;
    bus.log('warn', 'skipping malformed reconcile request', { subject, code: error.code, field: error.field, error: error.message });
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
        skip(new BusPayloadError(PayloadErrorCode.SubjectMismatch, `"${m.subject}" is not a reconcile request subject`), m.subject);
        continue;
      }
      const decoded = decodeReconcileRequest(m.data);
      if (!decoded.ok) {
        skip(decoded.error, m.subject);
        continue;
      }
      const request = decoded.value;
      // A body naming another object than its subject would let a filter on one object trigger another.
      if (ref.group !== groupOf(request.apiVersion) || ref.kind !== request.kind || ref.namespace !== request.namespace || ref.name !== request.name) {
        skip(new BusPayloadError(PayloadErrorCode.SubjectMismatch, `body asks for ${request.kind} ${request.namespace}/${request.name}, not the object its subject names`), m.subject);
        continue;
      }
      stats.received++;
      try {
        await handler({ request, subject: m.subject, ref, trace: carrierFromHeaders(m.headers) });
      } catch (err) {
        stats.failed++;
        bus.log('error', 'reconcile request handler failed', { subject: m.subject, error: errorText(err) });
      }
    }
  }

  const attach = (nc: NatsConnection) => {
    if (closed) return;
    sub = nc.subscribe(filter);
    void pump(sub).catch((err: unknown) => bus.log('error', 'reconcile request subscription ended', { filter, error: errorText(err) }));
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
