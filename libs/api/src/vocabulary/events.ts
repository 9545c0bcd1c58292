/** The event vocabulary shared by producers (every controller) and notification-controller. */

export const eventGroup = 'event.toolkit.fluxcd.io';

/** Object annotations with this prefix are copied into the metadata of every event about the object. */
export const eventMetadataPrefix = `${eventGroup}/`;

/** Kubernetes event types; Trace events are recorded as Normal and never forwarded. */
export const EventType = { Normal: 'Normal', Warning: 'Warning', Trace: 'Trace' } as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

/** The severity of a forwarded event: Warning becomes error, Trace trace, anything else info. */
export const EventSeverity = { trace: 'trace', info: 'info', error: 'error' } as const;
export type EventSeverity = (typeof EventSeverity)[keyof typeof EventSeverity];

/**
 * Event metadata keys. On the wire a controller prefixes them with the group of the object the event is
 * about (kustomize.toolkit.fluxcd.io/revision); users prefix theirs with event.toolkit.fluxcd.io/.
 */
export const EventMetadataKey = {
  revision: 'revision',
  originRevision: 'originRevision',
  /** Deprecated. */
  checksum: 'checksum',
  digest: 'digest',
  token: 'token',
  commit: 'commit',
  commitStatus: 'commit_status',
  changeRequest: 'change_request',
  summary: 'summary',
  appVersion: 'app-version',
  ociDigest: 'oci-digest',
} as const;
export type EventMetadataKey = (typeof EventMetadataKey)[keyof typeof EventMetadataKey];

/** The value of commit_status that asks commit-status providers to update the status. */
export const commitStatusUpdateValue = 'update';

/** A metadata key as it appears on the wire, e.g. eventMetadataKey('kustomize.toolkit.fluxcd.io', 'revision'). */
export function eventMetadataKey(group: string, key: EventMetadataKey): string {
  return `${group}/${key}`;
}
