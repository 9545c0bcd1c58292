import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ArtifactServer, startArtifactServer } from './server.ts';

describe('artifact server', () => {
  let root: string;
  let outside: string;
  let server: ArtifactServer;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'artifact-server-'));
    outside = await mkdtemp(join(tmpdir(), 'artifact-outside-'));
    await mkdir(join(root, 'gitrepository', 'ns', 'app'), { recursive: true });
    await writeFile(join(root, 'gitrepository', 'ns', 'app', 'abc.tar.gz'), 'bytes');
    await writeFile(join(outside, 'secret'), 'nope');
    await symlink(join(outside, 'secret'), join(root, 'gitrepository', 'ns', 'app', 'escape'));
    server = await startArtifactServer(root, '127.0.0.1:0');
  });

  after(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('GIVEN a stored file WHEN it is fetched by path THEN its bytes come back', async () => {
    const res = await fetch(`${server.url}/gitrepository/ns/app/abc.tar.gz`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'bytes');
  });

  it('GIVEN the root WHEN fetched THEN it answers 200, as the readiness probe expects', async () => {
    assert.equal((await fetch(`${server.url}/`)).status, 200);
  });

  it('GIVEN paths that leave the root WHEN fetched THEN they are 404', async () => {
    assert.equal((await fetch(`${server.url}/gitrepository/ns/app/escape`)).status, 404);
    assert.equal((await fetch(`${server.url}/gitrepository/%2e%2e/%2e%2e/%2e%2e/etc/passwd`)).status, 404);
    assert.equal((await fetch(`${server.url}/missing.tar.gz`)).status, 404);
  });
});
