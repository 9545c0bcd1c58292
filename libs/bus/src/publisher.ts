// Readiness events are best-effort. A reconcile must never wait on, or fail because of, NATS: every
// consumer also reconciles on its interval and resyncs from Kubernetes after an outage, so a lost event
// costs latency, not correctness (docs/adr/0003). Hence publish() never throws and never blocks.
import type { BusConnection } from './connection.ts';
import { errorText } from './log.ts';
import type { NamedObject } from './object-subscription.ts';
import { encodeReadiness, type ReadinessEvent } from './payload.ts';
import { groupOf, SubjectRoot, subjectFor } from './subjects.ts';
import { headersFromCarrier, type TraceCarrier } from './trace.ts';

export const DropReason = {
  /** No live connection. The client would otherwise buffer the event and send it late, after the resync made it moot. */
  Disconnected: 'Disconnected',
  /** The event fails the schema: a producer bug, reported through the drop hook rather than thrown. */
  Invalid: 'Invalid',
  /** The client refused it (e.g. closed mid-publish, payload too large). */
  PublishFailed: 'PublishFailed',
} as const;
export type DropReason = (typeof DropReason)[keyof typeof DropReason];

export interface PublisherOptions {
  /** Called for each dropped event, e.g. to count it in a metric. */
  onDrop?: (event: ReadinessEvent, reason: DropReason, error?: unknown) => void;
  /** Subject root; tests use their own to stay apart. Default `conflux.v1.ready`. */
  root?: string;
}

export interface PublisherStats {
  published: number;
  dropped: number;
}

export interface ReadinessPublisher {
  /** Hands the event to NATS. Returns false when it was dropped; never throws. */
  publish(event: ReadinessEvent, trace?: TraceCarrier): boolean;
  stats(): PublisherStats;
}

export function readinessPublisher(bus: BusConnection, options: PublisherOptions = {}): ReadinessPublisher {
  return objectPublisher(bus, {
    what: 'readiness event',
    root: options.root ?? SubjectRoot.ready,
    encode: encodeReadiness,
    ...(options.onDrop ? { onDrop: options.onDrop } : {}),
  });
}

/**
 * The publishing both kinds of message share: encode, derive the subject from the object, publish only on
 * a live connection, count, and report a drop through the hook instead of throwing.
 */
export function objectPublisher<T extends NamedObject>(
  bus: BusConnection,
  spec: { what: string; root: string; encode(value: T): Uint8Array; onDrop?: (value: T, reason: DropReason, error?: unknown) => void },
): { publish(value: T, trace?: TraceCarrier): boolean; stats(): PublisherStats } {
  const stats: PublisherStats = { published: 0, dropped: 0 };

  const drop = (value: T, reason: DropReason, error?: unknown): false => {
    stats.dropped++;
    bus.log(reason === DropReason.Disconnected ? 'debug' : 'warn', `${spec.what} dropped`, {
      reason,
      kind: value?.kind,
      namespace: value?.namespace,
      name: value?.name,
      ...(error === undefined ? {} : { error: errorText(error) }),
    });
    try {
      spec.onDrop?.(value, reason, error);
    } catch {
      // A faulty hook must not turn a dropped shortcut into a failed reconcile or webhook call.
    }
    return false;
  };

  return {
    publish(value, trace) {
      let body: Uint8Array;
      let subject: string;
      try {
        body = spec.encode(value);
        subject = subjectFor({ group: groupOf(value.apiVersion), kind: value.kind, namespace: value.namespace, name: value.name }, spec.root);
      } catch (err) {
        return drop(value, DropReason.Invalid, err);
      }
      const nc = bus.nats();
      if (!nc || !bus.connected) return drop(value, DropReason.Disconnected);
      try {
        nc.publish(subject, body, { headers: headersFromCarrier(trace) });
      } catch (err) {
        return drop(value, DropReason.PublishFailed, err);
      }
      stats.published++;
      return true;
    },
    stats: () => ({ ...stats }),
  };
}
