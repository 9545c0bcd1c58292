// Publishes alert events into the JetStream stream with a content-derived Nats-Msg-Id, so the same event
// from two replicas (or from a retry) is stored once. Like readiness events, this never throws: a
// reconcile must not fail because alerting is unavailable; the outcome says what happened instead.
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusConnection } from './connection.ts';
import { errorText } from './log.ts';
import { encodeNotificationEvent, eventMessageId, eventRef, type NotificationEvent } from './notification-event.ts';
import { SubjectRoot, subjectFor } from './subjects.ts';
import { headersFromCarrier, type TraceCarrier } from './trace.ts';

export const EventOutcome = {
  /** Stored in the stream. */
  Stored: 'Stored',
  /** The stream already holds this event (same id within the duplicate window). */
  Duplicate: 'Duplicate',
  /** Not stored: no connection, no stream, no acknowledgement in time, or an invalid event. */
  Dropped: 'Dropped',
} as const;
export type EventOutcome = (typeof EventOutcome)[keyof typeof EventOutcome];

export type EventPublishResult =
  | { outcome: typeof EventOutcome.Stored | typeof EventOutcome.Duplicate; id: string; seq: number }
  | { outcome: typeof EventOutcome.Dropped; id: string | undefined; error: string };

export interface EventPublisherOptions {
  /** Subject root the stream listens on. Default `conflux.v1.events`. */
  subjectRoot?: string;
  /** How long to wait for the stream's acknowledgement. Default 5 s, as upstream's HTTP producer. */
  timeoutMs?: number;
  onDrop?: (event: NotificationEvent, error: string) => void;
}

export interface EventPublisher {
  /** Publishes `event`; `msgId` overrides the content-derived id. Never rejects. */
  publish(event: NotificationEvent, options?: { trace?: TraceCarrier; msgId?: string }): Promise<EventPublishResult>;
}

export function eventPublisher(bus: BusConnection, options: EventPublisherOptions = {}): EventPublisher {
  const root = options.subjectRoot ?? SubjectRoot.events;
  const timeout = options.timeoutMs ?? 5_000;
  const clients = new WeakMap<NatsConnection, JetStreamClient>();
  // Without notification-controller there is no stream, which is a normal set-up (a vcluster running only
  // source and kustomize): said once at info, then at debug, and again when the stream appears.
  let streamMissing = false;

  const dropped = (event: NotificationEvent, id: string | undefined, error: string, noStream = false): EventPublishResult => {
    const level = noStream ? (streamMissing ? 'debug' : 'info') : 'warn';
    const message = noStream && !streamMissing ? 'events are not stored until notification-controller creates the event stream' : 'event not stored in the event stream';
    if (noStream) streamMissing = true;
    bus.log(level, message, { reason: event?.reason, object: event?.involvedObject, error });
    try {
      options.onDrop?.(event, error);
    } catch {
      // A faulty hook must not fail the caller.
    }
    return { outcome: EventOutcome.Dropped, id, error };
  };

  return {
    async publish(event, publishOptions = {}) {
      let id: string | undefined;
      let body: Uint8Array;
      let subject: string;
      try {
        body = encodeNotificationEvent(event);
        id = publishOptions.msgId ?? eventMessageId(event);
        subject = subjectFor(eventRef(event), root);
      } catch (err) {
        return dropped(event, id, `invalid event: ${errorText(err)}`);
      }
      const nc = bus.nats();
      if (!nc || !bus.connected) return dropped(event, id, 'not connected to NATS');
      let js = clients.get(nc);
      if (!js) clients.set(nc, (js = jetstream(nc)));
      try {
        const ack = await js.publish(subject, body, { msgID: id, timeout, headers: headersFromCarrier(publishOptions.trace), retries: 1 });
        if (streamMissing) {
          streamMissing = false;
          bus.log('info', 'the event stream is there; events are stored again', { subject });
        }
        return { outcome: ack.duplicate ? EventOutcome.Duplicate : EventOutcome.Stored, id, seq: ack.seq };
      } catch (err) {
        // The client reports "no responders" as JetStream being disabled; here it means no stream takes the subject.
        const noStream = (err as Error)?.name === 'JetStreamNotEnabled';
        return dropped(event, id, noStream ? `no stream takes ${subject} (the stream is created by notification-controller)` : errorText(err), noStream);
      }
    },
  };
}
