// Publishing reconcile requests. Like readiness events they are a shortcut: the requestedAt annotation
// already on the object makes its controller reconcile through its watch, so a lost request costs
// milliseconds, never the reconcile. Hence publish() never throws, never blocks, and drops rather than
// buffers while disconnected.
import type { BusConnection } from './connection.ts';
import { errorText } from './log.ts';
import { DropReason, type PublisherStats } from './publisher.ts';
import { encodeReconcileRequest, type ReconcileRequestEvent } from './reconcile-request.ts';
import { groupOf, SubjectRoot, subjectFor } from './subjects.ts';
import { headersFromCarrier, type TraceCarrier } from './trace.ts';

export interface ReconcileRequestPublisherOptions {
  /** Called for each dropped request, e.g. to count it in a metric. */
  onDrop?: (request: ReconcileRequestEvent, reason: DropReason, error?: unknown) => void;
  /** Subject root; tests use their own to stay apart. Default `conflux.v1.reconcile`. */
  root?: string;
}

export interface ReconcileRequestPublisher {
  /** Hands the request to NATS. Returns false when it was dropped; never throws. */
  publish(request: ReconcileRequestEvent, trace?: TraceCarrier): boolean;
  stats(): PublisherStats;
}

export function reconcileRequestPublisher(bus: BusConnection, options: ReconcileRequestPublisherOptions = {}): ReconcileRequestPublisher {
  const root = options.root ?? SubjectRoot.reconcile;
  const stats: PublisherStats = { published: 0, dropped: 0 };

  const drop = (request: ReconcileRequestEvent, reason: DropReason, error?: unknown): false => {
    stats.dropped++;
    bus.log(reason === DropReason.Disconnected ? 'debug' : 'warn', 'reconcile request dropped', {
      reason,
      kind: request?.kind,
      namespace: request?.namespace,
      name: request?.name,
      ...(error === undefined ? {} : { error: errorText(error) }),
    });
    try {
      options.onDrop?.(request, reason, error);
    } catch {
      // A faulty hook must not turn a dropped shortcut into a failed webhook call.
    }
    return false;
  };

  return {
    publish(request, trace) {
      let body: Uint8Array;
      let subject: string;
      try {
        body = encodeReconcileRequest(request);
        subject = subjectFor({ group: groupOf(request.apiVersion), kind: request.kind, namespace: request.namespace, name: request.name }, root);
      } catch (err) {
        return drop(request, DropReason.Invalid, err);
      }
      const nc = bus.nats();
      if (!nc || !bus.connected) return drop(request, DropReason.Disconnected);
      try {
        nc.publish(subject, body, { headers: headersFromCarrier(trace) });
      } catch (err) {
        return drop(request, DropReason.PublishFailed, err);
      }
      stats.published++;
      return true;
    },
    stats: () => ({ ...stats }),
  };
}
