// googlechat, grafana, telegram and matrix (reference §2.4): one request each, shaped as the reference
// gives it.
import { createHash } from 'node:crypto';
import type { NotificationEvent } from '@conflux/bus';
import { encodeEvent } from '../event/wire.ts';
import { basicAuth, isError, objectName, sortedEntries } from './format.ts';
import { requireURL } from './generic.ts';
import { jsonHeaders, NotificationError, type NotificationRequest, type Notifier, type ProviderSettings } from './types.ts';

export function googleChatRequest(event: NotificationEvent, settings: ProviderSettings): NotificationRequest {
  requireURL(settings.address, settings.type);
  const text = isError(event) ? `<font color="#ff0000">${event.message}</font>` : event.message;
  const sections: object[] = [{ header: '', widgets: [{ textParagraph: { text }, keyValue: null }] }];
  const entries = sortedEntries(event.metadata);
  if (entries.length > 0) sections.push({ header: '', widgets: entries.map(([topLabel, content]) => ({ textParagraph: null, keyValue: { topLabel, content } })) });
  const payload = { cards: [{ header: { title: objectName(event), subtitle: event.reportingController, imageUrl: null, imageStyle: null }, sections }] };
  return { method: 'POST', url: settings.address, headers: { ...jsonHeaders }, body: JSON.stringify(payload) };
}

/** Grafana tags are `key: value`; a ':' inside either would split the tag, so it becomes '|'. */
const tagPart = (s: string) => s.replaceAll(':', '|');

export function grafanaRequest(event: NotificationEvent, settings: ProviderSettings): NotificationRequest {
  requireURL(settings.address, settings.type);
  const io = event.involvedObject;
  const tags = ['flux', event.reportingController, ...sortedEntries(event.metadata).map(([k, v]) => `${tagPart(k)}: ${tagPart(v)}`), `kind: ${io.kind}`, `name: ${io.name}`, `namespace: ${io.namespace}`];
  const payload = { when: Math.floor(Date.parse(event.timestamp) / 1000), text: objectName(event), tags };
  const headers: Record<string, string> = { ...jsonHeaders };
  if (settings.token) headers['Authorization'] = `Bearer ${settings.token}`;
  else if (settings.username && settings.password) headers['Authorization'] = basicAuth(settings.username, settings.password);
  return { method: 'POST', url: settings.address, headers, body: JSON.stringify(payload) };
}

const markdownV2Special = /[\\_*[\]()~`>#+\-=|{}.!]/g;
export const escapeMarkdownV2 = (s: string) => s.replace(markdownV2Special, (c) => `\\${c}`);

export const telegramAPI = 'https://api.telegram.org';

export function telegramRequest(event: NotificationEvent, settings: ProviderSettings, apiBase = telegramAPI): NotificationRequest {
  if (!settings.token) throw new NotificationError('the telegram provider needs a token in its Secret');
  if (!settings.channel) throw new NotificationError('the telegram provider needs spec.channel (the chat ID)');
  const io = event.involvedObject;
  const emoji = isError(event) ? '🚨' : '💫';
  const lines = [`*${escapeMarkdownV2(`${emoji} ${io.kind.toLowerCase()}/${io.name}/${io.namespace}`)}*`, escapeMarkdownV2(event.message)];
  for (const [k, v] of sortedEntries(event.metadata)) lines.push(`\\- *${escapeMarkdownV2(k)}*: ${escapeMarkdownV2(v)}`);
  const [chat, thread] = settings.channel.split(':', 2);
  const payload: Record<string, unknown> = { chat_id: chat };
  if (thread) payload['message_thread_id'] = thread;
  payload['text'] = lines.join('\n');
  payload['parse_mode'] = 'MarkdownV2';
  return { method: 'POST', url: `${apiBase}/bot${settings.token}/sendMessage`, headers: { ...jsonHeaders }, body: JSON.stringify(payload) };
}

export function matrixRequest(event: NotificationEvent, settings: ProviderSettings): NotificationRequest {
  const base = requireURL(settings.address, settings.type);
  if (!settings.channel) throw new NotificationError('the matrix provider needs spec.channel (the room ID)');
  const emoji = isError(event) ? '🚨' : '💫';
  const lines = [`${emoji} ${objectName(event)}`, event.message, ...sortedEntries(event.metadata).map(([k, v]) => `- ${k}: ${v}`)];
  // The transaction ID makes a retried PUT idempotent on the homeserver.
  const txn = createHash('sha1').update(encodeEvent(event)).digest('hex');
  const path = `${base.pathname.replace(/\/$/, '')}/_matrix/client/r0/rooms/${encodeURIComponent(settings.channel)}/send/m.room.message/${txn}`;
  const headers: Record<string, string> = { ...jsonHeaders };
  if (settings.token) headers['Authorization'] = `Bearer ${settings.token}`;
  return { method: 'PUT', url: new URL(path, base).toString(), headers, body: JSON.stringify({ body: lines.join('\n'), msgtype: 'm.text' }) };
}

export const googlechat: Notifier = async (event, settings, send) => {
  await send(googleChatRequest(event, settings));
};
export const grafana: Notifier = async (event, settings, send) => {
  await send(grafanaRequest(event, settings));
};
export const telegram: Notifier = async (event, settings, send) => {
  await send(telegramRequest(event, settings));
};
export const matrix: Notifier = async (event, settings, send) => {
  await send(matrixRequest(event, settings));
};
