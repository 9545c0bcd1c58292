// GIVEN a GitRepository that was Ready, WHEN its input goes bad (credentials, refs, host, content),
// THEN a condition names the problem, Ready turns False with it, and the previous artifact stays served.
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { GitRepository as GitRepositoryObject } from '@conflux/api';
import { freshNamespace, type GitServer, startGitServer, type TestNamespace } from '@conflux/testing';
import { condition, downloadFiles, type Harness, isReady, startHarness } from './test-support.ts';

describe('GitRepository failures', () => {
  let h: Harness;
  let open: GitServer;
  let guarded: GitServer;
  let ns: TestNamespace;
  let hanging: Server;
  const sockets = new Set<Socket>();
  let hangingURL = '';

  before(async () => {
    h = await startHarness('failures');
    open = await startGitServer();
    guarded = await startGitServer({ mode: 'basic', username: 'flux', password: 's3cret' });
    ns = await freshNamespace(h.plane.clients, 'gitrepo-failures');
    const app = await open.createRepository('app');
    await app.commit({ 'app.yaml': 'a: 1\n' }, 'first');
    await app.tag('v1.0.0');
    await open.createRepository('empty');
    const secured = await guarded.createRepository('app');
    await secured.commit({ 'app.yaml': 'a: 1\n' }, 'first');
    // Accepts connections and never answers: a host that is there but hangs.
    hanging = createServer((s) => void sockets.add(s));
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    hangingURL = `http://127.0.0.1:${(hanging.address() as { port: number }).port}/app.git`;
  });

  after(async () => {
    for (const s of sockets) s.destroy();
    hanging?.close();
    await ns?.remove();
    await h?.stop();
    await open?.close();
    await guarded?.close();
  });

  /** Creates a GitRepository, waits for Ready, breaks it with `patch`, and waits for `type` to be True. */
  async function readyThenBroken(name: string, spec: Record<string, unknown>, patch: Record<string, unknown>, type: string): Promise<{ before: GitRepositoryObject; after: GitRepositoryObject }> {
    await h.create(ns.name, name, { url: `${open.url}/app.git`, ref: { branch: 'main' }, ...spec });
    const good = await h.waitFor(ns.name, name, 'Ready', isReady);
    await h.patch(ns.name, name, { spec: patch });
    const bad = await h.waitFor(ns.name, name, `${type}=True`, (o) => condition(o, type)?.status === 'True' && condition(o, 'Ready')?.status === 'False');
    // The last good artifact is still in status and still served.
    assert.deepEqual(bad.status?.artifact, good.status?.artifact);
    assert.deepEqual(await downloadFiles(bad.status!.artifact!), ['app.yaml']);
    return { before: good, after: bad };
  }

  function assertReadyFrom(o: GitRepositoryObject, type: string, reason: string, message: RegExp): void {
    const c = condition(o, type)!;
    assert.equal(c.reason, reason);
    assert.match(c.message, message);
    assert.equal(condition(o, 'Ready')?.reason, reason);
    assert.equal(condition(o, 'Ready')?.message, c.message);
  }

  it('GIVEN a wrong password WHEN reconciled THEN AuthenticationFailed, with backoff instead of a retry storm', async () => {
    await h.plane.clients.core.createNamespacedSecret({ namespace: ns.name, body: { metadata: { name: 'creds' }, stringData: { username: 'flux', password: 's3cret' } } });
    await h.create(ns.name, 'auth', { url: `${guarded.url}/app.git`, ref: { branch: 'main' }, secretRef: { name: 'creds' } });
    const good = await h.waitFor(ns.name, 'auth', 'Ready', isReady);
    await h.plane.clients.core.replaceNamespacedSecret({ name: 'creds', namespace: ns.name, body: { metadata: { name: 'creds' }, stringData: { username: 'flux', password: 'wrong' } } });
    await h.requestReconcile(ns.name, 'auth');
    const bad = await h.waitFor(ns.name, 'auth', 'AuthenticationFailed', (o) => condition(o, 'FetchFailed')?.reason === 'AuthenticationFailed');
    assertReadyFrom(bad, 'FetchFailed', 'AuthenticationFailed', /authentication failed \(HTTP 401\)/);
    assert.deepEqual(bad.status?.artifact, good.status?.artifact);
    // Backoff doubles from 500ms: a few attempts in 4s, where a hot loop would make hundreds.
    const refused = () => guarded.requests.filter((r) => r.status === 401).length;
    const start = refused();
    await new Promise((r) => setTimeout(r, 4000));
    const attempts = refused() - start;
    assert.ok(attempts >= 1 && attempts <= 6, `expected a handful of retries in 4s, saw ${attempts}`);
  });

  it('GIVEN an unknown branch WHEN reconciled THEN FetchFailed says the ref is missing', async () => {
    const { after: o } = await readyThenBroken('unknown-branch', {}, { ref: { branch: 'nope' } }, 'FetchFailed');
    assertReadyFrom(o, 'FetchFailed', 'GitOperationFailed', /^failed to checkout and determine revision: .*couldn't find remote ref "refs\/heads\/nope"/);
  });

  it('GIVEN an unknown tag WHEN reconciled THEN FetchFailed says the tag is missing', async () => {
    const { after: o } = await readyThenBroken('unknown-tag', {}, { ref: { tag: 'v9.9.9' } }, 'FetchFailed');
    assertReadyFrom(o, 'FetchFailed', 'GitOperationFailed', /couldn't find remote ref "refs\/tags\/v9\.9\.9"/);
  });

  it('GIVEN a semver range no tag matches WHEN reconciled THEN FetchFailed says so', async () => {
    const { after: o } = await readyThenBroken('no-semver', {}, { ref: { semver: '>=2.0.0' } }, 'FetchFailed');
    assertReadyFrom(o, 'FetchFailed', 'GitOperationFailed', /no match found for semver: >=2\.0\.0/);
  });

  it('GIVEN a host that never answers WHEN reconciled THEN the fetch times out after spec.timeout', async () => {
    const { after: o } = await readyThenBroken('hanging', {}, { url: hangingURL, timeout: '2s' }, 'FetchFailed');
    assertReadyFrom(o, 'FetchFailed', 'GitOperationFailed', /timed out after 2s/);
  });

  it('GIVEN a repository without commits WHEN reconciled THEN FetchFailed says it is empty', async () => {
    const { after: o } = await readyThenBroken('empty', {}, { url: `${open.url}/empty.git` }, 'FetchFailed');
    assertReadyFrom(o, 'FetchFailed', 'EmptyGitRepository', /remote repository is empty/);
  });

  it('GIVEN ignore rules that exclude every file WHEN reconciled THEN StorageOperationFailed refuses an empty artifact', async () => {
    const { after: o } = await readyThenBroken('ignore-all', {}, { ignore: '/*\n' }, 'StorageOperationFailed');
    assertReadyFrom(o, 'StorageOperationFailed', 'ArchiveOperationFailed', /exclude every file/);
    assert.equal(o.status?.observedIgnore, undefined, 'observedIgnore still describes the stored artifact');
  });
});
