import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { validateRequest, type WebhookRequest } from './validate.ts';

const token = 'hook-token';
const json = (o: unknown) => Buffer.from(JSON.stringify(o));
const hmac = (alg: string, body: Buffer, key = token) => createHmac(alg, key).update(body).digest('hex');
const req = (headers: Record<string, string>, body: Buffer = json({ ref: 'refs/heads/main' })): WebhookRequest => ({ headers, body });
const ok = (type: string, r: WebhookRequest, events?: string[]) => validateRequest(r, { type, token, ...(events ? { events } : {}) });

describe('generic and generic-hmac', () => {
  test('GIVEN a generic receiver WHEN any body arrives THEN it is accepted', () => {
    assert.equal(ok('generic', req({}, Buffer.from('not json'))).ok, true);
  });

  test('GIVEN generic-hmac WHEN X-Signature is the sha256 HMAC of the body THEN it is accepted, and a tampered body is not', () => {
    const body = json({ a: 1 });
    assert.equal(ok('generic-hmac', req({ 'x-signature': `sha256=${hmac('sha256', body)}` }, body)).ok, true);
    assert.equal(ok('generic-hmac', req({ 'x-signature': `sha256=${hmac('sha256', body)}` }, json({ a: 2 }))).ok, false);
  });

  test('GIVEN generic-hmac WHEN the signature is missing THEN it fails naming the header', () => {
    const result = ok('generic-hmac', req({}));
    assert.ok(!result.ok && result.message.includes('X-Signature'));
  });
});

describe('github', () => {
  const body = json({ ref: 'refs/heads/main' });
  const signed = (event: string, extra: Record<string, string> = {}) =>
    req({ 'content-type': 'application/json', 'x-github-event': event, 'x-hub-signature-256': `sha256=${hmac('sha256', body)}`, ...extra }, body);

  test('GIVEN a push signed with X-Hub-Signature-256 WHEN events allow push (in another case) THEN it is accepted', () => {
    assert.deepEqual(ok('github', signed('push'), ['Push']), { ok: true, event: 'push' });
  });

  test('GIVEN only the legacy sha1 X-Hub-Signature WHEN validated THEN it is accepted', () => {
    const r = req({ 'content-type': 'application/json', 'x-github-event': 'push', 'x-hub-signature': `sha1=${hmac('sha1', body)}` }, body);
    assert.equal(ok('github', r).ok, true);
  });

  test('GIVEN a form-encoded delivery WHEN its raw body is signed THEN the payload field is parsed and it is accepted', () => {
    const form = Buffer.from(`payload=${encodeURIComponent('{"ref":"x"}')}`);
    const r = req({ 'content-type': 'application/x-www-form-urlencoded', 'x-github-event': 'push', 'x-hub-signature-256': `sha256=${hmac('sha256', form)}` }, form);
    assert.equal(ok('github', r).ok, true);
  });

  test('GIVEN a signature made with another token WHEN validated THEN it is rejected', () => {
    const r = req({ 'content-type': 'application/json', 'x-github-event': 'push', 'x-hub-signature-256': `sha256=${hmac('sha256', body, 'other')}` }, body);
    assert.equal(ok('github', r).ok, false);
  });

  test('GIVEN events [push] WHEN a release event arrives THEN it is not authorised', () => {
    const result = ok('github', signed('release'), ['push']);
    assert.ok(!result.ok && result.message.includes("'release' is not authorised"));
  });

  test('GIVEN events [push] WHEN a signed ping arrives THEN it is accepted but ignored', () => {
    assert.deepEqual(ok('github', signed('ping'), ['push']), { ok: true, event: 'ping', ignore: true });
  });

  test('GIVEN an unsupported content type WHEN validated THEN it is rejected', () => {
    assert.equal(ok('github', signed('push', { 'content-type': 'text/plain' })).ok, false);
  });
});

describe('gitlab', () => {
  test('GIVEN X-Gitlab-Token equal to the token WHEN a Push Hook arrives and is allowed THEN it is accepted', () => {
    assert.deepEqual(ok('gitlab', req({ 'x-gitlab-token': token, 'x-gitlab-event': 'Push Hook' }), ['push hook']), { ok: true, event: 'Push Hook' });
  });

  test('GIVEN a wrong or missing X-Gitlab-Token WHEN validated THEN it is rejected', () => {
    assert.equal(ok('gitlab', req({ 'x-gitlab-token': 'nope', 'x-gitlab-event': 'Push Hook' })).ok, false);
    assert.equal(ok('gitlab', req({ 'x-gitlab-event': 'Push Hook' })).ok, false);
  });

  test('GIVEN events [Tag Push Hook] WHEN a Push Hook arrives THEN it is not authorised', () => {
    assert.equal(ok('gitlab', req({ 'x-gitlab-token': token, 'x-gitlab-event': 'Push Hook' }), ['Tag Push Hook']).ok, false);
  });
});

