import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commitSHA, processedEvent, settings } from '../test-events.ts';
import { discordRequest, rocketRequest, slackRequest } from './slack.ts';

const fields = [
  { title: 'env', value: 'prod-eu', short: false },
  { title: 'revision', value: `main@sha1:${commitSHA}`, short: false },
  { title: 'summary', value: 'prod', short: false },
];

describe('slack', () => {
  it('GIVEN an error event and a bot token WHEN built THEN one danger attachment, Bearer auth, and the controller as username', () => {
    const req = slackRequest(processedEvent({ message: 'Health check failed\nsecond line' }), settings({ type: 'slack', address: 'https://slack.com/api/chat.postMessage', token: 'xoxb-1', channel: 'alerts' }));
    assert.equal(req.method, 'POST');
    assert.equal(req.url, 'https://slack.com/api/chat.postMessage');
    assert.deepEqual(req.headers, { 'Content-Type': 'application/json', Authorization: 'Bearer xoxb-1' });
    assert.deepEqual(JSON.parse(req.body as string), {
      channel: 'alerts',
      username: 'kustomize-controller',
      icon_url: '',
      icon_emoji: '',
      attachments: [{ fallback: 'kustomization/webapp.apps: Health check failed', color: 'danger', author_name: 'kustomization/webapp.apps', text: 'Health check failed\nsecond line', mrkdwn_in: ['text'], fields }],
    });
  });

  it('GIVEN an info event, a webhook URL and a username WHEN built THEN color good, no Authorization, and that username', () => {
    const req = slackRequest(processedEvent({ severity: 'info', metadata: {} }), settings({ type: 'slack', address: 'https://hooks.slack.com/services/T/B/X', username: 'flux' }));
    const body = JSON.parse(req.body as string);
    assert.equal(req.headers['Authorization'], undefined);
    assert.equal(body.username, 'flux');
    assert.equal(body.attachments[0].color, 'good');
    assert.equal('fields' in body.attachments[0], false);
  });
});

describe('discord and rocket', () => {
  it('GIVEN a Discord webhook WHEN built THEN the Slack payload without fallback goes to <address>/slack, once', () => {
    const req = discordRequest(processedEvent(), settings({ type: 'discord', address: 'https://discord.com/api/webhooks/1/abc' }));
    assert.equal(req.url, 'https://discord.com/api/webhooks/1/abc/slack');
    assert.equal('fallback' in JSON.parse(req.body as string).attachments[0], false);
    assert.equal(discordRequest(processedEvent(), settings({ type: 'discord', address: 'https://discord.com/api/webhooks/1/abc/slack' })).url, 'https://discord.com/api/webhooks/1/abc/slack');
  });

  it('GIVEN a Rocket.Chat webhook WHEN built THEN the Slack payload goes to the address as is', () => {
    const req = rocketRequest(processedEvent(), settings({ type: 'rocket', address: 'https://rocket.example.com/hooks/x' }));
    assert.equal(req.url, 'https://rocket.example.com/hooks/x');
    assert.equal(JSON.parse(req.body as string).attachments[0].fallback, 'kustomization/webapp.apps: Health check failed');
  });
});
