// alertmanager (reference §2.4): one firing alert per event, POSTed as a JSON array to the v2 API, with the
// metadata as labels and the message and summary as annotations.
import type { NotificationEvent } from '@conflux/bus';
import { EventMetadataKey } from '@conflux/api';
import { sortedMap } from '../event/wire.ts';
import { basicAuth, title } from './format.ts';
import { requireURL } from './generic.ts';
import { jsonHeaders, type NotificationRequest, type Notifier, type ProviderSettings } from './types.ts';

/** Go's zero time.Time, which encoding/json still writes for an omitempty struct field. */
const goZeroTime = '0001-01-01T00:00:00Z';

/** `Flux` + kind + Title(reason): cases.Title lower-cases all but the first letter of the one-word reason. */
export function alertName(event: NotificationEvent): string {
  return `Flux${event.involvedObject.kind}${title(event.reason)}`;
}

export function alertmanagerPayload(event: NotificationEvent): object[] {
  const io = event.involvedObject;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.metadata ?? {})) if (k !== EventMetadataKey.summary) labels[k] = v;
  Object.assign(labels, { alertname: alertName(event), severity: event.severity, reason: event.reason, kind: io.kind, name: io.name, namespace: io.namespace, reportingcontroller: event.reportingController });
  const annotations: Record<string, string> = { message: event.message };
  const summary = event.metadata?.[EventMetadataKey.summary];
  if (summary) annotations['summary'] = summary;
  return [{ status: 'firing', labels: sortedMap(labels), annotations: sortedMap(annotations), startsAt: event.timestamp, endsAt: goZeroTime }];
}

export function alertmanagerRequest(event: NotificationEvent, settings: ProviderSettings): NotificationRequest {
  requireURL(settings.address, settings.type);
  const headers: Record<string, string> = { ...jsonHeaders };
  if (settings.token) headers['Authorization'] = `Bearer ${settings.token}`;
  else if (settings.username && settings.password) headers['Authorization'] = basicAuth(settings.username, settings.password);
  return { method: 'POST', url: settings.address, headers, body: JSON.stringify(alertmanagerPayload(event)) };
}

export const alertmanager: Notifier = async (event, settings, send) => {
  await send(alertmanagerRequest(event, settings));
};
