// azureeventhub (reference §2.4): the event JSON sent as one event to an Event Hub. Upstream speaks AMQP
// through Azure's Go SDK; Conflux uses the Event Hubs REST API instead (one HTTPS POST per event, no AMQP
// client in memory), with the same two credentials:
// - a SAS connection string in `address` (`Endpoint=sb://<ns>.servicebus.windows.net/;SharedAccessKeyName=…;
//   SharedAccessKey=…;EntityPath=<hub>`), from which a SharedAccessSignature token is signed per request;
// - the deprecated static JWT in `token`, with the hub's name in `address` and its namespace in `channel`.
import { createHmac } from 'node:crypto';
import type { NotificationEvent } from '@conflux/bus';
import { encodeEvent } from '../event/wire.ts';
import { NotificationError, type NotificationRequest, type Notifier, type ProviderSettings } from './types.ts';

/** Sends every Event Hubs request to this base URL instead of `https://<namespace host>`, e.g. for a test's recording server. */
export const eventHubsBaseURLEnv = 'CONFLUX_AZURE_EVENTHUBS_URL';

// How long a signed token is good for; each request signs a new one, so this only bounds replay.
const sasLifetimeSeconds = 3600;
const namespaceSuffix = '.servicebus.windows.net';

export interface EventHubConnection {
  /** The namespace's host, e.g. flux.servicebus.windows.net. */
  host: string;
  hub: string;
  keyName: string;
  key: string;
}

/** Reads a SAS connection string; throws a NotificationError naming what is missing. */
export function parseConnectionString(text: string): EventHubConnection {
  const fields = new Map<string, string>();
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    // Keys are base64 and may end in '=': only the first '=' separates name from value.
    if (eq > 0) fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const endpoint = fields.get('endpoint');
  const keyName = fields.get('sharedaccesskeyname');
  const key = fields.get('sharedaccesskey');
  const hub = fields.get('entitypath');
  if (!endpoint || !keyName || !key) throw new NotificationError('the azureeventhub connection string needs Endpoint, SharedAccessKeyName and SharedAccessKey');
  if (!hub) throw new NotificationError('the azureeventhub connection string needs EntityPath, the name of the Event Hub');
  let host: string;
  try {
    host = new URL(endpoint).host;
  } catch {
    throw new NotificationError('the azureeventhub connection string has an Endpoint that is not a URL (expected sb://<namespace>.servicebus.windows.net/)');
  }
  if (!host) throw new NotificationError('the azureeventhub connection string has an Endpoint without a host');
  return { host, hub, keyName, key };
}

/**
 * A SharedAccessSignature for `resourceURI`: HMAC-SHA256, keyed with the key's text as given, over the
 * URL-encoded resource, a newline and the expiry in Unix seconds.
 */
export function sasToken(resourceURI: string, keyName: string, key: string, expiry: number): string {
  const resource = encodeURIComponent(resourceURI);
  const signature = createHmac('sha256', key).update(`${resource}\n${expiry}`).digest('base64');
  return `SharedAccessSignature sr=${resource}&sig=${encodeURIComponent(signature)}&se=${expiry}&skn=${encodeURIComponent(keyName)}`;
}

export interface EventHubRequestOptions {
  now?: Date;
  /** Replaces `https://<namespace host>` in the request URL; the signed resource keeps the real one. */
  baseURL?: string;
}

/** The send-event request for `settings`: SAS when `address` is a connection string, else the static JWT. */
export function eventHubRequest(event: NotificationEvent, settings: ProviderSettings, options: EventHubRequestOptions = {}): NotificationRequest {
  const address = settings.address.trim();
  if (!address) throw new NotificationError('the azureeventhub provider needs an address: a SAS connection string, or the Event Hub name with a JWT token');
  let host: string;
  let hub: string;
  let authorization: string;
  if (address.includes('SharedAccessKey')) {
    if (settings.token) throw new NotificationError('azureeventhub: a JWT token and SAS authentication cannot be set at the same time');
    const c = parseConnectionString(address);
    ({ host, hub } = c);
    const expiry = Math.floor((options.now ?? new Date()).getTime() / 1000) + sasLifetimeSeconds;
    authorization = sasToken(`https://${host}/${hub}`, c.keyName, c.key, expiry);
  } else if (settings.token) {
    const namespace = settings.channel.trim();
    if (!namespace) throw new NotificationError('azureeventhub: with a JWT token, the channel must name the Event Hubs namespace');
    host = namespace.includes('.servicebus.') ? namespace : `${namespace}${namespaceSuffix}`;
    hub = address;
    authorization = `Bearer ${settings.token}`;
  } else {
    throw new NotificationError("azureeventhub: workload identity is not supported by Conflux; use a SAS connection string in the Secret's 'address'");
  }
  const base = (options.baseURL || `https://${host}`).replace(/\/+$/, '');
  return {
    method: 'POST',
    url: `${base}/${encodeURIComponent(hub)}/messages?timeout=60&api-version=2014-01`,
    // The content type the Event Hubs REST API documents for a single event; the body is the event itself.
    headers: { Authorization: authorization, 'Content-Type': 'application/atom+xml;type=entry;charset=utf-8' },
    body: encodeEvent(event),
  };
}

export const azureeventhub: Notifier = async (event, settings, send) => {
  const baseURL = process.env[eventHubsBaseURLEnv];
  await send(eventHubRequest(event, settings, baseURL ? { baseURL } : {}));
};
