import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { processedEvent, settings } from '../test-events.ts';
import { encodeEvent } from '../event/wire.ts';
import { githubDispatchRequest } from './github-dispatch.ts';

describe('githubdispatch', () => {
  it('GIVEN a github.com repository WHEN built THEN a repository_dispatch with the event as client_payload', () => {
    const event = processedEvent();
    const r = githubDispatchRequest(event, settings({ type: 'githubdispatch', address: 'https://github.com/org/repo', token: 'ghp' }));
    assert.equal(r.method, 'POST');
    assert.equal(r.url, 'https://api.github.com/repos/org/repo/dispatches');
    assert.equal(r.headers['Authorization'], 'Bearer ghp');
    assert.equal(r.body, `{"event_type":"Kustomization/webapp.apps","client_payload":${encodeEvent(event)}}\n`);
  });

  it('GIVEN a GitHub Enterprise host WHEN built THEN /api/v3; GIVEN no token THEN a clear error', () => {
    assert.equal(githubDispatchRequest(processedEvent(), settings({ type: 'githubdispatch', address: 'https://ghe.example.com/org/repo.git', token: 't' })).url, 'https://ghe.example.com/api/v3/repos/org/repo/dispatches');
    assert.throws(() => githubDispatchRequest(processedEvent(), settings({ type: 'githubdispatch', address: 'https://github.com/org/repo' })), /needs a token/);
  });
});
