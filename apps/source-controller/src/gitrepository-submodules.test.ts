// GIVEN superprojects whose submodules live on the same Git server, WHEN a GitRepository sets
// spec.recurseSubmodules THEN its artifact holds every submodule at its pinned commit; WHEN a submodule
// cannot be fetched THEN FetchFailed names it and the previous artifact stays served.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freshNamespace, type GitServer, startGitServer, type TestNamespace, workingCopy } from '@conflux/testing';
import { condition, downloadFiles, type Harness, isReady, startHarness } from './test-support.ts';

describe('GitRepository recurseSubmodules', () => {
  let h: Harness;
  let open: GitServer;
  let guarded: GitServer;
  let ns: TestNamespace;
  let work: string;
  let n = 0;
  const creds = { username: 'flux', password: 's3cret' };
  const workDir = () => join(work, `wc-${n++}`);

  before(async () => {
    h = await startHarness('submodules');
    ns = await freshNamespace(h.plane.clients, 'gitrepo-submodules');
    open = await startGitServer();
    guarded = await startGitServer({ mode: 'basic', ...creds });
    work = await mkdtemp(join(tmpdir(), 'submodule-work-'));
  });

  after(async () => {
    await ns?.remove();
    await h?.stop();
    await open?.close();
    await guarded?.close();
    await rm(work, { recursive: true, force: true });
  });

  const revisionOf = (o: Parameters<typeof isReady>[0]) => o.status?.artifact?.revision;

  it('GIVEN a submodule pinned to an older commit with a nested submodule WHEN recurseSubmodules goes from false to true THEN the new artifact holds the pinned files of every level', async () => {
    const deep = await open.createRepository('tree/deep');
    await deep.commit({ 'deep.yaml': 'deep: 1\n' }, 'deep');
    const lib = await open.createRepository('tree/lib');
    const libWork = await workingCopy(workDir(), lib.bareDir);
    await libWork.write({ 'lib.yaml': 'lib: old\n', 'old-only.yaml': 'x: 1\n' });
    await libWork.addSubmodule(deep.url, 'deep', { recordAs: '../deep.git' });
    const pinned = await libWork.commitAndPush('lib, old');
    await libWork.git('rm', '--quiet', 'old-only.yaml');
    await libWork.write({ 'lib.yaml': 'lib: new\n' });
    await libWork.commitAndPush('lib, new');
    const app = await open.createRepository('tree/app');
    const appWork = await workingCopy(workDir(), app.bareDir);
    await appWork.write({ 'app.yaml': 'app: 1\n' });
    await appWork.addSubmodule(lib.url, 'vendor/lib', { commit: pinned, recordAs: '../lib.git' });
    const head = await appWork.commitAndPush('app pins the old lib');

    await h.create(ns.name, 'tree', { url: app.url, ref: { branch: 'main' } });
    const flat = await h.waitFor(ns.name, 'tree', 'Ready', isReady);
    assert.deepEqual(await downloadFiles(flat.status!.artifact!), ['app.yaml']);
    assert.equal(flat.status?.observedRecurseSubmodules, undefined);

    await h.patch(ns.name, 'tree', { spec: { recurseSubmodules: true } });
    const full = await h.waitFor(ns.name, 'tree', 'Ready with submodules', (o) => isReady(o) && o.status?.observedRecurseSubmodules === true);
    assert.equal(revisionOf(full), `main@sha1:${head}`);
    assert.notEqual(full.status?.artifact?.digest, flat.status?.artifact?.digest);
    // .gitmodules is one of upstream's always-excluded VCS files, at every level.
    assert.deepEqual(await downloadFiles(full.status!.artifact!), ['app.yaml', 'vendor/lib/deep/deep.yaml', 'vendor/lib/lib.yaml', 'vendor/lib/old-only.yaml']);
  });

  it('GIVEN a private superproject and submodule on one host WHEN the GitRepository has a basic-auth Secret THEN the submodule is fetched with it', async () => {
    const lib = await guarded.createRepository('private/lib');
    await lib.commit({ 'lib.yaml': 'private: true\n' }, 'lib');
    const app = await guarded.createRepository('private/app');
    const appWork = await workingCopy(workDir(), app.bareDir);
    await appWork.write({ 'app.yaml': 'app: 1\n' });
    await appWork.addSubmodule(lib.url.replace('http://', `http://${creds.username}:${creds.password}@`), 'lib', { recordAs: '../lib.git' });
    await appWork.commitAndPush('app with a private lib');
    await h.plane.clients.core.createNamespacedSecret({ namespace: ns.name, body: { metadata: { name: 'basic' }, stringData: creds } });

    await h.create(ns.name, 'private', { url: app.url, ref: { branch: 'main' }, secretRef: { name: 'basic' }, recurseSubmodules: true });
    const ready = await h.waitFor(ns.name, 'private', 'Ready', isReady);
    assert.deepEqual(await downloadFiles(ready.status!.artifact!), ['app.yaml', 'lib/lib.yaml']);
  });

  it('GIVEN a Ready GitRepository WHEN a commit points a submodule at a missing repository THEN FetchFailed names it and the old artifact stays; WHEN a later commit fixes it THEN Ready again with no spec change', async () => {
    const lib = await open.createRepository('breaks/lib');
    await lib.commit({ 'lib.yaml': 'lib: 1\n' }, 'lib');
    const app = await open.createRepository('breaks/app');
    const appWork = await workingCopy(workDir(), app.bareDir);
    await appWork.write({ 'app.yaml': 'app: 1\n' });
    await appWork.addSubmodule(lib.url, 'lib', { recordAs: '../lib.git' });
    await appWork.commitAndPush('good');
    await h.create(ns.name, 'breaks', { url: app.url, ref: { branch: 'main' }, recurseSubmodules: true });
    const good = await h.waitFor(ns.name, 'breaks', 'Ready', isReady);
    assert.deepEqual(await downloadFiles(good.status!.artifact!), ['app.yaml', 'lib/lib.yaml']);

    await appWork.git('config', '-f', '.gitmodules', 'submodule.lib.url', '../gone.git');
    await appWork.commitAndPush('point lib at a repository that does not exist');
    await h.requestReconcile(ns.name, 'breaks');
    const bad = await h.waitFor(ns.name, 'breaks', 'FetchFailed', (o) => condition(o, 'FetchFailed')?.status === 'True' && condition(o, 'Ready')?.status === 'False');
    const failed = condition(bad, 'FetchFailed')!;
    assert.equal(failed.reason, 'GitOperationFailed');
    assert.match(failed.message, /^failed to checkout and determine revision: submodule 'lib': .*breaks\/gone\.git.*not found/);
    assert.equal(condition(bad, 'Ready')?.message, failed.message);
    assert.notEqual(condition(bad, 'Stalled')?.status, 'True', 'a new commit can fix it, so it must keep retrying');
    assert.deepEqual(bad.status?.artifact, good.status?.artifact);
    assert.deepEqual(await downloadFiles(bad.status!.artifact!), ['app.yaml', 'lib/lib.yaml']);

    await appWork.git('config', '-f', '.gitmodules', 'submodule.lib.url', '../lib.git');
    await appWork.write({ 'app.yaml': 'app: 2\n' });
    const fixed = await appWork.commitAndPush('point lib back');
    await h.requestReconcile(ns.name, 'breaks');
    const again = await h.waitFor(ns.name, 'breaks', 'Ready at the fix', (o) => isReady(o) && revisionOf(o) === `main@sha1:${fixed}`);
    assert.equal(condition(again, 'FetchFailed'), undefined);
    assert.deepEqual(await downloadFiles(again.status!.artifact!), ['app.yaml', 'lib/lib.yaml']);
  });
});
