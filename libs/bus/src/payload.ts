// The readiness event: what a controller publishes when an object's Ready condition, artifact or
// applied revision changes. Consumers treat it as a hint to reconcile now; Kubernetes stays the truth.
import { BusPayloadError, type Decoded, PayloadErrorCode } from './errors.ts';
import { count, decodeWith, isObject, type Json, object, oneOf, optionalCount, optionalString, parseJson, string, timestamp } from './validate.ts';

/** The schema version this build writes and reads. Additive, optional fields keep it; anything else bumps it. */
export const readinessSchemaVersion = 1;

export const ConditionStatus = { True: 'True', False: 'False', Unknown: 'Unknown' } as const;
export type ConditionStatus = (typeof ConditionStatus)[keyof typeof ConditionStatus];

/** The object's Ready condition at the time of the event. */
export interface ReadyState {
  status: ConditionStatus;
  reason: string;
  message: string;
}

/** status.artifact of a source, as upstream records it. */
export interface ArtifactRef {
  path: string;
  url: string;
  revision: string;
  digest: string;
  size?: number;
  lastUpdateTime: string;
}

export interface ReadinessEvent {
  v: typeof readinessSchemaVersion;
  kind: string;
  apiVersion: string;
  namespace: string;
  name: string;
  uid: string;
  generation: number;
  observedGeneration?: number;
  ready: ReadyState;
  /** The source revision the object produced or consumed (e.g. `main@sha1:…`). */
  revision?: string;
  /** Sources only: the artifact they serve. */
  artifact?: ArtifactRef;
  /** Appliers only (Kustomization, HelmRelease): the revision last applied successfully. */
  lastAppliedRevision?: string;
  /** When the producer observed the change, RFC 3339. */
  timestamp: string;
}

/** Serialises an event, first checking it against the schema so a producer bug fails at the producer. */
export function encodeReadiness(event: ReadinessEvent): Uint8Array {
  const checked = decodeWith(() => readReadiness(event as unknown));
  if (!checked.ok) throw checked.error;
  return new TextEncoder().encode(JSON.stringify(checked.value));
}

/** Parses and validates a message body. Never throws: a bad body comes back as a BusPayloadError. */
export function decodeReadiness(body: Uint8Array | string): Decoded<ReadinessEvent> {
  return decodeWith(() => readReadiness(parseJson(body)));
}

function readReadiness(raw: unknown): ReadinessEvent {
  if (!isObject(raw)) throw new BusPayloadError(PayloadErrorCode.InvalidField, 'a readiness event must be a JSON object');
  if (raw.v !== readinessSchemaVersion) {
    throw new BusPayloadError(
      PayloadErrorCode.UnsupportedVersion,
      `readiness event schema version ${JSON.stringify(raw.v)} is not supported (this build reads v${readinessSchemaVersion})`,
      'v',
    );
  }
  const ready = object(raw, 'ready', 'ready');
  // Only known fields are copied: a newer producer's additions are ignored instead of passed along untyped.
  const event: ReadinessEvent = {
    v: readinessSchemaVersion,
    kind: string(raw, 'kind', 'kind', { nonEmpty: true }),
    apiVersion: string(raw, 'apiVersion', 'apiVersion', { nonEmpty: true }),
    namespace: string(raw, 'namespace', 'namespace'),
    name: string(raw, 'name', 'name', { nonEmpty: true }),
    uid: string(raw, 'uid', 'uid', { nonEmpty: true }),
    generation: count(raw, 'generation', 'generation'),
    ready: {
      status: oneOf(ready, 'status', 'ready.status', Object.values(ConditionStatus)),
      reason: string(ready, 'reason', 'ready.reason'),
      message: string(ready, 'message', 'ready.message'),
    },
    timestamp: timestamp(raw, 'timestamp', 'timestamp'),
  };
  const observedGeneration = optionalCount(raw, 'observedGeneration', 'observedGeneration');
  if (observedGeneration !== undefined) event.observedGeneration = observedGeneration;
  const revision = optionalString(raw, 'revision', 'revision');
  if (revision !== undefined) event.revision = revision;
  const lastAppliedRevision = optionalString(raw, 'lastAppliedRevision', 'lastAppliedRevision');
  if (lastAppliedRevision !== undefined) event.lastAppliedRevision = lastAppliedRevision;
  if (raw.artifact !== undefined) event.artifact = readArtifact(object(raw, 'artifact', 'artifact'));
  return event;
}

function readArtifact(raw: Json): ArtifactRef {
  const artifact: ArtifactRef = {
    path: string(raw, 'path', 'artifact.path', { nonEmpty: true }),
    url: string(raw, 'url', 'artifact.url', { nonEmpty: true }),
    revision: string(raw, 'revision', 'artifact.revision', { nonEmpty: true }),
    digest: string(raw, 'digest', 'artifact.digest', { nonEmpty: true }),
    lastUpdateTime: timestamp(raw, 'lastUpdateTime', 'artifact.lastUpdateTime'),
  };
  const size = optionalCount(raw, 'size', 'artifact.size');
  if (size !== undefined) artifact.size = size;
  return artifact;
}
