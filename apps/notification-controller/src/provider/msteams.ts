// msteams (reference §2.4): a legacy MessageCard for Office 365 connector URLs, an Adaptive Card 1.4 for
// everything else (Power Automate workflows, which replaced the connectors).
import type { NotificationEvent } from '@conflux/bus';
import { EventMetadataKey } from '@conflux/api';
import { isError, objectName, sortedEntries } from './format.ts';
import { requireURL } from './generic.ts';
import { jsonHeaders, type NotificationRequest, type Notifier, type ProviderSettings } from './types.ts';

export function isLegacyTeamsURL(url: URL): boolean {
  return url.hostname.endsWith('.webhook.office.com');
}

export function messageCard(event: NotificationEvent): object {
  const name = objectName(event);
  return {
    '@type': 'MessageCard',
    '@context': 'http://schema.org/extensions',
    themeColor: isError(event) ? 'FF0000' : '0076D7',
    summary: name,
    sections: [{ activityTitle: event.message, activitySubtitle: name, facts: sortedEntries(event.metadata).map(([k, v]) => ({ name: k, value: v })) }],
  };
}

/** Facts with the summary first, then the rest by key, so the impact reads before the details. */
function facts(metadata: Record<string, string> | undefined): Array<{ title: string; value: string }> {
  const entries = sortedEntries(metadata);
  const summary = entries.filter(([k]) => k === EventMetadataKey.summary);
  const rest = entries.filter(([k]) => k !== EventMetadataKey.summary);
  return [...summary, ...rest].map(([title, value]) => ({ title, value }));
}

export function adaptiveCard(event: NotificationEvent): object {
  const message: Record<string, unknown> = { type: 'TextBlock', text: event.message, wrap: true };
  if (isError(event)) message['color'] = 'attention';
  const items: object[] = [{ type: 'TextBlock', text: objectName(event), size: 'large', weight: 'bolder', wrap: true }, message];
  const f = facts(event.metadata);
  if (f.length > 0) items.push({ type: 'FactSet', facts: f });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [{ type: 'Container', items }],
          msteams: { width: 'Full' },
        },
      },
    ],
  };
}

export function msteamsRequest(event: NotificationEvent, settings: ProviderSettings): NotificationRequest {
  const url = requireURL(settings.address, settings.type);
  const payload = isLegacyTeamsURL(url) ? messageCard(event) : adaptiveCard(event);
  return { method: 'POST', url: settings.address, headers: { ...jsonHeaders }, body: JSON.stringify(payload) };
}

export const msteams: Notifier = async (event, settings, send) => {
  await send(msteamsRequest(event, settings));
};
