// e2e: the commit-status types bitbucketserver and azuredevops, and commitStatusExpr, against a real HTTP
// server standing in for the Git host (reference §2.1, §2.3 step 7, §2.5). Bitbucket Cloud's API host is
// fixed (api.bitbucket.org), so bitbucket is covered by unit tests only.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { NotificationEvent } from '@conflux/bus';
import { eventually, freshNamespace, type TestNamespace } from '@conflux/testing';
import { eventFor, type Harness, type Recorder, startHarness, startRecorder } from './test-support.ts';

const sha = '731f7eaddfb6af01cb2173e18f0f75b0ba780ef1';
const commit = { 'event.toolkit.fluxcd.io/commit': sha };
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

describe('commit status providers, end to end', () => {
  let h: Harness;
  let rec: Recorder;
  let ns: TestNamespace;
  let n = 0;

  before(async () => {
    h = await startHarness('nc-commit-status');
    rec = await startRecorder();
    ns = await freshNamespace(h.plane.clients, 'nc-commit-status');
  });
  after(async () => {
    await h?.stop();
    await rec?.close();
    await ns?.remove();
  });

  async function setup(type: string, repoPath: string, secret: Record<string, string>, spec: Record<string, unknown> = {}) {
    const id = `${type}-${++n}`;
    await h.createSecret(ns.name, id, { address: `${rec.url}${repoPath}`, ...secret });
    const { uid } = await h.createProvider(ns.name, id, { type, secretRef: { name: id }, ...spec });
    await h.createAlert(ns.name, id, { providerRef: { name: id }, eventSources: [{ kind: 'Kustomization', name: id }], eventMetadata: { cluster: 'eu-1' } });
    await h.waitCached(ns.name, id, id);
    return { id, context: `kustomization/${id}/${uid.split('-')[0]}`, address: `${rec.url}${repoPath}` };
  }

  const post = (id: string, e: Partial<NotificationEvent>) => h.postEvent(eventFor(ns.name, id, e));

  it('GIVEN a bitbucketserver Provider with a context path WHEN error and success events arrive THEN FAILED and SUCCESSFUL builds keyed by the SHA-1 of the status ID', async () => {
    const { id, context, address } = await setup('bitbucketserver', '/bitbucket/scm/PROJ/repo-a.git', { token: 'bbs-token' });
    const builds = `/bitbucket/rest/api/latest/projects/PROJ/repos/repo-a/commits/${sha}/builds`;
    const posts = (r: { method: string; path: string }) => r.method === 'POST' && r.path === builds;
    const key = sha1(context);
    await post(id, {});
    await rec.waitFor(1, posts);
    await post(id, { severity: 'info', reason: 'ReconciliationSucceeded', metadata: commit });
    const got = await rec.waitFor(2, posts);
    assert.deepEqual(got.map((r) => r.body), [
      `{"description":"health check failed","key":"${key}","name":"kustomization/${id} [health check failed]","state":"FAILED","url":"${address}"}\n`,
      `{"description":"reconciliation succeeded","key":"${key}","name":"kustomization/${id} [reconciliation succeeded]","state":"SUCCESSFUL","url":"${address}"}\n`,
    ]);
    assert.equal(got[0]!.headers['authorization'], 'Bearer bbs-token');
    assert.equal(got[0]!.headers['x-atlassian-token'], 'no-check');
    assert.equal(got[0]!.headers['x-requested-with'], 'XMLHttpRequest');
    assert.equal(rec.requests.filter((r) => r.method === 'GET' && r.path === `${builds}?key=${key}`).length, 2);
  });

  it('GIVEN a bitbucketserver build that already says the same WHEN the event arrives THEN nothing is posted', async () => {
    const { id, context } = await setup('bitbucketserver', '/scm/PROJ/repo-dup.git', { password: 'pw' }, { username: 'flux' });
    const builds = `/rest/api/latest/projects/PROJ/repos/repo-dup/commits/${sha}/builds`;
    const previous = rec.respond;
    const existing = { key: sha1(context), state: 'FAILED', description: 'health check failed', name: `kustomization/${id} [health check failed]` };
    rec.respond = (r) => (r.method === 'GET' && r.path.startsWith(builds) ? { status: 200, body: JSON.stringify(existing) } : previous(r));
    try {
      await post(id, {});
      const gets = await rec.waitFor(1, (r) => r.method === 'GET' && r.path.startsWith(builds));
      assert.equal(gets[0]!.headers['authorization'], `Basic ${Buffer.from('flux:pw').toString('base64')}`);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(rec.requests.filter((r) => r.method === 'POST' && r.path === builds).length, 0);
    } finally {
      rec.respond = previous;
    }
  });

  it('GIVEN an azuredevops Provider WHEN error and success events arrive THEN error and succeeded statuses with the fluxcd genre and the status ID as name', async () => {
    const { id, context } = await setup('azuredevops', '/org/proj/_git/repo', { token: 'ado-pat' });
    const statuses = `/org/proj/_apis/git/repositories/repo/commits/${sha}/statuses`;
    const posts = (r: { method: string; path: string }) => r.method === 'POST' && r.path === statuses;
    await post(id, {});
    await rec.waitFor(1, posts);
    await post(id, { severity: 'info', reason: 'ReconciliationSucceeded', metadata: commit });
    const got = await rec.waitFor(2, posts);
    assert.deepEqual(got.map((r) => JSON.parse(r.body)), [
      { context: { genre: 'fluxcd:prod', name: context }, description: 'health check failed', state: 'error' },
      { context: { genre: 'fluxcd', name: context }, description: 'reconciliation succeeded', state: 'succeeded' },
    ]);
    assert.equal(got[0]!.headers['authorization'], `Basic ${Buffer.from(':ado-pat').toString('base64')}`);
    assert.equal(rec.requests.filter((r) => r.method === 'GET' && r.path === statuses).length, 2);
  });

  it('GIVEN a gitea Provider with commitStatusExpr WHEN an event arrives THEN the status context is what the expression gives', async () => {
    const expr = "event.involvedObject.kind + '/' + event.involvedObject.name + '@' + event.metadata.cluster + '/' + alert.metadata.name + '/' + provider.spec.type";
    const { id } = await setup('gitea', '/expr/repo', { token: 'gt' }, { commitStatusExpr: expr });
    await post(id, {});
    const got = await rec.waitFor(1, (r) => r.method === 'POST' && r.path === `/api/v1/repos/expr/repo/statuses/${sha}`);
    assert.equal(JSON.parse(got[0]!.body).context, `Kustomization/${id}@eu-1/${id}/gitea`);
  });

  it('GIVEN a commitStatusExpr that fails to evaluate WHEN an event arrives THEN a Warning event on the Alert names the expression, and nothing is sent', async () => {
    const { id } = await setup('gitea', '/expr-bad/repo', { token: 'gt' }, { commitStatusExpr: 'event.metadata.missing' });
    await post(id, {});
    const warnings = await eventually('a NotificationDispatchFailed event', async () => {
      const found = (await h.alertEvents(ns.name, id)).filter((e) => e.reason === 'NotificationDispatchFailed');
      return found.length > 0 ? found : undefined;
    });
    assert.match(warnings[0]!.message, /failed to evaluate commitStatusExpr 'event\.metadata\.missing'/);
    assert.equal(rec.requests.filter((r) => r.path.startsWith('/api/v1/repos/expr-bad/')).length, 0);
  });

  it('GIVEN a githubpullrequestcomment Provider WHEN events with a change_request arrive THEN a comment is created, then our own comment is edited', async () => {
    const id = `prc-${++n}`;
    await h.createSecret(ns.name, id, { address: `${rec.url}/pr-org/app`, token: 'ghp-pr' });
    const { uid } = await h.createProvider(ns.name, id, { type: 'githubpullrequestcomment', secretRef: { name: id } });
    await h.createAlert(ns.name, id, { providerRef: { name: id }, eventSources: [{ kind: 'Kustomization', name: id }] });
    await h.waitCached(ns.name, id, id);
    const marker = `<!-- flux-pr-comment-key:${uid}/Kustomization/${ns.name}/${id} -->`;
    const issues = '/api/v3/repos/pr-org/app/issues';
    let comments: object[] = [];
    const previous = rec.respond;
    rec.respond = (r) => {
      if (r.path === '/api/v3/user') return { status: 200, body: '{"login":"flux-bot"}' };
      if (r.method === 'GET' && r.path.startsWith(`${issues}/7/comments`)) return { status: 200, body: JSON.stringify(comments) };
      return r.path.startsWith(issues) ? { status: 201, body: '{}' } : previous(r);
    };
    try {
      const pr = { 'event.toolkit.fluxcd.io/change_request': '7' };
      await post(id, { metadata: pr });
      const created = await rec.waitFor(1, (r) => r.method === 'POST' && r.path === `${issues}/7/comments`);
      const body = JSON.parse(created[0]!.body).body as string;
      assert.ok(body.startsWith(`${marker}\n\n## Flux Status\n\n⚠️ Kustomization/${ns.name}/${id}\n`), body);
      assert.doesNotMatch(body, /change_request/);
      assert.equal(created[0]!.headers['authorization'], 'Bearer ghp-pr');
      comments = [{ id: 31, user: { login: 'flux-bot' }, body }];
      await post(id, { severity: 'info', reason: 'ReconciliationSucceeded', metadata: pr });
      const edited = await rec.waitFor(1, (r) => r.method === 'PATCH' && r.path === `${issues}/comments/31`);
      assert.match(JSON.parse(edited[0]!.body).body, /ℹ️/);
      await post(id, {});
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(rec.requests.filter((r) => r.path.startsWith(issues) && r.method !== 'GET').length, 2, 'an event without change_request is dropped');
    } finally {
      rec.respond = previous;
    }
  });
});
