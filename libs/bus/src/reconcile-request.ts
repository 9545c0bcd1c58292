// The reconcile request: "this object was just annotated with reconcile.fluxcd.io/requestedAt, please
// look now". The annotation on the object is the request that counts; this message only lets the owning
// controller enqueue it without waiting for its watch to deliver the change (docs/adr/0003).
import { BusPayloadError, type Decoded, PayloadErrorCode } from './errors.ts';
import { decodeWith, isObject, parseJson, string, timestamp } from './validate.ts';

/** The schema version this build writes and reads. Additive, optional fields keep it; anything else bumps it. */
export const reconcileRequestSchemaVersion = 1;

export interface ReconcileRequestEvent {
  v: typeof reconcileRequestSchemaVersion;
  kind: string;
  apiVersion: string;
  /** '' for a cluster-scoped object. */
  namespace: string;
  name: string;
  /** The reconcile.fluxcd.io/requestedAt value written on the object: an opaque token, not parsed. */
  requestedAt: string;
  /** Who asked, as `<Kind>/<namespace>/<name>` of the asking object, e.g. `Receiver/flux-system/gitea`. */
  requestedBy: string;
  /** When the request was made, RFC 3339. */
  timestamp: string;
}

/** Serialises a request, first checking it against the schema so a producer bug fails at the producer. */
export function encodeReconcileRequest(request: ReconcileRequestEvent): Uint8Array {
  const checked = decodeWith(() => readReconcileRequest(request as unknown));
  if (!checked.ok) throw checked.error;
  return new TextEncoder().encode(JSON.stringify(checked.value));
}

/** Parses and validates a message body. Never throws: a bad body comes back as a BusPayloadError. */
export function decodeReconcileRequest(body: Uint8Array | string): Decoded<ReconcileRequestEvent> {
  return decodeWith(() => readReconcileRequest(parseJson(body)));
}

/** `<Kind>/<namespace>/<name>`, the requestedBy of an object asking; cluster-scoped objects drop the namespace. */
export function requesterOf(ref: { kind: string; namespace?: string; name: string }): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

function readReconcileRequest(raw: unknown): ReconcileRequestEvent {
  if (!isObject(raw)) throw new BusPayloadError(PayloadErrorCode.InvalidField, 'a reconcile request must be a JSON object');
  if (raw.v !== reconcileRequestSchemaVersion) {
    throw new BusPayloadError(
      PayloadErrorCode.UnsupportedVersion,
      `reconcile request schema version ${JSON.stringify(raw.v)} is not supported (this build reads v${reconcileRequestSchemaVersion})`,
      'v',
    );
  }
  // Only known fields are copied, as for readiness events: newer producers' additions are ignored.
  return {
    v: reconcileRequestSchemaVersion,
    kind: string(raw, 'kind', 'kind', { nonEmpty: true }),
    apiVersion: string(raw, 'apiVersion', 'apiVersion', { nonEmpty: true }),
    namespace: string(raw, 'namespace', 'namespace'),
    name: string(raw, 'name', 'name', { nonEmpty: true }),
    requestedAt: string(raw, 'requestedAt', 'requestedAt', { nonEmpty: true }),
    requestedBy: string(raw, 'requestedBy', 'requestedBy', { nonEmpty: true }),
    timestamp: timestamp(raw, 'timestamp', 'timestamp'),
  };
}
