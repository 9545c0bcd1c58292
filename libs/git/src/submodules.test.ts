import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type GitServer, startGitServer } from '@conflux/testing';
import { checkout } from './checkout.ts';
import { isGitError } from './errors.ts';
import { scratch, type WorkingCopy, workingCopy } from './test-helpers.ts';

let open: GitServer;
let guarded: GitServer;
let elsewhere: GitServer;
let tmp: Awaited<ReturnType<typeof scratch>>;
const creds = { username: 'flux', password: 's3cret' };

before(async () => {
  open = await startGitServer();
  guarded = await startGitServer({ mode: 'basic', ...creds });
  elsewhere = await startGitServer({ mode: 'basic', ...creds });
  tmp = await scratch();
});
after(async () => {
  await open.close();
  await guarded.close();
  await elsewhere.close();
  await tmp.cleanup();
});

/** Every file under `dir`, relative and sorted, so a stray .git or a missing file shows up in a diff. */
async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

const packs = (server: GitServer, repo: string) => server.requests.filter((r) => r.method === 'POST' && r.path === `/${repo}.git/git-upload-pack`).length;

describe('recurseSubmodules over HTTP', () => {
  it('GIVEN a superproject with a relative submodule that has its own nested submodule WHEN checked out recursively THEN every level is in place, without .git files', async () => {
    const deep = await open.createRepository('nest/deep');
    const deepCommit = await deep.commit({ 'deep.txt': 'deep' }, 'deep');
    const lib = await open.createRepository('nest/lib');
    const libWork = await workingCopy(tmp.dir('lib-work'), lib.bareDir);
    await libWork.write({ 'lib.txt': 'lib' });
    await libWork.addSubmodule(deep.url, 'vendor/deep', { recordAs: '../deep.git' });
    const libCommit = await libWork.commitAndPush('lib with deep');
    const app = await open.createRepository('nest/app');
    const appWork = await workingCopy(tmp.dir('app-work'), app.bareDir);
    await appWork.write({ 'app.yaml': 'app' });
    await appWork.addSubmodule(lib.url, 'lib', { recordAs: '../lib.git' });
    const head = await appWork.commitAndPush('app with lib');

    const result = await checkout({ url: app.url, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('out'), recurseSubmodules: true });

    assert.equal(result.revision, `main@sha1:${head}`, 'the revision is the superproject’s alone');
    assert.deepEqual(await files(result.dir), ['.gitmodules', 'app.yaml', 'lib/.gitmodules', 'lib/lib.txt', 'lib/vendor/deep/deep.txt']);
    assert.equal(await readFile(join(result.dir, 'lib/vendor/deep/deep.txt'), 'utf8'), 'deep');
    assert.deepEqual(result.submodules, [
      { path: 'lib', url: lib.url, commit: libCommit, fetched: true },
      { path: 'lib/vendor/deep', url: deep.url, commit: deepCommit, fetched: true },
    ]);
  });

  it('GIVEN recurseSubmodules unset WHEN the same kind of superproject is checked out THEN submodules stay empty directories and nothing else is fetched', async () => {
    const lib = await open.createRepository('plain/lib');
    await lib.commit({ 'lib.txt': 'lib' }, 'lib');
    const app = await open.createRepository('plain/app');
    const appWork = await workingCopy(tmp.dir('app-work'), app.bareDir);
    await appWork.write({ 'app.yaml': 'app' });
    await appWork.addSubmodule(lib.url, 'lib', { recordAs: '../lib.git' });
    await appWork.commitAndPush('app with lib');
    const libRequests = () => open.requests.filter((r) => r.path.startsWith('/plain/lib.git/')).length;
    const before = libRequests();

    const result = await checkout({ url: app.url, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('out') });

    assert.deepEqual(await readdir(join(result.dir, 'lib')), []);
    assert.equal(result.submodules, undefined);
    assert.equal(libRequests(), before);
  });

  it('GIVEN a submodule pinned to an older commit WHEN checked out THEN exactly that commit’s files are there, not the branch head’s', async () => {
    const lib = await open.createRepository('pinned/lib');
    const old = await lib.commit({ 'version.txt': 'one', 'gone-later.txt': 'x' }, 'one');
    await lib.commit({ 'version.txt': 'two', 'gone-later.txt': null, 'added-later.txt': 'y' }, 'two');
    const app = await open.createRepository('pinned/app');
    const appWork = await workingCopy(tmp.dir('app-work'), app.bareDir);
    await appWork.addSubmodule(lib.url, 'lib', { commit: old });
    await appWork.commitAndPush('pin lib at one');

    const result = await checkout({ url: app.url, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('out'), recurseSubmodules: true });

    assert.deepEqual(await files(join(result.dir, 'lib')), ['gone-later.txt', 'version.txt']);
    assert.equal(await readFile(join(result.dir, 'lib/version.txt'), 'utf8'), 'one');
    assert.equal(result.submodules?.[0]?.commit, old);
  });

  it('GIVEN a cached checkout WHEN the superproject gets a new commit and the submodule pin does not move THEN the submodule is served from the cache with no pack request', async () => {
    const lib = await open.createRepository('cached/lib');
    await lib.commit({ 'lib.txt': 'lib' }, 'lib');
    const app = await open.createRepository('cached/app');
    const appWork = await workingCopy(tmp.dir('app-work'), app.bareDir);
    await appWork.write({ 'app.yaml': 'v1' });
    await appWork.addSubmodule(lib.url, 'lib', { recordAs: '../lib.git' });
    await appWork.commitAndPush('v1');
    const cacheDir = tmp.dir('cache');
    await checkout({ url: app.url, ref: { branch: 'main' }, cacheDir, dir: tmp.dir('out'), recurseSubmodules: true });
    await appWork.write({ 'app.yaml': 'v2' });
    await appWork.commitAndPush('v2');
    const libPacks = packs(open, 'cached/lib');

    const result = await checkout({ url: app.url, ref: { branch: 'main' }, cacheDir, dir: tmp.dir('out'), recurseSubmodules: true });

    assert.equal(result.fetched, true, 'the superproject did fetch its new commit');
    assert.equal(result.submodules?.[0]?.fetched, false);
    assert.equal(packs(open, 'cached/lib'), libPacks);
    assert.equal(await readFile(join(result.dir, 'app.yaml'), 'utf8'), 'v2');
    assert.equal(await readFile(join(result.dir, 'lib/lib.txt'), 'utf8'), 'lib');
  });

  it('GIVEN a private submodule on the superproject’s host WHEN checked out with the superproject’s basic auth THEN it is fetched with the same credentials', async () => {
    const lib = await guarded.createRepository('private/lib');
    await lib.commit({ 'secret.txt': 'only for flux' }, 'lib');
    const app = await guarded.createRepository('private/app');
    const appWork = await workingCopy(tmp.dir('app-work'), app.bareDir);
    await appWork.write({ 'app.yaml': 'app' });
    const withCreds = lib.url.replace('http://', `http://${creds.username}:${creds.password}@`);
    await appWork.addSubmodule(withCreds, 'lib', { recordAs: lib.url });
    await appWork.commitAndPush('app with private lib');

    const result = await checkout({ url: app.url, auth: { basic: creds }, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('out'), recurseSubmodules: true });

    assert.equal(await readFile(join(result.dir, 'lib/secret.txt'), 'utf8'), 'only for flux');
  });

  it('GIVEN a private submodule on another host WHEN checked out THEN the superproject’s credentials are not sent there and AuthenticationFailed names the submodule', async () => {
    const lib = await elsewhere.createRepository('foreign/lib');
    await lib.commit({ 'lib.txt': 'lib' }, 'lib');
    const app = await guarded.createRepository('foreign/app');
    const appWork = await workingCopy(tmp.dir('app-work'), app.bareDir);
    await appWork.addSubmodule(lib.url.replace('http://', `http://${creds.username}:${creds.password}@`), 'lib', { recordAs: lib.url });
    await appWork.commitAndPush('app with a foreign lib');
    const refusedBefore = elsewhere.requests.filter((r) => r.status === 401).length;

    await assert.rejects(
      checkout({ url: app.url, auth: { basic: creds }, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('out'), recurseSubmodules: true }),
      (err) => isGitError(err, 'AuthenticationFailed') && err.message.startsWith("submodule 'lib': ") && err.message.includes(lib.url) && !err.message.includes(creds.password),
    );
    assert.ok(elsewhere.requests.filter((r) => r.status === 401).length > refusedBefore);
  });

  describe('failures', () => {
    async function superproject(name: string, setup: (work: WorkingCopy, libURL: string) => Promise<void>, stageAll = true): Promise<string> {
      const lib = await open.createRepository(`${name}/lib`);
      await lib.commit({ 'lib.txt': 'lib' }, 'lib');
      const app = await open.createRepository(`${name}/app`);
      const work = await workingCopy(tmp.dir('app-work'), app.bareDir);
      await work.write({ 'app.yaml': 'app' });
      await work.git('add', '--all');
      await setup(work, lib.url);
      await work.commitAndPush('app', { stageAll });
      return app.url;
    }
    const recursive = (url: string) => checkout({ url, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('out'), recurseSubmodules: true });

    it('GIVEN a gitlink with no .gitmodules entry WHEN checked out recursively THEN SubmoduleFailed names the path, and it does not stall', async () => {
      const url = await superproject('no-entry', async (work, libURL) => {
        await work.addSubmodule(libURL, 'lib');
        await work.git('config', '-f', '.gitmodules', '--remove-section', 'submodule.lib');
      });
      await assert.rejects(recursive(url), (err) => isGitError(err, 'SubmoduleFailed') && err.reason === 'GitOperationFailed' && !err.stalling && /^submodule 'lib': no entry with path 'lib' in \.gitmodules/.test(err.message));
    });

    it('GIVEN a submodule URL that points at no repository WHEN checked out recursively THEN the error names the submodule and says it was not found', async () => {
      const url = await superproject('missing-repo', async (work, libURL) => {
        await work.addSubmodule(libURL, 'lib', { recordAs: '../does-not-exist.git' });
      });
      await assert.rejects(recursive(url), (err) => isGitError(err, 'SubmoduleFailed') && err.message.startsWith("submodule 'lib': ") && err.message.includes('does-not-exist.git') && err.message.includes('not found'));
    });

    it('GIVEN a submodule pinned to a commit its repository does not have WHEN checked out recursively THEN SubmoduleFailed says which commit is missing where', async () => {
      const missing = '1234567890abcdef1234567890abcdef12345678';
      const url = await superproject('missing-commit', async (work, libURL) => {
        await work.addSubmodule(libURL, 'lib', { recordAs: '../lib.git' });
        await work.git('update-index', '--cacheinfo', `160000,${missing},lib`);
      }, false);
      await assert.rejects(recursive(url), (err) => isGitError(err, 'SubmoduleFailed') && err.message.startsWith(`submodule 'lib' pins commit ${missing}`) && err.message.includes('missing-commit/lib.git'));
    });

    it('GIVEN SSH submodule URLs in either spelling WHEN checked out recursively THEN "SSH is not supported yet" names the submodule, and it does not stall', async () => {
      for (const [name, sshURL] of [['ssh-url', 'ssh://git@example.invalid/lib.git'], ['scp-like', 'git@example.invalid:org/lib.git']] as const) {
        const url = await superproject(name, async (work, libURL) => {
          await work.addSubmodule(libURL, 'lib', { recordAs: sshURL });
        });
        await assert.rejects(recursive(url), (err) => isGitError(err, 'SubmoduleFailed') && !err.stalling && /^submodule 'lib': SSH is not supported yet/.test(err.message));
      }
    });

    it('GIVEN a nested submodule that fails WHEN checked out recursively THEN the message gives its whole path from the superproject', async () => {
      const inner = await open.createRepository('nested-fail/inner');
      const innerWork = await workingCopy(tmp.dir('inner-work'), inner.bareDir);
      const leaf = await open.createRepository('nested-fail/leaf');
      await leaf.commit({ 'leaf.txt': 'leaf' }, 'leaf');
      await innerWork.addSubmodule(leaf.url, 'deps/leaf', { recordAs: '../gone.git' });
      await innerWork.commitAndPush('inner');
      const url = await superproject('nested-fail', async (work) => {
        await work.addSubmodule(inner.url, 'inner', { recordAs: '../inner.git' });
      });
      await assert.rejects(recursive(url), (err) => isGitError(err, 'SubmoduleFailed') && err.message.startsWith("submodule 'inner/deps/leaf': ") && err.message.includes('gone.git'));
    });
  });
});
