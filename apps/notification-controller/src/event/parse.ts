// Turning a request body into an Event (reference §1.1, §1.3). The same decoder reads events from the
// JetStream stream, so an event is valid or not whichever way it arrived.
import { decodeNotificationEvent, type NotificationEvent } from '@conflux/bus';

/** Upstream's maxRequestSizeBytes: a larger body is refused with 413. */
export const maxEventBodyBytes = 3 * 1024 * 1024;

export type ParsedEvent = { ok: true; event: NotificationEvent } | { ok: false; message: string };

/**
 * Parses an event body. Refused: anything but a JSON object, an involvedObject without kind, name or
 * namespace (upstream producers never send those), a missing or mistyped required field, and a
 * timestamp that is not RFC 3339.
 */
export function parseEvent(body: Uint8Array | string): ParsedEvent {
  const decoded = decodeNotificationEvent(body);
  return decoded.ok ? { ok: true, event: decoded.value } : { ok: false, message: decoded.error.message };
}
