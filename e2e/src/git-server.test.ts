// The test Git server is real smart HTTP (git's upload-pack, as git http-backend runs it), and isomorphic-git, the client Conflux
// uses, can clone from it in every auth mode that Flux's GitRepository secretRef supports over HTTP.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, describe, it } from 'node:test';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { type GitAuth, type GitServer, startGitServer } from '@conflux/testing';

const servers: GitServer[] = [];
const dirs: string[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function serve(auth: GitAuth): Promise<GitServer> {
  const server = await startGitServer(auth);
  servers.push(server);
  return server;
}

async function workdir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'conflux-clone-'));
  dirs.push(dir);
  return dir;
}

/** What isomorphic-git is given for each auth mode, as source-controller will build it from a Secret. */
function credentials(auth: GitAuth): Pick<Parameters<typeof git.clone>[0], 'onAuth' | 'headers'> {
  switch (auth.mode) {
    case 'none':
      return {};
    case 'basic':
      return { onAuth: () => ({ username: auth.username, password: auth.password }) };
    case 'bearer':
      return { headers: { Authorization: `Bearer ${auth.token}` } };
  }
}

const modes: GitAuth[] = [
  { mode: 'none' },
  { mode: 'basic', username: 'flux', password: 's3cret' },
  { mode: 'bearer', token: 'gitea-token-123' },
];

describe('the test Git server with isomorphic-git', () => {
  for (const auth of modes) {
    it(`GIVEN a pushed commit and ${auth.mode} auth WHEN isomorphic-git clones and later fetches THEN it gets exactly the pushed revisions`, async () => {
      const server = await serve(auth);
      const repo = await server.createRepository('podinfo');
      const first = await repo.commit({ 'deploy/app.yaml': 'kind: ConfigMap\n' }, 'first');

      const dir = await workdir();
      await git.clone({ fs, http, dir, url: repo.url, ref: 'main', singleBranch: true, depth: 1, ...credentials(auth) });
      assert.equal(await git.resolveRef({ fs, dir, ref: 'HEAD' }), first);
      assert.equal(await readFile(join(dir, 'deploy/app.yaml'), 'utf8'), 'kind: ConfigMap\n');

      const second = await repo.commit({ 'deploy/app.yaml': 'kind: Secret\n' }, 'second');
      await git.fetch({ fs, http, dir, url: repo.url, ref: 'main', singleBranch: true, depth: 1, ...credentials(auth) });
      assert.equal(await git.resolveRef({ fs, dir, ref: 'refs/remotes/origin/main' }), second);
      assert.equal(await repo.head(), second);
    });
  }

  it('GIVEN basic auth WHEN the password is wrong THEN the server refuses with 401 and nothing is cloned', async () => {
    const server = await serve({ mode: 'basic', username: 'flux', password: 's3cret' });
    const repo = await server.createRepository('private');
    await repo.commit({ 'README.md': 'hi\n' });
    const dir = await workdir();
    await assert.rejects(
      git.clone({ fs, http, dir, url: repo.url, onAuth: () => ({ username: 'flux', password: 'wrong' }), onAuthFailure: () => ({ cancel: true }) }),
      (err: Error & { code?: string; data?: { statusCode?: number } }) => {
        assert.ok(err.code === 'UserCanceledError' || err.data?.statusCode === 401, `unexpected error ${err.code}: ${err.message}`);
        return true;
      },
    );
    assert.ok(server.requests.some((r) => r.status === 401));
    assert.ok(!server.requests.some((r) => r.status === 200), 'no request may succeed with a wrong password');
  });

  it('GIVEN bearer auth WHEN the token is wrong or missing THEN the server refuses with 401', async () => {
    const server = await serve({ mode: 'bearer', token: 'right' });
    const repo = await server.createRepository('private');
    await repo.commit({ 'README.md': 'hi\n' });
    for (const headers of [{ Authorization: 'Bearer wrong' }, {}] as Array<Record<string, string>>) {
      await assert.rejects(git.clone({ fs, http, dir: await workdir(), url: repo.url, headers }), (err: Error & { data?: { statusCode?: number } }) => {
        assert.equal(err.data?.statusCode, 401, err.message);
        return true;
      });
    }
  });

  it('GIVEN a tag pushed to the server WHEN listed remotely THEN the tag points at the tagged commit', async () => {
    const server = await serve({ mode: 'none' });
    const repo = await server.createRepository('tags');
    const commit = await repo.commit({ 'a.txt': 'a' });
    await repo.tag('v1.0.0', { message: 'release' });
    const refs = await git.listServerRefs({ http, url: repo.url, prefix: 'refs/tags/', peelTags: true });
    const tag = refs.find((r) => r.ref === 'refs/tags/v1.0.0');
    assert.equal(tag?.peeled, commit);
  });

  it('GIVEN the git command line, over protocol v2 and v0, WHEN it clones and fetches THEN it gets the pushed revisions, and a missing repository is a 404', async () => {
    const server = await serve({ mode: 'none' });
    const repo = await server.createRepository('cli');
    const first = await repo.commit({ 'a.txt': 'one\n' }, 'first');
    const dir = await workdir();
    const run = (args: string[]) =>
      promisify(execFile)('git', args, { env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' } });
    await run(['-c', 'protocol.version=2', 'clone', '--quiet', repo.url, join(dir, 'clone')]);
    assert.equal((await run(['-C', join(dir, 'clone'), 'rev-parse', 'HEAD'])).stdout.trim(), first);
    const second = await repo.commit({ 'a.txt': 'two\n' }, 'second');
    await run(['-C', join(dir, 'clone'), '-c', 'protocol.version=0', 'pull', '--quiet', '--ff-only']);
    assert.equal(await readFile(join(dir, 'clone', 'a.txt'), 'utf8'), 'two\n');
    assert.equal((await run(['-C', join(dir, 'clone'), 'rev-parse', 'HEAD'])).stdout.trim(), second);
    await assert.rejects(run(['clone', '--quiet', `${server.url}/missing.git`, join(dir, 'missing')]), /404|not found/i);
  });
});
