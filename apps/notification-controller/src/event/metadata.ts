// The metadata pipeline of an event (reference §1.3 and §2.3 step 6), in upstream's order:
// cleanupMetadata when the event arrives, the rate-limit key (token still in), the token removed, then
// per Alert the prefixes stripped and merged with the Alert's own metadata.
import { EventMetadataKey, eventMetadataPrefix } from '@conflux/api';
import { groupOf, type NotificationEvent } from '@conflux/bus';

/** The API group of the object an event is about, e.g. `kustomize.toolkit.fluxcd.io`. */
export function involvedGroup(event: NotificationEvent): string {
  return groupOf(event.involvedObject.apiVersion ?? '');
}

/**
 * Keeps only the keys a Flux controller or a user may set (`<group>/…` and `event.toolkit.fluxcd.io/…`),
 * minus the artifact checksum and digest, which no provider should see. Returns a new event.
 */
export function cleanupMetadata(event: NotificationEvent): NotificationEvent {
  const group = involvedGroup(event);
  const excluded = [EventMetadataKey.checksum, EventMetadataKey.digest].map((k) => `${group}/${k}`.toLowerCase());
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(event.metadata ?? {})) {
    if (!key.startsWith(`${group}/`) && !key.startsWith(eventMetadataPrefix)) continue;
    if (excluded.includes(key.toLowerCase())) continue;
    kept[key] = value;
  }
  return withMetadata(event, kept);
}

/** Drops `<group>/token`: it is part of the rate-limit key and must never reach a provider (NC#686). */
export function excludeInternalMetadata(event: NotificationEvent): NotificationEvent {
  const tokenKey = `${involvedGroup(event)}/${EventMetadataKey.token}`;
  if (event.metadata?.[tokenKey] === undefined) return event;
  const { [tokenKey]: _token, ...rest } = event.metadata;
  return withMetadata(event, rest);
}

export interface AlertMetadata {
  eventMetadata?: Record<string, string> | undefined;
  summary?: string | undefined;
}

export interface CombinedMetadata {
  event: NotificationEvent;
  /** Keys set by more than one source; the later source won. */
  conflicts: string[];
}

/**
 * Merges, from lowest to highest precedence: the user's `event.toolkit.fluxcd.io/*` keys, the Alert's
 * eventMetadata, its deprecated summary, and the controller's `<group>/*` keys, all without their prefix.
 * Providers therefore see `revision`, `summary`, … and never a prefixed key.
 */
export function combineEventMetadata(event: NotificationEvent, alert: AlertMetadata): CombinedMetadata {
  const merged: Record<string, string> = {};
  const conflicts: string[] = [];
  const set = (key: string, value: string, source: string) => {
    if (Object.hasOwn(merged, key)) conflicts.push(`${key} (${source})`);
    merged[key] = value;
  };
  const group = involvedGroup(event);
  for (const [key, value] of Object.entries(event.metadata ?? {})) {
    if (key.startsWith(eventMetadataPrefix)) merged[key.slice(eventMetadataPrefix.length)] = value;
  }
  for (const [key, value] of Object.entries(alert.eventMetadata ?? {})) set(key, value, 'Alert eventMetadata');
  if (alert.summary) set(EventMetadataKey.summary, alert.summary, 'Alert summary');
  // The event group itself is already handled above; an object in that group would otherwise count twice.
  if (`${group}/` !== eventMetadataPrefix) {
    for (const [key, value] of Object.entries(event.metadata ?? {})) {
      if (key.startsWith(`${group}/`)) set(key.slice(group.length + 1), value, `${group} controller`);
    }
  }
  return { event: withMetadata(event, merged), conflicts };
}

function withMetadata(event: NotificationEvent, metadata: Record<string, string>): NotificationEvent {
  const { metadata: _old, ...rest } = event;
  // Go omits an empty map (omitempty), so the event keeps no metadata key at all.
  if (Object.keys(metadata).length === 0) return rest;
  return { ...rest, metadata };
}
