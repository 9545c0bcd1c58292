import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
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

  it('advertises refs byte for byte as git does, tags peeled, loose or packed, once git has answered one', async () => {
    // GIVEN repositories with branches, a lightweight and an annotated tag, HEAD on a second branch, and
    // the same refs once loose and once packed
    const git = (dir: string, ...args: string[]) => exec('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args]);
    const shapes: string[] = [];
    for (const packed of [false, true]) {
      const repo = await fixture.createRepository(packed ? 'tags-packed' : 'tags-loose');
      const first = await repo.commit({ 'a.yaml': 'a: 1\n' }, 'first');
      await repo.commit({ 'a.yaml': 'a: 2\n' }, 'second');
      await git(repo.bareDir, 'branch', 'dev', first);
      await git(repo.bareDir, 'tag', 'v1.0.0', first);
      await git(repo.bareDir, 'tag', '-a', '-m', 'release', 'v2.0.0');
      await git(repo.bareDir, 'symbolic-ref', 'HEAD', 'refs/heads/dev');
      if (packed) await git(repo.bareDir, 'pack-refs', '--all');
      shapes.push(repo.bareDir);
    }
    const advertisement = (name: string) => fetch(`${lean.url}/${name}/info/refs?service=git-upload-pack`).then(async (r) => Buffer.from(await r.arrayBuffer()));
    // git answers the first one, which teaches the server its capability list
    await advertisement('app.git');
    const before = (await lean.stats()).advertised;
    for (const dir of shapes) {
      // WHEN the lean server advertises the repository's refs
      const served = await advertisement(basename(dir));
      // THEN the bytes are git's own, after the smart-HTTP service line
      const { stdout } = await exec('git', ['upload-pack', '--stateless-rpc', '--advertise-refs', dir], { encoding: 'buffer' });
      const preamble = Buffer.from('001e# service=git-upload-pack\n0000');
      assert.equal(served.toString('latin1'), Buffer.concat([preamble, stdout]).toString('latin1'), dir);
      assert.match(served.toString('latin1'), /refs\/tags\/v2\.0\.0\^\{\}/, 'the annotated tag is peeled');
    }
    // AND it read them itself instead of asking git
    assert.equal((await lean.stats()).advertised - before, shapes.length);
  });

  it('answers 404 for a repository that does not exist, a path that is not a repository, and pushes', async () => {
    assert.equal((await fetch(`${lean.url}/missing.git/info/refs?service=git-upload-pack`)).status, 404);
    assert.equal((await fetch(`${lean.url}/deploy/info/refs?service=git-upload-pack`)).status, 404);
    assert.equal((await fetch(`${lean.url}/app.git/info/refs?service=git-receive-pack`)).status, 404);
  });
});
