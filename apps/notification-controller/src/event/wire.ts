// Events as Go's encoding/json writes them: struct fields in declaration order, empty optional fields
// left out, map keys sorted. Verifiers of generic-hmac hash the exact bytes, and byte-for-byte equality
// with upstream keeps recorded fixtures and signatures comparable.
import type { InvolvedObject, NotificationEvent } from '@conflux/bus';

const involvedObjectKeys = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'] as const satisfies readonly (keyof InvolvedObject)[];

/** The event with its keys in upstream's order; JSON.stringify of it gives upstream's bytes. */
export function wireEvent(event: NotificationEvent): Record<string, unknown> {
  const io: Record<string, string> = {};
  for (const key of involvedObjectKeys) {
    const value = event.involvedObject[key];
    if (value) io[key] = value;
  }
  const out: Record<string, unknown> = {
    involvedObject: io,
    severity: event.severity,
    timestamp: event.timestamp,
    message: event.message,
    reason: event.reason,
  };
  if (event.metadata && Object.keys(event.metadata).length > 0) out['metadata'] = sortedMap(event.metadata);
  out['reportingController'] = event.reportingController;
  if (event.reportingInstance) out['reportingInstance'] = event.reportingInstance;
  return out;
}

export function encodeEvent(event: NotificationEvent): string {
  return JSON.stringify(wireEvent(event));
}

/** A copy of `map` with its keys in Go's order (byte-wise ascending). */
export function sortedMap(map: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(map).sort(byteOrder)) out[key] = map[key] as string;
  return out;
}

export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