describe('gitea', () => {
  const body = json({ ref: 'refs/heads/main' });

  test('GIVEN X-Gitea-Signature is the hex HMAC-SHA256 of the body WHEN a push arrives THEN it is accepted', () => {
    assert.deepEqual(ok('gitea', req({ 'x-gitea-signature': hmac('sha256', body), 'x-gitea-event': 'push' }, body), ['push']), { ok: true, event: 'push' });
  });

  test('GIVEN a GitHub-style prefixed or wrong signature WHEN validated THEN it is rejected', () => {
    assert.equal(ok('gitea', req({ 'x-gitea-signature': `sha256=${hmac('sha256', body)}`, 'x-gitea-event': 'push' }, body)).ok, false);
    assert.equal(ok('gitea', req({ 'x-gitea-signature': hmac('sha256', body, 'x'), 'x-gitea-event': 'push' }, body)).ok, false);
    assert.equal(ok('gitea', req({ 'x-gitea-event': 'push' }, body)).ok, false);
  });

  test('GIVEN events [push] WHEN a signed pull_request event arrives THEN it is not authorised', () => {
    assert.equal(ok('gitea', req({ 'x-gitea-signature': hmac('sha256', body), 'x-gitea-event': 'pull_request' }, body), ['push']).ok, false);
  });
});

describe('bitbucket, harbor, nexus', () => {
  test('GIVEN Bitbucket signs with X-Hub-Signature sha256 WHEN repo:refs_changed is allowed THEN it is accepted', () => {
    const body = json({});
    const r = req({ 'x-hub-signature': `sha256=${hmac('sha256', body)}`, 'x-event-key': 'repo:refs_changed' }, body);
    assert.equal(ok('bitbucket', r, ['repo:refs_changed']).ok, true);
    assert.equal(ok('bitbucket', r, ['repo:push']).ok, false);
  });

  test('GIVEN Harbor WHEN Authorization equals the token exactly THEN it is accepted, otherwise rejected', () => {
    assert.equal(ok('harbor', req({ authorization: token })).ok, true);
    assert.equal(ok('harbor', req({ authorization: `Bearer ${token}` })).ok, false);
  });

  test('GIVEN Nexus WHEN X-Nexus-Webhook-Signature is the hex HMAC-SHA1 of the body THEN it is accepted, otherwise rejected', () => {
    const body = json({ action: 'CREATED', repositoryName: 'docker-hosted' });
    assert.equal(ok('nexus', req({ 'x-nexus-webhook-signature': hmac('sha1', body) }, body)).ok, true);
    assert.equal(ok('nexus', req({ 'x-nexus-webhook-signature': hmac('sha256', body) }, body)).ok, false);
  });
});

describe('registries without signatures', () => {
  test('GIVEN well-formed DockerHub, Quay and ACR payloads WHEN validated THEN each is accepted', () => {
    assert.equal(ok('dockerhub', req({}, json({ push_data: { tag: 'v1' }, repository: { repo_url: 'https://hub.docker.com/r/a/b' } }))).ok, true);
    assert.equal(ok('quay', req({}, json({ docker_url: 'quay.io/a/b', updated_tags: ['v1'] }))).ok, true);
    assert.equal(ok('acr', req({}, json({ action: 'push', target: { repository: 'a/b', tag: 'v1' } }))).ok, true);
  });

  test('GIVEN bodies that are not JSON, or have a field of the wrong type WHEN validated THEN each is rejected', () => {
    assert.equal(ok('dockerhub', req({}, Buffer.from('nope'))).ok, false);
    assert.equal(ok('quay', req({}, json({ updated_tags: 'v1' }))).ok, false);
    assert.equal(ok('acr', req({}, json({ target: { tag: 1 } }))).ok, false);
  });
});

describe('cdevents', () => {
  const event = {
    context: { version: '0.4.1', id: '1', source: '/ci', type: 'dev.cdevents.artifact.published.0.1.1', timestamp: '2026-01-01T00:00:00Z' },
    subject: { id: 'pkg:oci/app', content: {} },
  };

  test('GIVEN a valid CDEvent whose Ce-Type is allowed WHEN validated THEN it is accepted', () => {
    assert.equal(ok('cdevents', req({ 'ce-type': event.context.type }, json(event)), [event.context.type]).ok, true);
  });

  test('GIVEN a Ce-Type not in events, or an event without a context type WHEN validated THEN each is rejected', () => {
    assert.equal(ok('cdevents', req({ 'ce-type': 'dev.cdevents.build.started.0.1.1' }, json(event)), [event.context.type]).ok, false);
    assert.equal(ok('cdevents', req({}, json({ ...event, context: { ...event.context, type: 'push' } }))).ok, false);
  });
});

describe('types this synchronous check cannot accept', () => {
  // gcr and generic-oidc are verified by authenticateRequest with their issuers' keys (gcr.test.ts, generic-oidc.test.ts).
  test('GIVEN gcr, generic-oidc or an unknown type WHEN validated here THEN each is rejected with a clear message', () => {
    for (const type of ['gcr', 'generic-oidc', 'svn']) {
      const result = ok(type, req({}));
      assert.ok(!result.ok && result.message.length > 0, type);
    }
  });
});
