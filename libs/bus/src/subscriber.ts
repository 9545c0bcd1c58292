// Receives readiness events and hands the valid ones to a handler. A message that cannot be trusted
// (bad JSON, unknown version, a body that disagrees with its subject) is skipped: the object it was
// about still reconciles on its interval, while a crashed consumer would stop reconciling everything.
import type { BusConnection } from './connection.ts';
import type { BusPayloadError } from './errors.ts';
import { type SubscriberStats, subscribeObjects } from './object-subscription.ts';
import { decodeReadiness, type ReadinessEvent } from './payload.ts';
import { allFilter, type ObjectRef, SubjectRoot } from './subjects.ts';
import type { TraceCarrier } from './trace.ts';

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

export type { SubscriberStats } from './object-subscription.ts';

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
  return subscribeObjects<ReadinessEvent>(bus, {
    what: 'readiness event',
    root,
    filter: options.filter ?? allFilter(root),
    ...(options.queue ? { queue: options.queue } : {}),
    decode: decodeReadiness,
    handle: (event, subject, ref, trace) => handler({ event, subject, ref, trace }),
    ...(options.onSkip ? { onSkip: options.onSkip } : {}),
  });
}
