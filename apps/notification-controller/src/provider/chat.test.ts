import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { encodeEvent } from '../event/wire.ts';
import { processedEvent, settings } from '../test-events.ts';
import { escapeMarkdownV2, googleChatRequest, grafanaRequest, matrixRequest, telegramRequest } from './chat.ts';

const event = () => processedEvent({ metadata: { revision: 'main@sha1:abc', summary: 'prod' } });

describe('googlechat', () => {
  it('GIVEN an error event WHEN built THEN one card, the message in red, one keyValue widget per metadata entry', () => {
    const req = googleChatRequest(event(), settings({ type: 'googlechat', address: 'https://chat.googleapis.com/v1/spaces/x/messages?key=k' }));
    assert.deepEqual(JSON.parse(req.body as string), {
      cards: [
        {
          header: { title: 'kustomization/webapp.apps', subtitle: 'kustomize-controller', imageUrl: null, imageStyle: null },
          sections: [
            { header: '', widgets: [{ textParagraph: { text: '<font color="#ff0000">Health check failed</font>' }, keyValue: null }] },
            { header: '', widgets: [{ textParagraph: null, keyValue: { topLabel: 'revision', content: 'main@sha1:abc' } }, { textParagraph: null, keyValue: { topLabel: 'summary', content: 'prod' } }] },
          ],
        },
      ],
    });
  });
});

describe('grafana', () => {
  it('GIVEN an event WHEN built THEN an annotation at the event second, with tags and ":" in metadata turned to "|"', () => {
    const req = grafanaRequest(event(), settings({ type: 'grafana', address: 'https://grafana.example.com/api/annotations', token: 'g' }));
    assert.equal(req.headers['Authorization'], 'Bearer g');
    assert.deepEqual(JSON.parse(req.body as string), {
      when: 1666941979,
      text: 'kustomization/webapp.apps',
      tags: ['flux', 'kustomize-controller', 'revision: main@sha1|abc', 'summary: prod', 'kind: Kustomization', 'name: webapp', 'namespace: apps'],
    });
  });
});

describe('telegram', () => {
  it('GIVEN a channel with a thread WHEN built THEN sendMessage on api.telegram.org with escaped MarkdownV2, the address ignored', () => {
    const req = telegramRequest(event(), settings({ type: 'telegram', address: 'https://ignored.example.com', token: '123:abc', channel: '-100:42' }));
    assert.equal(req.url, 'https://api.telegram.org/bot123:abc/sendMessage');
    const body = JSON.parse(req.body as string);
    assert.equal(body.chat_id, '-100');
    assert.equal(body.message_thread_id, '42');
    assert.equal(body.parse_mode, 'MarkdownV2');
    assert.equal(body.text, '*🚨 kustomization/webapp/apps*\nHealth check failed\n\\- *revision*: main@sha1:abc\n\\- *summary*: prod');
  });

  it('GIVEN Telegram’s special characters WHEN escaped THEN each gets a backslash', () => {
    assert.equal(escapeMarkdownV2('a.b-c_d!'), 'a\\.b\\-c\\_d\\!');
  });
});

describe('matrix', () => {
  it('GIVEN a room WHEN built THEN a PUT with a transaction ID hashed from the event and Bearer auth', () => {
    const e = event();
    const req = matrixRequest(e, settings({ type: 'matrix', address: 'https://matrix.example.com', token: 'm', channel: '!room:example.com' }));
    const txn = createHash('sha1').update(encodeEvent(e)).digest('hex');
    assert.equal(req.method, 'PUT');
    assert.equal(req.url, `https://matrix.example.com/_matrix/client/r0/rooms/!room%3Aexample.com/send/m.room.message/${txn}`);
    assert.equal(req.headers['Authorization'], 'Bearer m');
    assert.deepEqual(JSON.parse(req.body as string), { body: '🚨 kustomization/webapp.apps\nHealth check failed\n- revision: main@sha1:abc\n- summary: prod', msgtype: 'm.text' });
  });
});
