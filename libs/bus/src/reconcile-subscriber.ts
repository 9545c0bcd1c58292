// Receives reconcile requests and hands the valid ones to a handler. Every replica and every shard of a
// controller gets each request (no queue group): only the one whose watch cache holds the object can act
// on it, and only the leader's workers run, so spreading requests over replicas would lose some.
import type { BusConnection } from './connection.ts';
import type { BusPayloadError } from './errors.ts';
import { type SubscriberStats, subscribeObjects } from './object-subscription.ts';
import { decodeReconcileRequest, type ReconcileRequestEvent } from './reconcile-request.ts';
import { allFilter, type ObjectRef, SubjectRoot } from './subjects.ts';
import type { TraceCarrier } from './trace.ts';

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
  return subscribeObjects<ReconcileRequestEvent>(bus, {
    what: 'reconcile request',
    root,
    filter: options.filter ?? allFilter(root),
    decode: decodeReconcileRequest,
    handle: (request, subject, ref, trace) => handler({ request, subject, ref, trace }),
    ...(options.onSkip ? { onSkip: options.onSkip } : {}),
  });
}
