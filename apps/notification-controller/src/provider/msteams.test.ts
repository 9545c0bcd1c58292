import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commitSHA, processedEvent, settings } from '../test-events.ts';
import { msteamsRequest } from './msteams.ts';

describe('msteams', () => {
  it('GIVEN a legacy office.com connector URL WHEN built THEN a MessageCard with red theme for errors', () => {
    const req = msteamsRequest(processedEvent(), settings({ type: 'msteams', address: 'https://org.webhook.office.com/webhookb2/x' }));
    assert.deepEqual(JSON.parse(req.body as string), {
      '@type': 'MessageCard',
      '@context': 'http://schema.org/extensions',
      themeColor: 'FF0000',
      summary: 'kustomization/webapp.apps',
      sections: [
        {
          activityTitle: 'Health check failed',
          activitySubtitle: 'kustomization/webapp.apps',
          facts: [
            { name: 'env', value: 'prod-eu' },
            { name: 'revision', value: `main@sha1:${commitSHA}` },
            { name: 'summary', value: 'prod' },
          ],
        },
      ],
    });
  });

  it('GIVEN a workflows URL WHEN built THEN an Adaptive Card 1.4 with the summary fact first and attention colour on error', () => {
    const req = msteamsRequest(processedEvent(), settings({ type: 'msteams', address: 'https://prod.westeurope.logic.azure.com/workflows/x' }));
    const card = JSON.parse(req.body as string);
    assert.equal(card.type, 'message');
    const content = card.attachments[0].content;
    assert.equal(card.attachments[0].contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(content.version, '1.4');
    assert.deepEqual(content.msteams, { width: 'Full' });
    const [title, message, facts] = content.body[0].items;
    assert.deepEqual(title, { type: 'TextBlock', text: 'kustomization/webapp.apps', size: 'large', weight: 'bolder', wrap: true });
    assert.deepEqual(message, { type: 'TextBlock', text: 'Health check failed', wrap: true, color: 'attention' });
    assert.deepEqual(facts.facts.map((f: { title: string }) => f.title), ['summary', 'env', 'revision']);
  });

  it('GIVEN an info event on a workflows URL WHEN built THEN the message has no colour', () => {
    const req = msteamsRequest(processedEvent({ severity: 'info' }), settings({ type: 'msteams', address: 'https://example.com/workflows/x' }));
    assert.equal('color' in JSON.parse(req.body as string).attachments[0].content.body[0].items[1], false);
  });
});
