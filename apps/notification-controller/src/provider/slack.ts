// slack, discord and rocket (reference §2.4): one Slack-style attachment per event. Discord takes the same
// payload, without the fallback text, at its Slack-compatible `/slack` endpoint; Rocket.Chat takes it as is.
import type { NotificationEvent } from '@conflux/bus';
import { isError, objectName, sortedEntries } from './format.ts';
import { requireURL } from './generic.ts';
import { jsonHeaders, NotificationError, type NotificationRequest, type Notifier, type ProviderSettings } from './types.ts';

export const slackPostMessageURL = 'https://slack.com/api/chat.postMessage';

export function slackPayload(event: NotificationEvent, settings: ProviderSettings, options: { fallback: boolean }): object {
  const name = objectName(event);
  const attachment: Record<string, unknown> = {};
  if (options.fallback) attachment['fallback'] = `${name}: ${event.message.split('\n', 1)[0]}`;
  attachment['color'] = isError(event) ? 'danger' : 'good';
  attachment['author_name'] = name;
  attachment['text'] = event.message;
  attachment['mrkdwn_in'] = ['text'];
  const fields = sortedEntries(event.metadata).map(([title, value]) => ({ title, value, short: false }));
  if (fields.length > 0) attachment['fields'] = fields;
  return {
    channel: settings.channel,
    username: settings.username || event.reportingController,
    icon_url: '',
    icon_emoji: '',
    attachments: [attachment],
  };
}

export function slackRequest(event: NotificationEvent, settings: ProviderSettings): NotificationRequest {
  requireURL(settings.address, settings.type);
  const headers: Record<string, string> = { ...jsonHeaders };
  if (settings.token) headers['Authorization'] = `Bearer ${settings.token}`;
  return { method: 'POST', url: settings.address, headers, body: JSON.stringify(slackPayload(event, settings, { fallback: true })) };
}

export function discordRequest(event: NotificationEvent, settings: ProviderSettings): NotificationRequest {
  const url = requireURL(settings.address, settings.type);
  if (!url.pathname.endsWith('/slack')) url.pathname = `${url.pathname.replace(/\/$/, '')}/slack`;
  return { method: 'POST', url: url.toString(), headers: { ...jsonHeaders }, body: JSON.stringify(slackPayload(event, settings, { fallback: false })) };
}

export function rocketRequest(event: NotificationEvent, settings: ProviderSettings): NotificationRequest {
  requireURL(settings.address, settings.type);
  return { method: 'POST', url: settings.address, headers: { ...jsonHeaders }, body: JSON.stringify(slackPayload(event, settings, { fallback: true })) };
}

export const slack: Notifier = async (event, settings, send) => {
  const response = await send(slackRequest(event, settings));
  // Only the Web API answers with {"ok": …}; incoming webhooks answer "ok" in plain text.
  if (settings.address !== slackPostMessageURL) return;
  let answer: { ok?: boolean; error?: string };
  try {
    answer = JSON.parse(response.body) as typeof answer;
  } catch {
    throw new NotificationError(`Slack responded with error: unreadable answer ${response.body.slice(0, 200)}`);
  }
  if (answer.ok !== true) throw new NotificationError(`Slack responded with error: ${answer.error ?? response.body.slice(0, 200)}`);
};

export const discord: Notifier = async (event, settings, send) => {
  await send(discordRequest(event, settings));
};

export const rocket: Notifier = async (event, settings, send) => {
  await send(rocketRequest(event, settings));
};
