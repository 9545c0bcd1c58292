// e2e: the provider types added last (gitlabmergerequestcomment, giteapullrequestcomment, otel, sentry),
// each driven by a real event through the running controller to a real HTTP server standing in for the
// host, collector or Sentry, which records exactly what arrives (reference §2.2, §2.4).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NotificationEvent } from '@conflux/bus';
import { freshNamespace, type TestNamespace } from '@conflux/testing';
import { eventFor, type Harness, type Recorder, startHarness, startRecorder } from '../test-support.ts';

describe('late provider types, end to end', () => {
  let h: Harness;
  let rec: Recorder;
  let ns: TestNamespace;
  let n = 0;

  before(async () => {
    h = await startHarness('nc-late-types');
    rec = await startRecorder();
    ns = await freshNamespace(h.plane.clients, 'nc-late-types');
  });
  after(async () => {
    await h?.stop();
    await rec?.close();
    await ns?.remove();
  });

  async function setup(type: string, secret: Record<string, string>, spec: Record<string, unknown> = {}) {
    const id = `${type}-${++n}`;
    await h.createSecret(ns.name, id, secret);
    const { uid } = await h.createProvider(ns.name, id, { type, secretRef: { name: id }, ...spec });
    await h.createAlert(ns.name, id, { providerRef: { name: id }, eventSources: [{ kind: 'Kustomization', name: id }] });
    await h.waitCached(ns.name, id, id);
    return { id, uid };
  }
  const post = (id: string, e: Partial<NotificationEvent> = {}) => h.postEvent(eventFor(ns.name, id, e));
  const pr = { 'event.toolkit.fluxcd.io/change_request': '7' };

  /** Answers the user and list calls of a comment API; writes get 201. */
  async function withCommentHost<T>(user: string, list: string, comments: () => object[], body: () => Promise<T>): Promise<T> {
    const previous = rec.respond;
    rec.respond = (r) => {
      if (r.path === user) return { status: 200, body: JSON.stringify({ login: 'flux-bot', username: 'flux-bot' }) };
      if (r.method === 'GET' && r.path.startsWith(list)) return { status: 200, body: JSON.stringify(comments()) };
      return r.method === 'GET' ? previous(r) : { status: 201, body: '{}' };
    };
    try {
      return await body();
    } finally {
      rec.respond = previous;
    }
  }

  it('GIVEN a gitlabmergerequestcomment Provider WHEN events for merge request 7 arrive THEN a note is created with PRIVATE-TOKEN, then our note is updated', async () => {
    const { id, uid } = await setup('gitlabmergerequestcomment', { address: `${rec.url}/group/app`, token: 'glpat-1' });
    const notes = '/api/v4/projects/group%2Fapp/merge_requests/7/notes';
    let comments: object[] = [];
    await withCommentHost('/api/v4/user', notes, () => comments, async () => {
      await post(id, { metadata: pr });
      const [created] = await rec.waitFor(1, (r) => r.method === 'POST' && r.path === notes);
      assert.equal(created!.headers['private-token'], 'glpat-1');
      const body = JSON.parse(created!.body).body as string;
      assert.ok(body.startsWith(`<!-- flux-pr-comment-key:${uid}/Kustomization/${ns.name}/${id} -->\n\n## Flux Status\n\n⚠️ Kustomization/${ns.name}/${id}\n`), body);
      comments = [{ id: 12, author: { username: 'flux-bot' }, body }];
      await post(id, { severity: 'info', reason: 'ReconciliationSucceeded', metadata: pr });
      const [updated] = await rec.waitFor(1, (r) => r.method === 'PUT' && r.path === `${notes}/12`);
      assert.match(JSON.parse(updated!.body).body, /ℹ️/);
    });
  });

  it('GIVEN a giteapullrequestcomment Provider WHEN events for pull request 7 arrive THEN an issue comment is created with "token" auth, then edited', async () => {
    const { id, uid } = await setup('giteapullrequestcomment', { address: `${rec.url}/org/app.git`, token: 'gitea-1' });
    const issues = '/api/v1/repos/org/app/issues';
    let comments: object[] = [];
    await withCommentHost('/api/v1/user', `${issues}/7/comments`, () => comments, async () => {
      await post(id, { metadata: pr });
      const [created] = await rec.waitFor(1, (r) => r.method === 'POST' && r.path === `${issues}/7/comments`);
      assert.equal(created!.headers['authorization'], 'token gitea-1');
      const body = JSON.parse(created!.body).body as string;
      assert.ok(body.startsWith(`<!-- flux-pr-comment-key:${uid}/Kustomization/${ns.name}/${id} -->`), body);
      comments = [{ id: 44, user: { login: 'flux-bot' }, body }];
      await post(id, { severity: 'info', reason: 'ReconciliationSucceeded', metadata: pr });
      await rec.waitFor(1, (r) => r.method === 'PATCH' && r.path === `${issues}/comments/44`);
    });
  });

  it('GIVEN an otel Provider with a token and headers WHEN an error event arrives THEN one OTLP/HTTP JSON span with status ERROR reaches the collector path', async () => {
    const { id } = await setup('otel', { address: `${rec.url}/collector/v1/traces`, token: 'otel-token', headers: 'X-Scope-OrgID: team-a' });
    await post(id, { message: 'Health check failed' });
    const [got] = await rec.waitFor(1, (r) => r.path === '/collector/v1/traces');
    assert.equal(got!.method, 'POST');
    assert.equal(got!.headers['content-type'], 'application/json');
    assert.equal(got!.headers['authorization'], 'Bearer otel-token');
    assert.equal(got!.headers['x-scope-orgid'], 'team-a');
    const span = JSON.parse(got!.body).resourceSpans[0].scopeSpans[0].spans[0];
    assert.equal(span.name, `Kustomization/${ns.name}/${id}`);
    assert.deepEqual(span.status, { code: 2, message: 'Health check failed' });
    assert.equal(span.startTimeUnixNano, '1666941979000000000');
  });

  it('GIVEN a sentry Provider whose DSN points at the recorder WHEN an error event arrives THEN an envelope with an error event reaches the project’s envelope endpoint', async () => {
    const dsn = rec.url.replace('://', '://pubkey@') + '/77';
    const { id } = await setup('sentry', { address: dsn }, { channel: 'staging' });
    await post(id, { message: 'Health check failed' });
    const [got] = await rec.waitFor(1, (r) => r.path === '/api/77/envelope/');
    assert.equal(got!.headers['content-type'], 'application/x-sentry-envelope');
    assert.match(String(got!.headers['x-sentry-auth']), /sentry_version=7, .*sentry_key=pubkey$/);
    const [header, item, payload] = got!.body.split('\n');
    assert.equal(JSON.parse(header!).dsn, dsn);
    assert.equal(JSON.parse(item!).type, 'event');
    const event = JSON.parse(payload!);
    assert.equal(event.level, 'error');
    assert.equal(event.environment, 'staging');
    assert.equal(event.message, `${id}: Health check failed`);
  });
});
