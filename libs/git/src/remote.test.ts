import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type GitServer, startGitServer } from '@conflux/testing';
import { checkout } from './checkout.ts';
import { isGitError } from './errors.ts';
import { remoteRevision } from './remote.ts';
import { scratch } from './test-helpers.ts';

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

describe('the remote head check ("optimized clone")', () => {
  it('GIVEN a stored checkout WHEN the remote is unchanged THEN the probe returns the same revision with one GET and no pack request', async () => {
    const repo = await server.createRepository('probe');
    await repo.commit({ 'a.txt': '1' }, 'one');
    const stored = await checkout({ url: repo.url, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') });
    const seen = server.requests.length;
    const probe = await remoteRevision({ url: repo.url, ref: { branch: 'main' } });
    assert.equal(probe?.revision, stored.revision);
    const requests = server.requests.slice(seen);
    assert.deepEqual(
      requests.map((r) => `${r.method} ${r.path}`),
      ['GET /probe.git/info/refs'],
    );
  });

  it('GIVEN a new commit WHEN probed THEN the revision changes to the new head', async () => {
    const repo = await server.createRepository('probe-moved');
    await repo.commit({ 'a.txt': '1' }, 'one');
    const before = await remoteRevision({ url: repo.url, ref: { branch: 'main' } });
    const next = await repo.commit({ 'a.txt': '2' }, 'two');
    const afterCommit = await remoteRevision({ url: repo.url, ref: { branch: 'main' } });
    assert.notEqual(before?.revision, afterCommit?.revision);
    assert.equal(afterCommit?.revision, `main@sha1:${next}`);
  });

  it('GIVEN tag, name and semver refs WHEN probed THEN revisions match what a checkout produces, with annotated tags peeled', async () => {
    const repo = await server.createRepository('probe-kinds');
    const c = await repo.commit({ 'a.txt': '1' }, 'one');
    await repo.tag('v1.2.3', { message: 'annotated' });
    assert.equal((await remoteRevision({ url: repo.url, ref: { tag: 'v1.2.3' } }))?.revision, `v1.2.3@sha1:${c}`);
    assert.equal((await remoteRevision({ url: repo.url, ref: { semver: '^1.0.0' } }))?.revision, `v1.2.3@sha1:${c}`);
    assert.equal((await remoteRevision({ url: repo.url, ref: { name: 'refs/tags/v1.2.3' } }))?.revision, `refs/tags/v1.2.3@sha1:${c}`);
    const viaCheckout = await checkout({ url: repo.url, ref: { name: 'refs/tags/v1.2.3' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') });
    assert.equal(viaCheckout.revision, `refs/tags/v1.2.3@sha1:${c}`);
  });

  it('GIVEN a commit ref WHEN probed THEN the probe declines, because reachability needs history', async () => {
    const repo = await server.createRepository('probe-commit');
    const c = await repo.commit({ 'a.txt': '1' }, 'one');
    assert.equal(await remoteRevision({ url: repo.url, ref: { commit: c, branch: 'main' } }), undefined);
  });

  it('GIVEN a missing branch or an empty repository WHEN probed THEN the same typed errors as a checkout come back', async () => {
    const repo = await server.createRepository('probe-errors');
    await assert.rejects(remoteRevision({ url: repo.url, ref: { branch: 'main' } }), (err) => isGitError(err, 'EmptyRepository'));
    await repo.commit({ 'a.txt': '1' }, 'one');
    await assert.rejects(remoteRevision({ url: repo.url, ref: { branch: 'nope' } }), (err) => isGitError(err, 'RefNotFound'));
  });
});
