// e2e: an Alert and a Provider in the real control plane, an event POSTed to the event server, and the
// exact request each provider type sends, recorded by a real HTTP server (reference §2.4, §2.5).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { NotificationEvent } from '@conflux/bus';
import { freshNamespace, type TestNamespace } from '@conflux/testing';
import { cleanupMetadata, combineEventMetadata, excludeInternalMetadata } from './event/metadata.ts';
import { alertmanagerRequest } from './provider/alertmanager.ts';
import { googleChatRequest, grafanaRequest } from './provider/chat.ts';
import { msteamsRequest } from './provider/msteams.ts';
import { discordRequest, rocketRequest, slackRequest } from './provider/slack.ts';
import type { NotificationRequest, ProviderSettings } from './provider/types.ts';
import { eventFor, type Harness, type Recorder, startHarness, startRecorder } from './test-support.ts';

const sha = '731f7eaddfb6af01cb2173e18f0f75b0ba780ef1';

describe('providers, end to end', () => {
  let h: Harness;
  let rec: Recorder;
  let ns: TestNamespace;
  let n = 0;

  before(async () => {
    h = await startHarness('nc-providers');
    rec = await startRecorder();
    ns = await freshNamespace(h.plane.clients, 'nc-providers');
  });
  after(async () => {
    await h?.stop();
    await rec?.close();
    await ns?.remove();
  });

  /** Creates Secret + Provider + Alert for `type`, posts one event about a fresh Kustomization, returns what arrived. */
  async function deliver(type: string, opts: { path?: string; secret?: Record<string, string>; spec?: Record<string, unknown>; alert?: Record<string, unknown>; event?: Partial<NotificationEvent>; expect?: number } = {}) {
    const id = `${type.replace(/[^a-z]/g, '')}-${++n}`;
    const path = opts.path ?? `/${id}`;
    await h.createSecret(ns.name, id, { address: `${rec.url}${path}`, ...opts.secret });
    const { uid } = await h.createProvider(ns.name, id, { type, secretRef: { name: id }, ...opts.spec });
    await h.createAlert(ns.name, id, { providerRef: { name: id }, eventSources: [{ kind: 'Kustomization', name: id }], ...opts.alert });
    await h.waitCached(ns.name, id, id);
    const event = eventFor(ns.name, id, opts.event);
    const before = rec.requests.length;
    assert.equal((await h.postEvent(event)).status, 202);
    const got = await rec.waitFor(opts.expect ?? 1, (r) => rec.requests.indexOf(r) >= before && r.path.includes(path.split('?')[0] as string));
    return { event, got, uid, id, path };
  }

  /** What a provider receives: the posted event after the pipeline, with the Alert's metadata. */
  const processed = (event: NotificationEvent, alert: { eventMetadata?: Record<string, string> } = {}) => combineEventMetadata(excludeInternalMetadata(cleanupMetadata(event)), alert).event;

  const settingsFor = (type: string, address: string, extra: Partial<ProviderSettings> = {}): ProviderSettings => ({ type, address, channel: '', username: '', password: '', token: '', headers: {}, commitStatus: '', ...extra });

  function assertSame(got: { method: string; path: string; headers: Record<string, unknown>; body: string }, want: NotificationRequest) {
    const url = new URL(want.url);
    assert.equal(got.method, want.method);
    assert.equal(got.path, `${url.pathname}${url.search}`);
    for (const [k, v] of Object.entries(want.headers)) assert.equal(got.headers[k.toLowerCase()], v, `header ${k}`);
    assert.equal(got.body, want.body);
  }

  it('GIVEN a generic Provider with headers and an Alert with eventMetadata WHEN an event arrives THEN the processed event is POSTed with Gotk-Component', async () => {
    const { event, got } = await deliver('generic', { secret: { headers: 'X-Team: platform\n' }, alert: { eventMetadata: { env: 'prod-eu' } } });
    const r = got[0]!;
    assert.equal(r.method, 'POST');
    assert.equal(r.headers['content-type'], 'application/json');
    assert.equal(r.headers['gotk-component'], 'kustomize-controller');
    assert.equal(r.headers['x-team'], 'platform');
    const io = event.involvedObject;
    assert.equal(
      r.body,
      `{"involvedObject":{"kind":"Kustomization","namespace":"${io.namespace}","name":"${io.name}","uid":"${io.uid}","apiVersion":"kustomize.toolkit.fluxcd.io/v1","resourceVersion":"1234"},` +
        `"severity":"error","timestamp":"2022-10-28T07:26:19Z","message":"${event.message}","reason":"HealthCheckFailed",` +
        `"metadata":{"env":"prod-eu","revision":"main@sha1:${sha}","summary":"prod"},` +
        `"reportingController":"kustomize-controller","reportingInstance":"kustomize-controller-7c7b47f5f-8bhrp"}`,
    );
  });

  it('GIVEN a generic-hmac Provider WHEN an event arrives THEN X-Signature is the HMAC-SHA256 of the exact bytes received', async () => {
    const { got } = await deliver('generic-hmac', { secret: { token: 'hmac-key' } });
    const r = got[0]!;
    assert.equal(r.headers['x-signature'], `sha256=${createHmac('sha256', 'hmac-key').update(r.body).digest('hex')}`);
    assert.equal(JSON.parse(r.body).metadata.token, undefined);
  });

  for (const [type, build, secret] of [
    ['slack', slackRequest, { token: 'xoxb-secret' }],
    ['discord', discordRequest, {}],
    ['rocket', rocketRequest, {}],
    ['msteams', msteamsRequest, {}],
    ['googlechat', googleChatRequest, {}],
    ['grafana', grafanaRequest, { token: 'grafana-token' }],
    ['alertmanager', alertmanagerRequest, { username: 'am', password: 'pw' }],
  ] as const) {
    it(`GIVEN a ${type} Provider WHEN an event arrives THEN the recorded request is exactly the one the reference describes`, async () => {
      const { event, got, path } = await deliver(type, { secret });
      const want = build(processed(event), settingsFor(type, `${rec.url}${path}`, secret));
      assertSame(got[0]!, want);
    });
  }

  it('GIVEN a gitea Provider WHEN error, Progressing and success events arrive THEN failure, pending and success statuses are posted after a GET each', async () => {
    const id = `gitea-${++n}`;
    await h.createSecret(ns.name, id, { token: 'gitea-token' });
    const { uid } = await h.createProvider(ns.name, id, { type: 'gitea', address: `${rec.url}/org/repo.git`, secretRef: { name: id } });
    await h.createAlert(ns.name, id, { providerRef: { name: id }, eventSources: [{ kind: 'Kustomization', name: id }] });
    await h.waitCached(ns.name, id, id);
    const context = `kustomization/${id}/${uid.split('-')[0]}`;
    const posts = (r: { method: string; path: string }) => r.method === 'POST' && r.path === `/api/v1/repos/org/repo/statuses/${sha}`;
    const commit = { 'event.toolkit.fluxcd.io/commit': sha };
    for (const [i, e] of [
      { severity: 'error', reason: 'HealthCheckFailed' },
      { severity: 'info', reason: 'Progressing' },
      { severity: 'info', reason: 'ReconciliationSucceeded' },
    ].entries()) {
      assert.equal((await h.postEvent(eventFor(ns.name, id, { ...(e as Partial<NotificationEvent>), metadata: commit }))).status, 202);
      await rec.waitFor(i + 1, posts);
    }
    const bodies = rec.requests.filter(posts).map((r) => JSON.parse(r.body));
    assert.deepEqual(bodies, [
      { state: 'failure', target_url: '', description: 'health check failed', context },
      { state: 'pending', target_url: '', description: 'progressing', context },
      { state: 'success', target_url: '', description: 'reconciliation succeeded', context },
    ]);
    const gets = rec.requests.filter((r) => r.method === 'GET' && r.path === `/api/v1/repos/org/repo/commits/${sha}/statuses?page=1&limit=50`);
    assert.equal(gets.length, 3);
    assert.equal(gets[0]!.headers['authorization'], 'token gitea-token');
  });

  it('GIVEN a gitea status that already says the same WHEN the event arrives THEN nothing is posted', async () => {
    const id = `gitea-dup-${++n}`;
    const { uid } = await h.createProvider(ns.name, id, { type: 'gitea', address: `${rec.url}/dup/repo` });
    await h.createAlert(ns.name, id, { providerRef: { name: id }, eventSources: [{ kind: 'Kustomization', name: id }] });
    await h.waitCached(ns.name, id, id);
    const context = `kustomization/${id}/${uid.split('-')[0]}`;
    const previous = rec.respond;
    rec.respond = (r) => (r.path.startsWith('/api/v1/repos/dup/') && r.method === 'GET' ? { status: 200, body: JSON.stringify([{ status: 'failure', description: 'health check failed', context }]) } : previous(r));
    try {
      await h.postEvent(eventFor(ns.name, id));
      await rec.waitFor(1, (r) => r.method === 'GET' && r.path.startsWith('/api/v1/repos/dup/'));
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(rec.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/api/v1/repos/dup/')).length, 0);
    } finally {
      rec.respond = previous;
    }
  });

  async function commitStatusSetup(type: string, repoPath: string, token: string) {
    const id = `${type}-${++n}`;
    await h.createSecret(ns.name, id, { token, address: `${rec.url}${repoPath}` });
    const { uid } = await h.createProvider(ns.name, id, { type, secretRef: { name: id } });
    await h.createAlert(ns.name, id, { providerRef: { name: id }, eventSources: [{ kind: 'Kustomization', name: id }] });
    await h.waitCached(ns.name, id, id);
    return { id, context: `kustomization/${id}/${uid.split('-')[0]}` };
  }

  it('GIVEN a github Provider on a GitHub Enterprise host WHEN error and success events arrive THEN failure and success statuses under /api/v3 with Bearer auth', async () => {
    const { id, context } = await commitStatusSetup('github', '/gh-org/repo', 'ghp-token');
    const posts = (r: { method: string; path: string }) => r.method === 'POST' && r.path === `/api/v3/repos/gh-org/repo/statuses/${sha}`;
    await h.postEvent(eventFor(ns.name, id));
    await rec.waitFor(1, posts);
    await h.postEvent(eventFor(ns.name, id, { severity: 'info', reason: 'ReconciliationSucceeded', metadata: { 'event.toolkit.fluxcd.io/commit': sha } }));
    const got = await rec.waitFor(2, posts);
    assert.deepEqual(got.map((r) => JSON.parse(r.body)), [
      { state: 'failure', description: 'health check failed', context },
      { state: 'success', description: 'reconciliation succeeded', context },
    ]);
    assert.equal(got[0]!.headers['authorization'], 'Bearer ghp-token');
    assert.equal(rec.requests.filter((r) => r.method === 'GET' && r.path === `/api/v3/repos/gh-org/repo/commits/${sha}/statuses?per_page=50`).length, 2);
  });

  it('GIVEN a github Provider WHEN an info event without commit metadata arrives THEN it is dropped, as upstream drops it for commit status providers', async () => {
    const { id } = await commitStatusSetup('github', '/gh-drop/repo', 'ghp-token');
    await h.postEvent(eventFor(ns.name, id, { severity: 'info', reason: 'ReconciliationSucceeded' }));
    // A second, reportable event proves the first had its chance to arrive first.
    await h.postEvent(eventFor(ns.name, id));
    const got = await rec.waitFor(1, (r) => r.method === 'POST' && r.path.startsWith('/api/v3/repos/gh-drop/'));
    assert.equal(JSON.parse(got[0]!.body).state, 'failure');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(rec.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/api/v3/repos/gh-drop/')).length, 1);
  });

  it('GIVEN a gitlab Provider WHEN error and success events arrive THEN failed and success statuses on the encoded project with PRIVATE-TOKEN', async () => {
    const { id, context } = await commitStatusSetup('gitlab', '/group/project', 'glpat-token');
    const posts = (r: { method: string; path: string }) => r.method === 'POST' && r.path === `/api/v4/projects/group%2Fproject/statuses/${sha}`;
    await h.postEvent(eventFor(ns.name, id));
    await rec.waitFor(1, posts);
    await h.postEvent(eventFor(ns.name, id, { severity: 'info', reason: 'ReconciliationSucceeded', metadata: { 'kustomize.toolkit.fluxcd.io/commit_status': 'update', 'kustomize.toolkit.fluxcd.io/revision': `main@sha1:${sha}` } }));
    const got = await rec.waitFor(2, posts);
    assert.deepEqual(got.map((r) => JSON.parse(r.body)), [
      { state: 'failed', name: context, description: 'health check failed' },
      { state: 'success', name: context, description: 'reconciliation succeeded' },
    ]);
    assert.equal(got[0]!.headers['private-token'], 'glpat-token');
    assert.equal(rec.requests.filter((r) => r.method === 'GET' && r.path === `/api/v4/projects/group%2Fproject/repository/commits/${sha}/statuses?name=${encodeURIComponent(context)}`).length, 2);
  });
});
