// sentry (reference §2.4): `address` is the project's DSN and `channel` the environment. An error event
// becomes a Sentry error event, an info event a transaction (upstream sends those as performance data),
// both in one envelope POSTed to the project's envelope endpoint with the DSN's public key.
import { randomUUID } from 'node:crypto';
import type { NotificationEvent } from '@conflux/bus';
import { isError, sortedEntries } from './format.ts';
import { NotificationError, type NotificationRequest, type Notifier, type ProviderSettings } from './types.ts';

export interface SentryDSN {
  /** scheme://host[:port][/path], where the API lives. */
  base: string;
  publicKey: string;
  projectID: string;
}

/** `https://<publicKey>@<host>[/<path>]/<projectID>`, as Sentry shows it. */
export function parseDSN(dsn: string): SentryDSN {
  let url: URL;
  try {
    url = new URL(dsn);
  } catch {
    throw new NotificationError(`invalid Sentry DSN "${dsn}"`);
  }
  const segments = url.pathname.split('/').filter(Boolean);
  const projectID = segments.pop();
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.username || !projectID) {
    throw new NotificationError('invalid Sentry DSN: expected https://<public key>@<host>/<project ID> in the address');
  }
  return { base: `${url.origin}${segments.length ? `/${segments.join('/')}` : ''}`, publicKey: decodeURIComponent(url.username), projectID };
}

export interface SentryRequestOptions {
  /** 32 hex digits; random when absent. */
  eventID?: string;
  /** When the envelope is sent. */
  now?: Date;
}

export function sentryRequest(event: NotificationEvent, settings: ProviderSettings, options: SentryRequestOptions = {}): NotificationRequest {
  const dsn = parseDSN(settings.address);
  const eventID = options.eventID ?? randomUUID().replaceAll('-', '');
  const io = event.involvedObject;
  const at = Date.parse(event.timestamp) / 1000 || (options.now ?? new Date()).getTime() / 1000;
  const common = {
    event_id: eventID,
    timestamp: at,
    platform: 'other',
    server_name: event.reportingController,
    ...(settings.channel ? { environment: settings.channel } : {}),
    tags: { 'flux.kind': io.kind, 'flux.namespace': io.namespace, 'flux.name': io.name, 'flux.reason': event.reason },
    extra: Object.fromEntries(sortedEntries(event.metadata)),
  };
  const item = isError(event)
    ? { type: 'event', payload: { ...common, level: 'error', message: `${io.name}: ${event.message}` } }
    : {
        type: 'transaction',
        payload: {
          ...common,
          type: 'transaction',
          transaction: `${io.kind}/${io.namespace}/${io.name}`,
          start_timestamp: at,
          contexts: { trace: { trace_id: eventID, span_id: eventID.slice(0, 16), op: event.reason, description: event.message, status: 'ok' } },
        },
      };
  const payload = JSON.stringify(item.payload);
  const header = { event_id: eventID, sent_at: (options.now ?? new Date()).toISOString(), dsn: settings.address };
  const body = `${JSON.stringify(header)}\n${JSON.stringify({ type: item.type, length: Buffer.byteLength(payload) })}\n${payload}\n`;
  return {
    method: 'POST',
    url: `${dsn.base}/api/${dsn.projectID}/envelope/`,
    headers: {
      'Content-Type': 'application/x-sentry-envelope',
      'X-Sentry-Auth': `Sentry sentry_version=7, sentry_client=conflux-notification-controller/1.0, sentry_key=${dsn.publicKey}`,
      ...settings.headers,
    },
    body,
  };
}

export const sentry: Notifier = async (event, settings, send) => {
  await send(sentryRequest(event, settings));
};
