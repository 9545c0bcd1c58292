// generic and generic-hmac (reference §2.4): the post-processed event, as upstream's bytes, to the address,
// with Gotk-Component and the Secret's headers; generic-hmac signs the exact body with the token.
import { createHmac } from 'node:crypto';
import type { NotificationEvent } from '@conflux/bus';
import { encodeEvent } from '../event/wire.ts';
import { NotificationError, type NotificationRequest, type Notifier, type ProviderSettings } from './types.ts';

export function requireURL(address: string, type: string): URL {
  try {
    const url = new URL(address);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url;
  } catch {
    throw new NotificationError(`invalid address for the ${type} provider: "${address}" is not an absolute http(s) URL`);
  }
}

export function genericRequest(event: NotificationEvent, settings: ProviderSettings): NotificationRequest {
  requireURL(settings.address, settings.type);
  const body = encodeEvent(event);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Gotk-Component': event.reportingController, ...settings.headers };
  return { method: 'POST', url: settings.address, headers, body };
}

export function hmacSignature(key: string, body: string): string {
  return `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
}

export function genericHmacRequest(event: NotificationEvent, settings: ProviderSettings): NotificationRequest {
  if (!settings.token) throw new NotificationError('HMAC key is empty: the generic-hmac provider needs a token in its Secret');
  const request = genericRequest(event, settings);
  request.headers['X-Signature'] = hmacSignature(settings.token, request.body as string);
  return request;
}

export const generic: Notifier = async (event, settings, send) => {
  await send(genericRequest(event, settings));
};

export const genericHmac: Notifier = async (event, settings, send) => {
  await send(genericHmacRequest(event, settings));
};
