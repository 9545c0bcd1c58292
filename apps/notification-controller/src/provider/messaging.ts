// webex, lark, zulip and zoom (reference §2.4): team-chat tools, each with its own message format.
// Metadata is listed in key order (upstream iterates a Go map, so its order varies from one event to the next).
import type { NotificationEvent } from '@conflux/bus';
import { EventMetadataKey } from '@conflux/api';
import { basicAuth, isError, objectName, sortedEntries } from './format.ts';
import { requireURL } from './generic.ts';
import { jsonHeaders, NotificationError, type NotificationRequest, type Notifier, type ProviderSettings } from './types.ts';

/** Webex: a Markdown message to the room `channel`, as the bot whose token is in the Secret. */
export function webexRequest(event: NotificationEvent, settings: ProviderSettings): NotificationRequest {
  requireURL(settings.address, settings.type);
  let markdown = `${isError(event) ? '💣' : '✅'} **${objectName(event)}**\n${event.message}\n`;
  for (const [k, v] of sortedEntries(event.metadata)) markdown += `>**${k}**: ${v}\n`;
  const payload: Record<string, string> = {};
  if (settings.channel) payload['roomId'] = settings.channel;
  payload['markdown'] = markdown;
  return { method: 'POST', url: settings.address, headers: { ...jsonHeaders, Authorization: `Bearer ${settings.token}` }, body: JSON.stringify(payload) };
}

/** Lark: an interactive card, turquoise for info and red for errors. */
export function larkRequest(event: NotificationEvent, settings: ProviderSettings): NotificationRequest {
  requireURL(settings.address, settings.type);
  const error = isError(event);
  let content = `**${event.message}**\n\n`;
  for (const [k, v] of sortedEntries(event.metadata)) content += `${k}: ${v}\n`;
  const card = {
    config: { wide_screen_mode: true },
    header: { title: { tag: 'plain_text', content: `${error ? '🚨' : '💫'} ${objectName(event)}` }, template: error ? 'red' : 'turquoise' },
    elements: [{ tag: 'div', text: { tag: 'lark_md', content } }],
  };
  return { method: 'POST', url: settings.address, headers: { ...jsonHeaders }, body: JSON.stringify({ msg_type: 'interactive', card }) };
}

/** The Markdown post of Zulip and the change-request comments: status, object, message, metadata. */
export function markdownPost(event: NotificationEvent): string {
  const io = event.involvedObject;
  const lines = sortedEntries(event.metadata)
    .filter(([k]) => k !== EventMetadataKey.changeRequest)
    .map(([k, v]) => `* \`${k}\`: ${v}\n`)
    .join('');
  return `## Flux Status\n\n${isError(event) ? '⚠️' : 'ℹ️'} ${io.kind}/${io.namespace}/${io.name}\n\n${event.message}\n\nMetadata:\n${lines}`;
}

/** Go's url.QueryEscape: only letters, digits and `-_.~` stay as they are, and a space is `+`. */
export function goQueryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%20', '+');
}

/** Zulip: a form-encoded stream message to `<stream>/<topic>`, with Basic auth from username and password. */
export function zulipRequest(event: NotificationEvent, settings: ProviderSettings): NotificationRequest {
  const url = requireURL(settings.address, settings.type);
  url.pathname = '/api/v1/messages';
  const slash = settings.channel.indexOf('/');
  const [stream, topic] = slash < 0 ? ['', ''] : [settings.channel.slice(0, slash), settings.channel.slice(slash + 1)];
  if (!stream || !topic) throw new NotificationError(`invalid Zulip channel format, expected <channel>/<topic>, got '${settings.channel}'`);
  // url.Values.Encode sorts by key.
  const form: Array<[string, string]> = [['content', markdownPost(event)], ['to', stream], ['topic', topic], ['type', 'stream']];
  const body = form.map(([k, v]) => `${goQueryEscape(k)}=${goQueryEscape(v)}`).join('&');
  return { method: 'POST', url: url.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basicAuth(settings.username, settings.password) }, body };
}

/** Zoom Team Chat: the rich (`format=full`) message of an Incoming Webhook, with its raw verification token. */
export function zoomRequest(event: NotificationEvent, settings: ProviderSettings): NotificationRequest {
  const url = requireURL(settings.address, settings.type);
  if (!settings.token) throw new NotificationError('the zoom provider needs the webhook verification token as the token in its Secret');
  if (!url.searchParams.get('format')) {
    url.searchParams.set('format', 'full');
    url.searchParams.sort();
  }
  const body: object[] = [{ type: 'message', text: event.message }];
  const entries = sortedEntries(event.metadata);
  if (entries.length > 0) body.push({ type: 'fields', items: entries.map(([key, value]) => ({ key, value })) });
  const payload = { content: { head: { text: objectName(event), sub_head: { text: event.severity } }, body } };
  return { method: 'POST', url: url.toString(), headers: { ...jsonHeaders, Authorization: settings.token }, body: JSON.stringify(payload) };
}

export const webex: Notifier = async (event, settings, send) => {
  await send(webexRequest(event, settings));
};
export const lark: Notifier = async (event, settings, send) => {
  await send(larkRequest(event, settings));
};
export const zulip: Notifier = async (event, settings, send) => {
  await send(zulipRequest(event, settings));
};
export const zoom: Notifier = async (event, settings, send) => {
  await send(zoomRequest(event, settings));
};
