import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { type GitServer, startGitServer } from './git-server.ts';
import { type LeanGitServer, startLeanGitServer } from './lean-git-server.ts';

const exec = promisify(execFile);

describe('the lean Git server (tools/gitserver)', () => {
  let fixture: GitServer;
  let lean: LeanGitServer;
  let work: string;

  before(async () => {
    // GIVEN a repository made with the regular fixture, and the lean server on the same directory
    fixture = await startGitServer();
    const repo = await fixture.createRepository('app');
    await repo.commit({ 'deploy/app.yaml': 'kind: ConfigMap\n' }, 'first');
    lean = await startLeanGitServer(dirname(repo.bareDir));
    work = await mkdtemp(join(tmpdir(), 'lean-git-'));
  });
  after(async () => {
    await lean.close();
    await fixture.close();
    await rm(work, { recursive: true, force: true });
  });

  it('serves a shallow clone to the real git client, and counts the requests', async () => {
    // WHEN git clones through it over smart HTTP
    await exec('git', ['clone', '--quiet', '--depth=1', `${lean.url}/app.git`, join(work, 'app')], { env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
    // THEN the files are there, and the server counted the advertisement and the upload-pack POSTs (protocol v2 makes two)
    assert.equal(await readFile(join(work, 'app', 'deploy', 'app.yaml'), 'utf8'), 'kind: ConfigMap\n');
    const stats = await lean.stats();
    assert.ok(stats.uploadPackPosts >= 1, `upload-pack POSTs: ${stats.uploadPackPosts}`);
    assert.ok(stats.requests >= 2, `requests: ${stats.requests}`);
  });

  it('answers 404 for a repository that does not exist, a path that is not a repository, and pushes', async () => {
    assert.equal((await fetch(`${lean.url}/missing.git/info/refs?service=git-upload-pack`)).status, 404);
    assert.equal((await fetch(`${lean.url}/deploy/info/refs?service=git-upload-pack`)).status, 404);
    assert.equal((await fetch(`${lean.url}/app.git/info/refs?service=git-receive-pack`)).status, 404);
  });
});
