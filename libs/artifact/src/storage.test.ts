import assert from 'node:assert/strict';
import { lstat, mkdir, readdir, readFile, readlink, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { atomicWriteFile, tempFilePrefix } from './atomic-write.ts';
import { digestOf } from './digest.ts';
import { ArtifactErrorCode, isArtifactError } from './errors.ts';
import { secureJoin } from './secure-path.ts';
import { openStorage } from './storage.ts';
import { collect, tempDir } from './test-fixtures.ts';
import { archiveFiles } from './archive.ts';

const adv = 'source-controller.flux-system.svc.cluster.local.';

async function* failingAfter(bytes: number): AsyncGenerator<Uint8Array> {
  yield Buffer.alloc(bytes, 'x');
  throw new Error('disk pulled out mid-write');
}

describe('secure paths', () => {
  it('GIVEN hostile kinds, namespaces, names or file names WHEN joined THEN they are refused, not clamped', async () => {
    const storage = await openStorage({ root: await tempDir(), advertisedAddress: adv });
    const hostile: [string, string, string, string][] = [
      ['../etc', 'ns', 'n', 'f'],
      ['GitRepository', '..', 'n', 'f'],
      ['GitRepository', 'ns', '../../x', 'f'],
      ['GitRepository', 'ns', 'n', '../f'],
      ['GitRepository', 'ns', 'a/b', 'f'],
      ['GitRepository', '', 'n', 'f'],
      ['GitRepository', 'ns', 'n\0', 'f'],
      ['GitRepository', 'ns', 'n', '.'],
    ];
    for (const [kind, ns, name, file] of hostile) {
      assert.throws(() => storage.artifactFor(kind, ns, name, file, 'r'), (err) => isArtifactError(err, ArtifactErrorCode.UnsafePath), `${kind}/${ns}/${name}/${file}`);
    }
  });

  it('GIVEN an artifact path edited in status to climb out WHEN resolved THEN it is refused', async () => {
    const root = await tempDir();
    const storage = await openStorage({ root, advertisedAddress: adv });
    for (const path of ['../../etc/passwd', '/etc/passwd', 'gitrepository/ns/../../../etc/passwd', '']) {
      assert.throws(() => storage.localPath({ path }), (err) => isArtifactError(err, ArtifactErrorCode.UnsafePath), path);
    }
    assert.equal(secureJoin(root, 'gitrepository/ns/n/f.tar.gz'), join(root, 'gitrepository/ns/n/f.tar.gz'));
  });

  it('GIVEN a symlink planted in the storage tree WHEN an artifact is written through it THEN the write is refused', async () => {
    const root = await tempDir();
    const outside = await tempDir();
    await mkdir(join(root, 'gitrepository'), { recursive: true });
    await symlink(outside, join(root, 'gitrepository', 'ns'));
    const storage = await openStorage({ root, advertisedAddress: adv });
    const loc = storage.artifactFor('GitRepository', 'ns', 'n', 'a.tar.gz', 'r');
    await assert.rejects(storage.write(loc, Buffer.from('x')), (err) => isArtifactError(err, ArtifactErrorCode.UnsafePath));
    assert.deepEqual(await readdir(outside), []);
  });
});

describe('artifact storage', () => {
  it('GIVEN a missing root WHEN opened THEN it fails with a message naming --storage-path', async () => {
    await assert.rejects(openStorage({ root: '/nonexistent/storage', advertisedAddress: adv }), /--storage-path/);
  });

  it('GIVEN a GitRepository WHEN its archive is stored THEN it lands at gitrepository/<ns>/<name>/<file> with 0700 dirs, a 0600 file, URL, digest and size', async () => {
    const root = await tempDir();
    const storage = await openStorage({ root, advertisedAddress: adv });
    const loc = storage.artifactFor('GitRepository', 'default', 'podinfo', 'abc123.tar.gz', 'main@sha1:abc123');
    const files = [{ path: 'app.yaml', content: 'a: 1\n' }];
    const artifact = await storage.archiveFiles(loc, files);
    const bytes = await collect(archiveFiles(files));
    assert.equal(artifact.path, 'gitrepository/default/podinfo/abc123.tar.gz');
    assert.equal(artifact.url, `http://${adv}/gitrepository/default/podinfo/abc123.tar.gz`);
    assert.equal(artifact.revision, 'main@sha1:abc123');
    assert.equal(artifact.digest, digestOf(bytes));
    assert.equal(artifact.size, bytes.length);
    assert.match(artifact.lastUpdateTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok((await readFile(join(root, artifact.path))).equals(bytes));
    assert.equal((await lstat(join(root, artifact.path))).mode & 0o777, 0o600);
    for (const d of ['gitrepository', 'gitrepository/default', 'gitrepository/default/podinfo']) {
      assert.equal((await lstat(join(root, d))).mode & 0o777, 0o700, d);
    }
    assert.equal(await storage.verify(artifact), true);
  });

  it('GIVEN a stored artifact WHEN a new write fails mid-way THEN the served file keeps its old bytes and no temp file is left', async () => {
    const root = await tempDir();
    const storage = await openStorage({ root, advertisedAddress: adv });
    const loc = storage.artifactFor('Bucket', 'ns', 'b', 'x.tar.gz', 'r');
    await storage.write(loc, Buffer.from('complete old artifact'));
    await assert.rejects(storage.write(loc, failingAfter(64 * 1024)), (err) => isArtifactError(err, ArtifactErrorCode.StorageFailed));
    assert.equal(await readFile(join(root, loc.path), 'utf8'), 'complete old artifact');
    assert.deepEqual(await readdir(join(root, 'bucket/ns/b')), ['x.tar.gz']);
  });

  it('GIVEN no file yet WHEN the first write fails mid-way THEN nothing appears at the served path', async () => {
    const dir = await tempDir();
    const target = join(dir, 'artifact.tar.gz');
    await assert.rejects(atomicWriteFile(target, failingAfter(1000)), /mid-write/);
    assert.deepEqual(await readdir(dir), []);
  });

  it('GIVEN a stored artifact corrupted on disk WHEN verified THEN verify reports false; a missing one too', async () => {
    const root = await tempDir();
    const storage = await openStorage({ root, advertisedAddress: adv });
    const artifact = await storage.write(storage.artifactFor('HelmChart', 'ns', 'c', 'c-1.0.0.tgz', '1.0.0'), Buffer.from('chart'));
    await writeFile(join(root, artifact.path), 'tampered');
    assert.equal(await storage.verify(artifact), false);
    await storage.remove(artifact);
    assert.equal(await storage.exists(artifact), false);
    assert.equal(await storage.verify(artifact), false);
  });

  it('GIVEN an artifact WHEN a latest link is made THEN it is a relative symlink with its own URL, and it can be removed', async () => {
    const root = await tempDir();
    const storage = await openStorage({ root, advertisedAddress: 'http://localhost:9090' });
    const first = await storage.write(storage.artifactFor('OCIRepository', 'ns', 'o', 'sha256:aaa.tar.gz', 'r1'), Buffer.from('1'));
    const second = await storage.write(storage.artifactFor('OCIRepository', 'ns', 'o', 'sha256:bbb.tar.gz', 'r2'), Buffer.from('2'));
    await storage.symlink(first, 'latest.tar.gz');
    const url = await storage.symlink(second, 'latest.tar.gz');
    assert.equal(url, 'http://localhost:9090/ocirepository/ns/o/latest.tar.gz');
    assert.equal(await readlink(join(root, 'ocirepository/ns/o/latest.tar.gz')), 'sha256:bbb.tar.gz');
    assert.equal(await readFile(join(root, 'ocirepository/ns/o/latest.tar.gz'), 'utf8'), '2');
    await storage.removeSymlink(second, 'latest.tar.gz');
    assert.deepEqual((await readdir(join(root, 'ocirepository/ns/o'))).sort(), ['sha256:aaa.tar.gz', 'sha256:bbb.tar.gz']);
  });

  it('GIVEN five artifacts, a link, a lock and a stale temp file WHEN collected THEN the newest two stay, the current always stays, and links survive', async () => {
    const root = await tempDir();
    const storage = await openStorage({ root, advertisedAddress: adv });
    const now = Date.now();
    const written = [];
    for (let i = 0; i < 5; i++) {
      const a = await storage.write(storage.artifactFor('GitRepository', 'ns', 'g', `${i}.tar.gz`, `r${i}`), Buffer.from(String(i)));
      const t = new Date(now - (50 - i) * 1000);
      await utimes(join(root, a.path), t, t);
      written.push(a);
    }
    const dir = join(root, 'gitrepository/ns/g');
    await storage.symlink(written[4]!, 'latest.tar.gz');
    await writeFile(join(dir, '3.tar.gz.lock'), '');
    await writeFile(join(dir, `${tempFilePrefix}dead-5.tar.gz`), 'interrupted');
    const stale = new Date(now - 10 * 60_000);
    await utimes(join(dir, `${tempFilePrefix}dead-5.tar.gz`), stale, stale);
    // The current artifact is the OLDEST file here: it must survive anyway.
    const deleted = await storage.garbageCollect(written[0]!, { now });
    assert.deepEqual(deleted.sort(), ['gitrepository/ns/g/.conflux-tmp-dead-5.tar.gz', 'gitrepository/ns/g/1.tar.gz', 'gitrepository/ns/g/2.tar.gz', 'gitrepository/ns/g/3.tar.gz']);
    assert.deepEqual((await readdir(dir)).sort(), ['0.tar.gz', '4.tar.gz', 'latest.tar.gz']);
  });

  it('GIVEN old artifacts beyond the TTL WHEN collected THEN they go even under the records limit', async () => {
    const root = await tempDir();
    const storage = await openStorage({ root, advertisedAddress: adv });
    const old = await storage.write(storage.artifactFor('GitRepository', 'ns', 'g', 'old.tar.gz', 'r0'), Buffer.from('0'));
    const current = await storage.write(storage.artifactFor('GitRepository', 'ns', 'g', 'new.tar.gz', 'r1'), Buffer.from('1'));
    const t = new Date(Date.now() - 2 * 60_000);
    await utimes(join(root, old.path), t, t);
    assert.deepEqual(await storage.garbageCollect(current), [old.path]);
    assert.deepEqual(await storage.garbageCollect(current), []);
  });

  it('GIVEN a deleted object WHEN removeAll runs THEN its whole directory goes and other objects stay', async () => {
    const root = await tempDir();
    const storage = await openStorage({ root, advertisedAddress: adv });
    await storage.write(storage.artifactFor('GitRepository', 'ns', 'gone', 'a.tar.gz', 'r'), Buffer.from('a'));
    const kept = await storage.write(storage.artifactFor('GitRepository', 'ns', 'kept', 'a.tar.gz', 'r'), Buffer.from('a'));
    assert.equal(await storage.removeAll('GitRepository', 'ns', 'gone'), 'gitrepository/ns/gone');
    assert.equal(await storage.removeAll('GitRepository', 'ns', 'gone'), '');
    assert.deepEqual(await readdir(join(root, 'gitrepository/ns')), ['kept']);
    assert.equal(await storage.exists(kept), true);
    assert.throws(() => storage.artifactDir('GitRepository', 'ns', '..'), (err) => isArtifactError(err, ArtifactErrorCode.UnsafePath));
  });

  it('GIVEN a changed advertised address WHEN the URL is refreshed THEN it points at the new address', async () => {
    const root = await tempDir();
    const before = await openStorage({ root, advertisedAddress: 'old:9090' });
    const after = await openStorage({ root, advertisedAddress: 'new.example.' });
    const a = before.artifactFor('Bucket', 'ns', 'b', 'x.tar.gz', 'r');
    assert.equal(after.withCurrentURL(a).url, 'http://new.example./bucket/ns/b/x.tar.gz');
  });
});
