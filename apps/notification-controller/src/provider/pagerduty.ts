// pagerduty (reference §2.4): Events API v2 on the address's scheme and host. An error triggers an
// incident deduplicated by the object's UID; anything else resolves that incident and, for info events,
// also records a change event. Progressing events are not sent; commit-status updates never reach it.
import type { NotificationEvent } from '@conflux/bus';
import { progressingReason, statusDescription, statusName } from './commit-status.ts';
import { sortedMap } from '../event/wire.ts';
import { requireURL } from './generic.ts';
import { jsonHeaders, type NotificationRequest, type Notifier, type ProviderSettings } from './types.ts';

/** `health check failed: kustomization/webapp`, the summary of incidents and change events. */
function summary(event: NotificationEvent): string {
  return `${statusDescription(event.reason)}: ${statusName(event)}`;
}

function details(event: NotificationEvent): object {
  return { message: event.message, metadata: sortedMap(event.metadata ?? {}) };
}

/** The requests for one event, in order; none for Progressing events. */
export function pagerDutyRequests(event: NotificationEvent, settings: ProviderSettings): NotificationRequest[] {
  if (event.reason === progressingReason) return [];
  const url = requireURL(settings.address, settings.type);
  const endpoint = `${url.protocol}//${url.host}`;
  const dedupKey = event.involvedObject.uid ?? '';
  const alert: Record<string, unknown> = { routing_key: settings.channel, event_action: 'resolve', ...(dedupKey ? { dedup_key: dedupKey } : {}) };
  if (event.severity === 'error') {
    alert['event_action'] = 'trigger';
    alert['payload'] = {
      summary: summary(event),
      source: `Flux ${event.reportingController}`,
      severity: 'error',
      timestamp: event.timestamp,
      component: event.involvedObject.name,
      group: event.involvedObject.kind,
      custom_details: details(event),
    };
  }
  const requests: NotificationRequest[] = [{ method: 'POST', url: `${endpoint}/v2/enqueue`, headers: { ...jsonHeaders }, body: JSON.stringify(alert) }];
  if (event.severity === 'info') {
    const change = { routing_key: settings.channel, payload: { source: `Flux ${event.reportingController}`, summary: summary(event), timestamp: event.timestamp, custom_details: details(event) } };
    requests.push({ method: 'POST', url: `${endpoint}/v2/change/enqueue`, headers: { ...jsonHeaders }, body: JSON.stringify(change) });
  }
  return requests;
}

export const pagerduty: Notifier = async (event, settings, send) => {
  for (const request of pagerDutyRequests(event, settings)) await send(request);
};
