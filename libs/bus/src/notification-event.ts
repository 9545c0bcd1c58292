// Events meant for people (alerts) travel in upstream's Event shape (event.toolkit.fluxcd.io/v1beta1),
// the same JSON producers POST to notification-controller over HTTP, so both paths feed one pipeline.
// The shape is declared here rather than imported because this lib depends on no other Conflux lib.
import { createHash } from 'node:crypto';
import { BusPayloadError, type Decoded, PayloadErrorCode } from './errors.ts';
import { decodeWith, isObject, object, oneOf, optionalString, parseJson, string, stringMap, timestamp } from './validate.ts';
import { groupOf, type ObjectRef } from './subjects.ts';

export const EventSeverity = { Trace: 'trace', Info: 'info', Error: 'error' } as const;
export type EventSeverity = (typeof EventSeverity)[keyof typeof EventSeverity];

/** corev1.ObjectReference as upstream fills it for events. */
export interface InvolvedObject {
  kind: string;
  namespace: string;
  name: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface NotificationEvent {
  involvedObject: InvolvedObject;
  severity: EventSeverity;
  /** RFC 3339, second precision in upstream. */
  timestamp: string;
  message: string;
  reason: string;
  metadata?: Record<string, string>;
  reportingController: string;
  reportingInstance?: string;
}

/** The object an event is about, as a subject names it. */
export function eventRef(event: NotificationEvent): ObjectRef {
  const io = event.involvedObject;
  return { group: groupOf(io.apiVersion ?? ''), kind: io.kind, namespace: io.namespace, name: io.name };
}

/**
 * The Nats-Msg-Id of an event: upstream notification-controller's rate-limit key (a SHA-256 over the
 * object, the message and the revision/token metadata). Two replicas, or two retries, that report the same
 * thing get the same id, and the stream's duplicate window then keeps one copy, which is exactly
 * upstream's "one event per key per interval" but shared by every replica instead of per pod.
 * Severity, reason, timestamps and the reporting instance are left out, as upstream leaves them out.
 */
export function eventMessageId(event: NotificationEvent): string {
  const io = event.involvedObject;
  const group = groupOf(io.apiVersion ?? '');
  const parts = ['event', `name=${io.name}`, `namespace=${io.namespace}`, `kind=${io.kind}`, `message=${event.message}`];
  for (const key of ['originRevision', 'revision', 'token']) {
    const value = event.metadata?.[`${group}/${key}`];
    if (value !== undefined) parts.push(`${key}=${value}`);
  }
  return createHash('sha256').update(parts.join('/')).digest('hex');
}

export function encodeNotificationEvent(event: NotificationEvent): Uint8Array {
  const checked = decodeWith(() => readEvent(event as unknown));
  if (!checked.ok) throw checked.error;
  return new TextEncoder().encode(JSON.stringify(event));
}

/** Parses and validates an event body. Never throws. */
export function decodeNotificationEvent(body: Uint8Array | string): Decoded<NotificationEvent> {
  return decodeWith(() => readEvent(parseJson(body)));
}

function readEvent(raw: unknown): NotificationEvent {
  if (!isObject(raw)) throw new BusPayloadError(PayloadErrorCode.InvalidField, 'an event must be a JSON object');
  const io = object(raw, 'involvedObject', 'involvedObject');
  const involvedObject: InvolvedObject = {
    // Upstream drops events whose object has no kind, name or namespace; so do we.
    kind: string(io, 'kind', 'involvedObject.kind', { nonEmpty: true }),
    namespace: string(io, 'namespace', 'involvedObject.namespace', { nonEmpty: true }),
    name: string(io, 'name', 'involvedObject.name', { nonEmpty: true }),
  };
  for (const key of ['uid', 'apiVersion', 'resourceVersion', 'fieldPath'] as const) {
    const value = optionalString(io, key, `involvedObject.${key}`);
    if (value !== undefined) involvedObject[key] = value;
  }
  const event: NotificationEvent = {
    involvedObject,
    severity: oneOf(raw, 'severity', 'severity', Object.values(EventSeverity)),
    timestamp: timestamp(raw, 'timestamp', 'timestamp'),
    message: string(raw, 'message', 'message'),
    reason: string(raw, 'reason', 'reason'),
    reportingController: string(raw, 'reportingController', 'reportingController'),
  };
  const metadata = stringMap(raw, 'metadata', 'metadata');
  if (metadata !== undefined) event.metadata = metadata;
  const reportingInstance = optionalString(raw, 'reportingInstance', 'reportingInstance');
  if (reportingInstance !== undefined) event.reportingInstance = reportingInstance;
  return event;
}
