// opsgenie, incident.io and datadog (reference §2.4): incident and event tools that take one JSON request
// per event, each with its own way of presenting the API key.
import type { NotificationEvent } from '@conflux/bus';
import { progressingReason } from './commit-status.ts';
import { sortedMap } from '../event/wire.ts';
import { objectName, sortedEntries } from './format.ts';
import { requireURL } from './generic.ts';
import { jsonHeaders, NotificationError, type NotificationRequest, type Notifier, type ProviderSettings } from './types.ts';

function requireToken(settings: ProviderSettings, what: string): string {
  if (!settings.token) throw new NotificationError(`the ${settings.type} provider needs ${what} as the token in its Secret`);
  return settings.token;
}

export function opsgenieRequest(event: NotificationEvent, settings: ProviderSettings): NotificationRequest {
  requireURL(settings.address, settings.type);
  const key = requireToken(settings, 'an Opsgenie API key');
  const io = event.involvedObject;
  const payload = { message: `${io.kind}/${io.name}`, description: event.message, details: sortedMap({ ...event.metadata, severity: event.severity }) };
  return { method: 'POST', url: settings.address, headers: { ...jsonHeaders, Authorization: `GenieKey ${key}` }, body: JSON.stringify(payload) };
}

/** incident.io: errors fire an alert and anything else resolves it, deduplicated by the object's UID. */
export function incidentioRequest(event: NotificationEvent, settings: ProviderSettings): NotificationRequest | undefined {
  if (event.reason === progressingReason) return undefined;
  requireURL(settings.address, settings.type);
  const token = requireToken(settings, 'an incident.io API key');
  const metadata: Record<string, string> = { ...event.metadata, severity: event.severity, reason: event.reason };
  if (event.reportingController) metadata['reportingController'] = event.reportingController;
  const payload: Record<string, unknown> = {
    title: `${objectName(event)}: ${event.reason}`,
    status: event.severity === 'error' ? 'firing' : 'resolved',
    deduplication_key: event.involvedObject.uid ?? '',
  };
  if (event.message) payload['description'] = event.message;
  payload['metadata'] = sortedMap(metadata);
  return { method: 'POST', url: settings.address, headers: { ...jsonHeaders, Authorization: `Bearer ${token}` }, body: JSON.stringify(payload) };
}

/** Datadog's Events API on the address's scheme and host; its client writes the keys sorted. */
export function datadogRequest(event: NotificationEvent, settings: ProviderSettings): NotificationRequest {
  const url = requireURL(settings.address, settings.type);
  const key = requireToken(settings, 'a Datadog API key');
  const io = event.involvedObject;
  const tags = [
    `flux_reporting_controller:${event.reportingController}`,
    `flux_reason:${event.reason}`,
    `kube_kind:${io.kind}`,
    `kube_name:${io.name}`,
    `kube_namespace:${io.namespace}`,
    ...sortedEntries(event.metadata).map(([k, v]) => `${k}:${v}`),
  ].map((t) => t.toLowerCase());
  const payload = {
    alert_type: event.severity === 'error' ? 'error' : 'info',
    date_happened: Math.floor(Date.parse(event.timestamp) / 1000),
    source_type_name: 'fluxcd',
    tags,
    text: event.message,
    title: `Events from the ${io.kind} ${io.name}/${io.namespace}`,
  };
  return { method: 'POST', url: `${url.protocol}//${url.host}/api/v1/events`, headers: { ...jsonHeaders, Accept: 'application/json', 'DD-API-KEY': key }, body: JSON.stringify(payload) };
}

export const opsgenie: Notifier = async (event, settings, send) => {
  await send(opsgenieRequest(event, settings));
};
export const incidentio: Notifier = async (event, settings, send) => {
  const request = incidentioRequest(event, settings);
  if (request) await send(request);
};
export const datadog: Notifier = async (event, settings, send) => {
  await send(datadogRequest(event, settings));
};
