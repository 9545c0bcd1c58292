import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type GitRepository, type GitServer, startGitServer } from '@conflux/testing';
import { authFromSecret } from './auth.ts';
import { checkout } from './checkout.ts';
import { isGitError } from './errors.ts';
import { remoteRevision } from './remote.ts';
import { scratch } from './test-helpers.ts';

let tmp: Awaited<ReturnType<typeof scratch>>;
before(async () => {
  tmp = await scratch();
});
after(async () => {
  await tmp.cleanup();
});

describe('HTTP basic auth', () => {
  let server: GitServer;
  let repo: GitRepository;
  let head: string;
  before(async () => {
    server = await startGitServer({ mode: 'basic', username: 'flux', password: 'correct-horse' });
    repo = await server.createRepository('private');
    head = await repo.commit({ 'a.txt': 'secret stuff' }, 'one');
  });
  after(() => server.close());

  it('GIVEN the right username and password in the Secret WHEN checked out THEN it succeeds', async () => {
    const auth = authFromSecret({ username: 'flux', password: 'correct-horse' });
    const result = await checkout({ url: repo.url, auth, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') });
    assert.equal(result.revision, `main@sha1:${head}`);
  });

  it('GIVEN credentials only in the URL WHEN checked out THEN they are used and never appear in the result', async () => {
    const url = repo.url.replace('http://', 'http://flux:correct-horse@');
    const result = await checkout({ url, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') });
    assert.equal(result.revision, `main@sha1:${head}`);
    assert.ok(!JSON.stringify(result).includes('correct-horse'));
  });

  it('GIVEN a wrong password WHEN checked out THEN AuthenticationFailed after one request, and the message holds no secret', async () => {
    const auth = authFromSecret({ username: 'flux', password: 'wrong-battery' });
    const seen = server.requests.length;
    await assert.rejects(
      checkout({ url: repo.url, auth, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') }),
      (err) =>
        isGitError(err, 'AuthenticationFailed') &&
        err.reason === 'AuthenticationFailed' &&
        err.message.includes(repo.url) &&
        err.message.includes('401') &&
        !err.message.includes('wrong-battery') &&
        !err.message.includes(Buffer.from('flux:wrong-battery').toString('base64')),
    );
    assert.equal(server.requests.length - seen, 1, 'no retries inside the lib');
  });

  it('GIVEN a wrong password in the URL WHEN probed THEN the error names the URL without the password', async () => {
    const url = repo.url.replace('http://', 'http://flux:wrong-battery@');
    await assert.rejects(
      remoteRevision({ url, ref: { branch: 'main' } }),
      (err) => isGitError(err, 'AuthenticationFailed') && err.message.includes(repo.url) && !err.message.includes('wrong-battery'),
    );
  });

  it('GIVEN no credentials WHEN checked out THEN AuthenticationFailed', async () => {
    await assert.rejects(
      checkout({ url: repo.url, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') }),
      (err) => isGitError(err, 'AuthenticationFailed'),
    );
  });

  it('GIVEN a cache filled with good credentials WHEN another checkout uses bad ones THEN the cache does not serve it', async () => {
    const cacheDir = tmp.dir('cache');
    await checkout({ url: repo.url, auth: authFromSecret({ username: 'flux', password: 'correct-horse' }), cacheDir, dir: tmp.dir('work'), ref: { branch: 'main' } });
    await assert.rejects(
      checkout({ url: repo.url, auth: authFromSecret({ username: 'flux', password: 'nope' }), cacheDir, dir: tmp.dir('work'), ref: { branch: 'main' } }),
      (err) => isGitError(err, 'AuthenticationFailed'),
    );
  });
});

describe('HTTP bearer token', () => {
  let server: GitServer;
  let repo: GitRepository;
  let head: string;
  before(async () => {
    server = await startGitServer({ mode: 'bearer', token: 'gitea-token-123' });
    repo = await server.createRepository('private');
    head = await repo.commit({ 'a.txt': 'x' }, 'one');
  });
  after(() => server.close());

  it('GIVEN the right bearerToken WHEN checked out THEN it succeeds', async () => {
    const auth = authFromSecret({ bearerToken: 'gitea-token-123' });
    const result = await checkout({ url: repo.url, auth, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') });
    assert.equal(result.revision, `main@sha1:${head}`);
  });

  it('GIVEN a wrong bearerToken WHEN checked out THEN AuthenticationFailed without the token in the message', async () => {
    const auth = authFromSecret({ bearerToken: 'stolen-token-999' });
    await assert.rejects(
      checkout({ url: repo.url, auth, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') }),
      (err) => isGitError(err, 'AuthenticationFailed') && !err.message.includes('stolen-token-999'),
    );
  });
});
