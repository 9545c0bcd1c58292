// Publishing reconcile requests. Like readiness events they are a shortcut: the requestedAt annotation
// already on the object makes its controller reconcile through its watch, so a lost request costs
// milliseconds, never the reconcile. Hence publish() never throws, never blocks, and drops rather than
// buffers while disconnected.
import type { BusConnection } from './connection.ts';
import { type DropReason, objectPublisher, type PublisherStats } from './publisher.ts';
import { encodeReconcileRequest, type ReconcileRequestEvent } from './reconcile-request.ts';
import { SubjectRoot } from './subjects.ts';
import type { TraceCarrier } from './trace.ts';

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
  return objectPublisher(bus, {
    what: 'reconcile request',
    root: options.root ?? SubjectRoot.reconcile,
    encode: encodeReconcileRequest,
    ...(options.onDrop ? { onDrop: options.onDrop } : {}),
  });
}
