// The machinery both subscriptions share: subscribe once connected (the NATS client restores it after a
// reconnect, and a replaced connection gets a fresh one), decode each message, skip what cannot be
// trusted (a subject outside the root, a bad body, a body naming another object than its subject), and
// hand the rest to the handler one at a time. A skipped message only costs speed: the object still
// reconciles on its interval, while a crashed consumer would stop everything.
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { BusConnection } from './connection.ts';
import { BusPayloadError, PayloadErrorCode } from './errors.ts';
import { errorText } from './log.ts';
import { groupOf, type ObjectRef, parseSubject } from './subjects.ts';
import { carrierFromHeaders, type TraceCarrier } from './trace.ts';

export interface SubscriberStats {
  /** Valid messages handed to the handler. */
  received: number;
  /** Messages dropped as malformed. */
  skipped: number;
  /** Handler calls that threw; the subscription carries on. */
  failed: number;
}

/** What a body says it is about: a published subject is made from it, a received one checked against it. */
export interface NamedObject {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

export interface ObjectSubscriptionSpec<T extends NamedObject> {
  /** "readiness event", "reconcile request": for log lines and errors. */
  what: string;
  root: string;
  filter: string;
  queue?: string;
  decode(data: Uint8Array): { ok: true; value: T } | { ok: false; error: BusPayloadError };
  handle(value: T, subject: string, ref: ObjectRef, trace: TraceCarrier): void | Promise<void>;
  onSkip?: (error: BusPayloadError, subject: string) => void;
}

export interface ObjectSubscription {
  stats(): SubscriberStats;
  close(): void;
}

export function subscribeObjects<T extends NamedObject>(bus: BusConnection, spec: ObjectSubscriptionSpec<T>): ObjectSubscription {
  const stats: SubscriberStats = { received: 0, skipped: 0, failed: 0 };
  let sub: Subscription | undefined;
  let closed = false;

  const skip = (error: BusPayloadError, subject: string) => {
    stats.skipped++;
    bus.log('warn', `skipping malformed ${spec.what}`, { subject, code: error.code, field: error.field, error: error.message });
    try {
      spec.onSkip?.(error, subject);
    } catch {
      // The hook is for counting; it cannot be allowed to stop the subscription.
    }
  };

  async function pump(s: Subscription): Promise<void> {
    for await (const m of s) {
      const ref = parseSubject(m.subject, spec.root);
      if (!ref) {
        skip(new BusPayloadError(PayloadErrorCode.SubjectMismatch, `"${m.subject}" is not a ${spec.what} subject`), m.subject);
        continue;
      }
      const decoded = spec.decode(m.data);
      if (!decoded.ok) {
        skip(decoded.error, m.subject);
        continue;
      }
      const value = decoded.value;
      // A body naming another object than its subject would let a filter on one object act on another.
      if (ref.group !== groupOf(value.apiVersion) || ref.kind !== value.kind || ref.namespace !== value.namespace || ref.name !== value.name) {
        skip(new BusPayloadError(PayloadErrorCode.SubjectMismatch, `body names ${value.kind} ${value.namespace}/${value.name}, not the object its subject names`), m.subject);
        continue;
      }
      stats.received++;
      try {
        await spec.handle(value, m.subject, ref, carrierFromHeaders(m.headers));
      } catch (err) {
        stats.failed++;
        bus.log('error', `${spec.what} handler failed`, { subject: m.subject, error: errorText(err) });
      }
    }
  }

  const attach = (nc: NatsConnection) => {
    if (closed) return;
    sub = nc.subscribe(spec.filter, spec.queue ? { queue: spec.queue } : {});
    void pump(sub).catch((err: unknown) => bus.log('error', `${spec.what} subscription ended`, { filter: spec.filter, error: errorText(err) }));
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
