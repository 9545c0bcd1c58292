import assert from 'node:assert/strict';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type GitServer, startGitServer } from '@conflux/testing';
import { cacheDirFor } from './cache.ts';
import { checkout } from './checkout.ts';
import { isGitError } from './errors.ts';
import { closedPort, gitIn, packObjectCounts, scratch } from './test-helpers.ts';

let server: GitServer;
let tmp: Awaited<ReturnType<typeof scratch>>;

before(async () => {
  server = await startGitServer({ mode: 'none' });
  tmp = await scratch();
});
after(async () => {
  await server.close();
  await tmp.cleanup();
});

const posts = (repo: string) => server.requests.filter((r) => r.method === 'POST' && r.path === `/${repo}.git/git-upload-pack`).length;

describe('checkout of every ref kind', () => {
  it('GIVEN a branch WHEN checked out THEN the revision is <branch>@sha1:<head>, files are written and the subject is the first line', async () => {
    const repo = await server.createRepository('branch');
    const head = await repo.commit({ 'README.md': 'hello', 'deploy/app.yaml': 'kind: x' }, 'Add app\n\nWith a body.');
    const result = await checkout({ url: repo.url, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') });
    assert.equal(result.revision, `main@sha1:${head}`);
    assert.equal(result.commit, head);
    assert.equal(result.subject, 'Add app');
    assert.equal(result.fullRef, 'refs/heads/main');
    assert.equal(await readFile(join(result.dir, 'deploy/app.yaml'), 'utf8'), 'kind: x');
    assert.deepEqual((await readdir(result.dir)).sort(), ['README.md', 'deploy']);
  });

  it('GIVEN a fresh cache WHEN a branch is cloned THEN the server sees one ref advertisement and one pack request, not two advertisements', async () => {
    const repo = await server.createRepository('round-trips');
    await repo.commit({ 'a.txt': 'a' }, 'one');
    const seen = server.requests.length;
    await checkout({ url: repo.url, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') });
    assert.deepEqual(
      server.requests.slice(seen).map((r) => `${r.method} ${r.path}`),
      ['GET /round-trips.git/info/refs', 'POST /round-trips.git/git-upload-pack'],
    );
  });

  it('GIVEN no ref WHEN checked out THEN the master branch is used, and a slashed branch keeps its slash in the revision', async () => {
    const repo = await server.createRepository('defaults', { branch: 'master' });
    const master = await repo.commit({ 'a.txt': 'm' }, 'on master');
    const feature = await repo.commit({ 'a.txt': 'f' }, 'on feature', { branch: 'feature/x' });
    const cacheDir = tmp.dir('cache');
    assert.equal((await checkout({ url: repo.url, cacheDir, dir: tmp.dir('work') })).revision, `master@sha1:${master}`);
    const onFeature = await checkout({ url: repo.url, ref: { branch: 'feature/x' }, cacheDir, dir: tmp.dir('work') });
    assert.equal(onFeature.revision, `feature/x@sha1:${feature}`);
    assert.equal(await readFile(join(onFeature.dir, 'a.txt'), 'utf8'), 'f');
  });

  it('GIVEN annotated and lightweight tags WHEN checked out THEN the revision names the tag and the peeled commit', async () => {
    const repo = await server.createRepository('tags');
    const first = await repo.commit({ 'v.txt': '1' }, 'one');
    await repo.tag('v1.0.0', { message: 'release 1.0.0' });
    const second = await repo.commit({ 'v.txt': '2' }, 'two');
    await repo.tag('light');
    const cacheDir = tmp.dir('cache');
    const annotated = await checkout({ url: repo.url, ref: { tag: 'v1.0.0' }, cacheDir, dir: tmp.dir('work') });
    assert.equal(annotated.revision, `v1.0.0@sha1:${first}`);
    assert.equal(await readFile(join(annotated.dir, 'v.txt'), 'utf8'), '1');
    const light = await checkout({ url: repo.url, ref: { tag: 'light' }, cacheDir, dir: tmp.dir('work') });
    assert.equal(light.revision, `light@sha1:${second}`);
  });

  it('GIVEN semver tags WHEN a range is checked out THEN the highest match wins and prereleases need a prerelease range', async () => {
    const repo = await server.createRepository('semver');
    const commits: Record<string, string> = {};
    for (const tag of ['v1.0.0', 'v1.1.0', 'v1.2.0', 'v2.0.0-rc.1', 'not-a-version']) {
      commits[tag] = await repo.commit({ 'version.txt': tag }, `release ${tag}`);
      await repo.tag(tag, tag === 'v1.1.0' ? { message: 'annotated' } : {});
    }
    const cacheDir = tmp.dir('cache');
    const pick = async (semver: string) => (await checkout({ url: repo.url, ref: { semver }, cacheDir, dir: tmp.dir('work') })).revision;
    assert.equal(await pick('~1.1'), `v1.1.0@sha1:${commits['v1.1.0']}`);
    assert.equal(await pick('>=1.0.0 <2.0.0'), `v1.2.0@sha1:${commits['v1.2.0']}`);
    assert.equal(await pick('*'), `v1.2.0@sha1:${commits['v1.2.0']}`);
    assert.equal(await pick('>=2.0.0-0'), `v2.0.0-rc.1@sha1:${commits['v2.0.0-rc.1']}`);
    await assert.rejects(pick('>=3'), (err) => isGitError(err, 'NoSemverMatch') && err.reason === 'GitOperationFailed' && err.message.includes('>=3'));
  });

  it('GIVEN semver tags that tie on precedence WHEN a range is checked out THEN the most recent one wins', async () => {
    const repo = await server.createRepository('semver-tie');
    await repo.commit({ 'x.txt': 'a' }, 'older');
    await repo.tag('1.0.0+build.1');
    // Committer times have one-second resolution.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const newer = await repo.commit({ 'x.txt': 'b' }, 'newer');
    await repo.tag('1.0.0+build.0');
    const result = await checkout({ url: repo.url, ref: { semver: '1.0.x' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') });
    assert.equal(result.revision, `1.0.0+build.0@sha1:${newer}`);
  });

  it('GIVEN ref.name WHEN checked out THEN any ref works and the revision keeps the absolute name', async () => {
    const repo = await server.createRepository('named');
    const main = await repo.commit({ 'a.txt': 'main' }, 'main');
    const pr = await repo.commit({ 'a.txt': 'pr' }, 'pr work', { branch: 'pr-source' });
    await gitIn(repo.bareDir, ['update-ref', 'refs/pull/1/head', pr]);
    const cacheDir = tmp.dir('cache');
    const pull = await checkout({ url: repo.url, ref: { name: 'refs/pull/1/head' }, cacheDir, dir: tmp.dir('work') });
    assert.equal(pull.revision, `refs/pull/1/head@sha1:${pr}`);
    assert.equal(await readFile(join(pull.dir, 'a.txt'), 'utf8'), 'pr');
    const heads = await checkout({ url: repo.url, ref: { name: 'refs/heads/main' }, cacheDir, dir: tmp.dir('work') });
    assert.equal(heads.revision, `refs/heads/main@sha1:${main}`);
  });

  it('GIVEN a tag and a semver range together WHEN checked out THEN the tag wins, as in upstream code', async () => {
    const repo = await server.createRepository('precedence');
    const one = await repo.commit({ 'a.txt': '1' }, 'one');
    await repo.tag('v1.0.0');
    await repo.commit({ 'a.txt': '2' }, 'two');
    await repo.tag('v2.0.0');
    const result = await checkout({ url: repo.url, ref: { branch: 'main', semver: '>=1', tag: 'v1.0.0' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') });
    assert.equal(result.revision, `v1.0.0@sha1:${one}`);
  });

  it('GIVEN a commit with its branch WHEN checked out THEN an older commit on the branch is found and one off the branch is refused', async () => {
    const repo = await server.createRepository('commit-branch');
    const old = await repo.commit({ 'a.txt': 'old' }, 'old');
    await repo.commit({ 'a.txt': 'new' }, 'new');
    const elsewhere = await repo.commit({ 'a.txt': 'side' }, 'side', { branch: 'side' });
    const cacheDir = tmp.dir('cache');
    // A shallow fetch of main first, so the commit check has to deepen the cache.
    await checkout({ url: repo.url, ref: { branch: 'main' }, cacheDir, dir: tmp.dir('work') });
    const result = await checkout({ url: repo.url, ref: { branch: 'main', commit: old }, cacheDir, dir: tmp.dir('work') });
    assert.equal(result.revision, `main@sha1:${old}`);
    assert.equal(await readFile(join(result.dir, 'a.txt'), 'utf8'), 'old');
    await assert.rejects(
      checkout({ url: repo.url, ref: { branch: 'main', commit: elsewhere }, cacheDir, dir: tmp.dir('work') }),
      (err) => isGitError(err, 'CommitNotFound') && err.message.includes(elsewhere) && err.message.includes("'main'"),
    );
  });

  it('GIVEN a bare commit WHEN the server serves commits by SHA THEN the revision is sha1:<hex> after a single pack request', async () => {
    const repo = await server.createRepository('commit-sha');
    const old = await repo.commit({ 'a.txt': 'old' }, 'old');
    await repo.commit({ 'a.txt': 'new' }, 'new');
    await gitIn(repo.bareDir, ['config', 'uploadpack.allowReachableSHA1InWant', 'true']);
    const before = posts('commit-sha');
    const result = await checkout({ url: repo.url, ref: { commit: old }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') });
    assert.equal(result.revision, `sha1:${old}`);
    assert.equal(result.fullRef, undefined);
    assert.equal(await readFile(join(result.dir, 'a.txt'), 'utf8'), 'old');
    assert.equal(posts('commit-sha') - before, 1);
  });

  it('GIVEN a bare commit WHEN the server refuses SHA wants THEN the default branch history is searched instead', async () => {
    const repo = await server.createRepository('commit-fallback');
    const old = await repo.commit({ 'a.txt': 'old' }, 'old');
    await repo.commit({ 'a.txt': 'new' }, 'new');
    await gitIn(repo.bareDir, ['config', 'uploadpack.allowReachableSHA1InWant', 'false']);
    const result = await checkout({ url: repo.url, ref: { commit: old }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') });
    assert.equal(result.revision, `sha1:${old}`);
    const missing = 'f'.repeat(40);
    await assert.rejects(
      checkout({ url: repo.url, ref: { commit: missing }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') }),
      (err) => isGitError(err, 'CommitNotFound') && err.message.includes(missing) && err.message.includes('ref.branch'),
    );
  });
});

describe('the on-disk cache', () => {
  it('GIVEN a cached checkout WHEN one file changes upstream THEN one pack request brings only the new objects', async () => {
    const repo = await server.createRepository('incremental');
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`manifests/file-${i}.yaml`] = `value: ${i}\n`;
    await repo.commit(files, 'many files');
    const cacheDir = tmp.dir('cache');
    const gitdir = cacheDirFor(cacheDir, repo.url);
    await checkout({ url: repo.url, ref: { branch: 'main' }, cacheDir, dir: tmp.dir('work') });
    const firstPacks = await packObjectCounts(gitdir);
    assert.equal(firstPacks.size, 1);
    assert.ok([...firstPacks.values()][0]! > 40, 'the first fetch brings every file');

    const next = await repo.commit({ 'manifests/file-7.yaml': 'value: changed\n' }, 'change one');
    const before = posts('incremental');
    const result = await checkout({ url: repo.url, ref: { branch: 'main' }, cacheDir, dir: tmp.dir('work') });
    assert.equal(result.revision, `main@sha1:${next}`);
    assert.equal(result.fetched, true);
    assert.equal(posts('incremental') - before, 1);
    const newPacks = [...(await packObjectCounts(gitdir)).entries()].filter(([name]) => !firstPacks.has(name));
    assert.equal(newPacks.length, 1);
    // The commit, the root tree, the manifests tree and the changed blob.
    assert.equal(newPacks[0]![1], 4);
    assert.equal(await readFile(join(result.dir, 'manifests/file-7.yaml'), 'utf8'), 'value: changed\n');
    assert.equal(await readFile(join(result.dir, 'manifests/file-8.yaml'), 'utf8'), 'value: 8\n');
  });

  it('GIVEN an unchanged remote WHEN checked out again THEN no pack is requested and the files are still written', async () => {
    const repo = await server.createRepository('unchanged');
    const head = await repo.commit({ 'a.txt': 'same' }, 'only');
    const cacheDir = tmp.dir('cache');
    await checkout({ url: repo.url, ref: { branch: 'main' }, cacheDir, dir: tmp.dir('work') });
    const before = posts('unchanged');
    const again = await checkout({ url: repo.url, ref: { branch: 'main' }, cacheDir, dir: tmp.dir('work') });
    assert.equal(again.revision, `main@sha1:${head}`);
    assert.equal(again.fetched, false);
    assert.equal(posts('unchanged'), before);
    assert.equal(await readFile(join(again.dir, 'a.txt'), 'utf8'), 'same');
  });

  it('GIVEN two checkouts of one repository at once WHEN they run THEN both succeed through one cache', async () => {
    const repo = await server.createRepository('concurrent');
    const head = await repo.commit({ 'a.txt': 'x' }, 'x');
    const cacheDir = tmp.dir('cache');
    const results = await Promise.all([1, 2, 3].map(() => checkout({ url: repo.url, ref: { branch: 'main' }, cacheDir, dir: tmp.dir('work') })));
    for (const r of results) assert.equal(r.revision, `main@sha1:${head}`);
    assert.equal(results.filter((r) => r.fetched).length, 1);
  });
});

describe('checkout failures', () => {
  it('GIVEN an unknown branch WHEN checked out THEN GitOperationFailed names the missing ref and the URL', async () => {
    const repo = await server.createRepository('unknown-branch');
    await repo.commit({ 'a.txt': 'x' }, 'x');
    await assert.rejects(
      checkout({ url: repo.url, ref: { branch: 'invalid' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') }),
      (err) =>
        isGitError(err, 'RefNotFound') &&
        err.reason === 'GitOperationFailed' &&
        err.message === `unable to clone '${repo.url}': couldn't find remote ref "refs/heads/invalid"`,
    );
    await assert.rejects(
      checkout({ url: repo.url, ref: { tag: 'v9' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') }),
      (err) => isGitError(err, 'RefNotFound') && err.message.includes('refs/tags/v9'),
    );
  });

  it('GIVEN a repository with no commits WHEN checked out THEN the reason is EmptyGitRepository', async () => {
    const repo = await server.createRepository('empty');
    await assert.rejects(
      checkout({ url: repo.url, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') }),
      (err) => isGitError(err, 'EmptyRepository') && err.reason === 'EmptyGitRepository' && err.message.includes(repo.url),
    );
  });

  it('GIVEN a closed port WHEN checked out THEN a GitOperationFailed error names the URL and the connection failure', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/nothing.git`;
    await assert.rejects(
      checkout({ url, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') }),
      (err) => isGitError(err, 'Unreachable') && err.reason === 'GitOperationFailed' && err.message.includes(url) && err.message.includes('ECONNREFUSED'),
    );
  });

  it('GIVEN a server that never answers WHEN the timeout passes THEN the checkout fails with a timeout naming the URL', async () => {
    const { createServer } = await import('node:http');
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}/slow.git`;
    try {
      await assert.rejects(
        checkout({ url, cacheDir: tmp.dir('cache'), dir: tmp.dir('work'), timeoutMs: 300 }),
        (err) => isGitError(err, 'Timeout') && err.message.includes(url) && err.message.includes('300ms'),
      );
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('GIVEN a repository with a submodule WHEN checked out without recurseSubmodules THEN the submodule is an empty directory and its URL is never contacted', async () => {
    const repo = await server.createRepository('submodules');
    const base = await repo.commit({ 'a.txt': 'x' }, 'base');
    const modules = await gitIn(repo.bareDir, ['hash-object', '-w', '--stdin'], '[submodule "lib"]\n\tpath = lib\n\turl = https://example.invalid/lib.git\n');
    const tree = await gitIn(repo.bareDir, ['mktree'], `100644 blob ${modules}\t.gitmodules\n160000 commit ${base}\tlib\n`);
    const commit = await gitIn(repo.bareDir, ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit-tree', tree, '-p', base, '-m', 'add submodule']);
    await gitIn(repo.bareDir, ['update-ref', 'refs/heads/main', commit]);
    const plain = await checkout({ url: repo.url, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') });
    assert.ok((await stat(join(plain.dir, 'lib'))).isDirectory());
    assert.deepEqual(await readdir(join(plain.dir, 'lib')), []);
    assert.equal(plain.submodules, undefined);
  });

  it('GIVEN sparseCheckout directories WHEN checked out THEN only they are written, and a missing one is an error', async () => {
    const repo = await server.createRepository('sparse');
    await repo.commit({ 'apps/a.yaml': 'a', 'infra/b.yaml': 'b', 'root.txt': 'r' }, 'tree');
    const cacheDir = tmp.dir('cache');
    const result = await checkout({ url: repo.url, ref: { branch: 'main' }, cacheDir, dir: tmp.dir('work'), sparseCheckout: ['./apps/'] });
    assert.deepEqual(await readdir(result.dir), ['apps']);
    await assert.rejects(
      checkout({ url: repo.url, ref: { branch: 'main' }, cacheDir, dir: tmp.dir('work'), sparseCheckout: ['missing'] }),
      (err) => isGitError(err, 'InvalidPath') && err.reason === 'GitOperationFailed' && err.message.includes("'missing'"),
    );
  });
});

describe('checkout into memory', () => {
  it('GIVEN a tree with directories, an executable, a link and a gitlink WHEN checked out without a dir THEN memory holds what an export writes', async () => {
    const repo = await server.createRepository('in-memory');
    const base = await repo.commit({ 'a.txt': 'x' }, 'base');
    const bare = repo.bareDir;
    const blob = (text: string) => gitIn(bare, ['hash-object', '-w', '--stdin'], text);
    const mktree = (lines: string[]) => gitIn(bare, ['mktree'], `${lines.join('\n')}\n`);
    const ignoreTree = await mktree([`100644 blob ${await blob('*.md\n')}\t.sourceignore`]);
    const deploy = await mktree([`100644 blob ${await blob('kind: x')}\tapp.yaml`, `040000 tree ${ignoreTree}\tbase`]);
    const bin = await mktree([`100755 blob ${await blob('#!/bin/sh\n')}\trun.sh`]);
    const vendor = await mktree([`160000 commit ${base}\tlib`]);
    const root = await mktree([
      `100644 blob ${await blob('hello')}\tREADME.md`,
      `040000 tree ${bin}\tbin`,
      `040000 tree ${deploy}\tdeploy`,
      `120000 blob ${await blob('README.md')}\tlink`,
      `040000 tree ${vendor}\tvendor`,
    ]);
    const commit = await gitIn(bare, ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit-tree', root, '-p', base, '-m', 'modes']);
    await gitIn(bare, ['update-ref', 'refs/heads/main', commit]);

    const onDisk = await checkout({ url: repo.url, ref: { branch: 'main' }, cacheDir: tmp.dir('mem-cache'), dir: tmp.dir('mem-work') });
    const inMemory = await checkout({ url: repo.url, ref: { branch: 'main' }, cacheDir: tmp.dir('mem-cache') });

    assert.equal(inMemory.commit, onDisk.commit);
    assert.equal(inMemory.dir, undefined);
    const tree = inMemory.tree!;
    assert.deepEqual(tree.files.map((f) => [f.path, f.mode]).sort(), [
      ['README.md', '100644'],
      ['bin/run.sh', '100755'],
      ['deploy/app.yaml', '100644'],
      ['deploy/base/.sourceignore', '100644'],
      ['link', '120000'],
    ]);
    for (const file of tree.files.filter((f) => f.mode !== '120000')) {
      assert.equal(Buffer.from(file.content).toString(), await readFile(join(onDisk.dir, file.path), 'utf8'), file.path);
    }
    assert.equal(Buffer.from(tree.files.find((f) => f.path === 'link')!.content).toString(), 'README.md');
    assert.deepEqual(tree.directories.sort(), ['bin', 'deploy', 'deploy/base', 'vendor', 'vendor/lib']);
    assert.deepEqual(tree.submodules, [{ path: 'vendor/lib', commit: base }]);
  });

  it('GIVEN recurseSubmodules WHEN no dir is given THEN checkout refuses, as submodules need one', async () => {
    await assert.rejects(checkout({ url: 'http://127.0.0.1:9/x.git', cacheDir: tmp.dir('c'), recurseSubmodules: true }), TypeError);
  });
});
