import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { type GitServer, startGitServer } from '@conflux/testing';
import { checkout } from './checkout.ts';
import { splitSignedCommit, splitSignedTag } from './signature.ts';
import { git, type Signer, sshSigner } from './signing-test-helpers.ts';
import { scratch } from './test-helpers.ts';
import { trustedKeysFromSecret, verifySignedObject } from './verify.ts';

let tmp: Awaited<ReturnType<typeof scratch>>;
let server: GitServer;
let url: string;
let signer: Signer;
let head: string;

before(async () => {
  tmp = await scratch();
  server = await startGitServer();
  signer = await sshSigner(tmp.dir('ssh'));
  const repo = await server.createRepository('signed');
  url = repo.url;
  const work = tmp.dir('work');
  await mkdir(work);
  await git(work, signer, 'init', '--quiet');
  await git(work, signer, 'commit', '--quiet', '--allow-empty', '-S', '-m', 'signed commit');
  await git(work, signer, 'tag', '-s', '-m', 'signed release', 'v1.0.0');
  await git(work, signer, 'tag', 'light');
  await git(work, signer, 'push', '--quiet', repo.bareDir, 'HEAD:refs/heads/main', '--tags');
  head = await git(work, undefined, 'rev-parse', 'HEAD');
});
after(async () => {
  await server.close();
  await tmp.cleanup();
});

const keys = () => trustedKeysFromSecret({ 'k.sshpub': signer.publicKey });

describe('checkout with rawObjects', () => {
  it('GIVEN a signed commit on a branch WHEN checked out with rawObjects THEN the stored commit comes back and verifies, with no tag', async () => {
    const result = await checkout({ url, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('out'), rawObjects: true });
    assert.equal(result.commit, head);
    assert.equal(result.raw?.tag, undefined);
    assert.equal((await verifySignedObject(splitSignedCommit(result.raw!.commit), keys())).key, signer.id);
  });

  it('GIVEN a cache that got the commit through the branch WHEN the signed tag is checked out THEN the tag object is fetched too and verifies', async () => {
    const cacheDir = tmp.dir('cache');
    await checkout({ url, ref: { branch: 'main' }, cacheDir, dir: tmp.dir('out') });
    const result = await checkout({ url, ref: { tag: 'v1.0.0' }, cacheDir, dir: tmp.dir('out'), rawObjects: true });
    assert.equal(result.fetched, false, 'the commit itself came from the cache');
    assert.equal(result.raw?.tag?.name, 'v1.0.0');
    assert.equal((await verifySignedObject(splitSignedTag(result.raw!.tag!.object), keys())).key, signer.id);
  });

  it('GIVEN a semver range WHEN checked out with rawObjects THEN the chosen annotated tag comes back', async () => {
    const result = await checkout({ url, ref: { semver: '>=1.0.0' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('out'), rawObjects: true });
    assert.equal(result.raw?.tag?.name, 'v1.0.0');
  });

  it('GIVEN a lightweight tag THEN there is no tag object to return', async () => {
    const result = await checkout({ url, ref: { tag: 'light' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('out'), rawObjects: true });
    assert.equal(result.fullRef, 'refs/tags/light');
    assert.equal(result.raw?.tag, undefined);
  });

  it('GIVEN no rawObjects option THEN nothing extra is read', async () => {
    const result = await checkout({ url, ref: { tag: 'v1.0.0' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('out') });
    assert.equal(result.raw, undefined);
  });
});
