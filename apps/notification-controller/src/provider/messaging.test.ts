import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { processedEvent, settings } from '../test-events.ts';
import { goQueryEscape, larkRequest, markdownPost, webexRequest, zoomRequest, zulipRequest } from './messaging.ts';

const revision = 'main@sha1:731f7eaddfb6af01cb2173e18f0f75b0ba780ef1';

describe('webex', () => {
  it('GIVEN an error event WHEN built THEN Markdown with the bomb, the metadata quoted, to the room, as the bot', () => {
    const r = webexRequest(processedEvent(), settings({ type: 'webex', address: 'https://webexapis.com/v1/messages', channel: 'room-1', token: 'bot' }));
    assert.equal(r.headers['Authorization'], 'Bearer bot');
    assert.equal(r.body, JSON.stringify({ roomId: 'room-1', markdown: `💣 **kustomization/webapp.apps**\nHealth check failed\n>**env**: prod-eu\n>**revision**: ${revision}\n>**summary**: prod\n` }));
  });
});

describe('lark', () => {
  it('GIVEN info and error events WHEN built THEN an interactive card, turquoise or red', () => {
    const r = larkRequest(processedEvent(), settings({ type: 'lark', address: 'https://open.larksuite.com/hook/x' }));
    assert.equal(
      r.body,
      JSON.stringify({
        msg_type: 'interactive',
        card: {
          config: { wide_screen_mode: true },
          header: { title: { tag: 'plain_text', content: '🚨 kustomization/webapp.apps' }, template: 'red' },
          elements: [{ tag: 'div', text: { tag: 'lark_md', content: `**Health check failed**\n\nenv: prod-eu\nrevision: ${revision}\nsummary: prod\n` } }],
        },
      }),
    );
    assert.equal(JSON.parse(larkRequest(processedEvent({ severity: 'info' }), settings({ type: 'lark', address: 'https://x/hook' })).body!).card.header.template, 'turquoise');
  });
});

describe('zulip', () => {
  it('GIVEN a stream/topic channel WHEN built THEN a form-encoded message to /api/v1/messages with Basic auth', () => {
    const r = zulipRequest(processedEvent(), settings({ type: 'zulip', address: 'https://zulip.example.com/ignored', channel: 'flux/alerts now', username: 'bot@example.com', password: 'key' }));
    assert.equal(r.url, 'https://zulip.example.com/api/v1/messages');
    assert.equal(r.headers['Content-Type'], 'application/x-www-form-urlencoded');
    assert.equal(r.headers['Authorization'], `Basic ${Buffer.from('bot@example.com:key').toString('base64')}`);
    const form = new URLSearchParams(r.body);
    assert.deepEqual([...form.keys()], ['content', 'to', 'topic', 'type']);
    assert.equal(form.get('to'), 'flux');
    assert.equal(form.get('topic'), 'alerts now');
    assert.equal(form.get('type'), 'stream');
    assert.equal(form.get('content'), `## Flux Status\n\n⚠️ Kustomization/apps/webapp\n\nHealth check failed\n\nMetadata:\n* \`env\`: prod-eu\n* \`revision\`: ${revision}\n* \`summary\`: prod\n`);
    assert.throws(() => zulipRequest(processedEvent(), settings({ type: 'zulip', address: 'https://z', channel: 'flux' })), /expected <channel>\/<topic>/);
  });

  it('GIVEN characters Go and JavaScript encode differently WHEN escaped THEN as Go’s url.QueryEscape', () => {
    assert.equal(goQueryEscape("a b*(c)!'~"), 'a+b%2A%28c%29%21%27~');
  });

  it('GIVEN a change_request key WHEN the Markdown post is made THEN it is left out of the metadata', () => {
    assert.doesNotMatch(markdownPost(processedEvent({ metadata: { change_request: '12', a: 'b' } })), /change_request/);
  });
});

describe('zoom', () => {
  it('GIVEN an incoming webhook WHEN built THEN format=full, the raw token, head and sorted fields', () => {
    const r = zoomRequest(processedEvent(), settings({ type: 'zoom', address: 'https://integrations.zoom.us/chat/webhooks/incomingwebhook/abc', token: 'verify' }));
    assert.equal(r.url, 'https://integrations.zoom.us/chat/webhooks/incomingwebhook/abc?format=full');
    assert.equal(r.headers['Authorization'], 'verify');
    assert.equal(
      r.body,
      JSON.stringify({
        content: {
          head: { text: 'kustomization/webapp.apps', sub_head: { text: 'error' } },
          body: [
            { type: 'message', text: 'Health check failed' },
            { type: 'fields', items: [{ key: 'env', value: 'prod-eu' }, { key: 'revision', value: revision }, { key: 'summary', value: 'prod' }] },
          ],
        },
      }),
    );
    assert.equal(zoomRequest(processedEvent(), settings({ type: 'zoom', address: 'https://z.example.com/hook?format=message', token: 't' })).url, 'https://z.example.com/hook?format=message');
    assert.throws(() => zoomRequest(processedEvent(), settings({ type: 'zoom', address: 'https://z.example.com/hook' })), /verification token/);
  });
});
