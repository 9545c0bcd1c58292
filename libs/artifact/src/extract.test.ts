import assert from 'node:assert/strict';
import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';
import { archiveFiles } from './archive.ts';
import { ArtifactErrorCode, isArtifactError } from './errors.ts';
import { extractTarGz } from './extract.ts';
import { TypeFlag } from './tar/header.ts';
import { collect, craftTar, craftTarGz, tempDir } from './test-fixtures.ts';

async function exists(p: string): Promise<boolean> {
  return lstat(p).then(
    () => true,
    () => false,
  );
}

// Each hostile case gets a sandbox: `target` to extract into and `outside` beside it that must stay empty.
async function sandbox(): Promise<{ target: string; outside: string; base: string }> {
  const base = await tempDir();
  const target = join(base, 'deep', 'er', 'target');
  const outside = join(base, 'outside');
  await mkdir(outside);
  return { target, outside, base };
}

async function assertNothingWritten(s: { target: string; outside: string; base: string }): Promise<void> {
  assert.deepEqual(await readdir(s.outside), [], 'nothing outside the target');
  assert.equal(await exists(s.target), false, 'the target created for this call is removed again');
  assert.deepEqual((await readdir(s.base)).sort(), ['deep', 'outside']);
  assert.deepEqual(await readdir(join(s.base, 'deep', 'er')), []);
}

describe('safe extraction: honest tarballs', () => {
  it('GIVEN a Conflux archive WHEN extracted THEN every file comes back with its bytes and exec bit', async () => {
    const files = [
      { path: 'deploy/app.yaml', content: 'kind: Deployment\n' },
      { path: 'run.sh', content: '#!/bin/sh\n', mode: 0o755 },
      { path: `${'long/'.repeat(30)}x.yaml`, content: 'deep: true\n' },
    ];
    const target = join(await tempDir(), 'out');
    const result = await extractTarGz(await collect(archiveFiles(files)), target);
    assert.equal(result.files, 3);
    assert.deepEqual(result.skippedLinks, []);
    for (const f of files) assert.equal(await readFile(join(target, f.path), 'utf8'), f.content);
    assert.equal((await lstat(join(target, 'run.sh'))).mode & 0o100, 0o100);
  });

  it('GIVEN a symlink and a hardlink that stay inside WHEN extracted THEN neither is created and both are reported as skipped', async () => {
    const target = join(await tempDir(), 'out');
    const tgz = craftTarGz([
      { name: 'a.yaml', body: 'a' },
      { name: 'dir/link', type: TypeFlag.Symlink, linkname: '../a.yaml' },
      { name: 'hard', type: TypeFlag.HardLink, linkname: 'a.yaml' },
    ]);
    const result = await extractTarGz(tgz, target);
    assert.deepEqual(result.skippedLinks, ['dir/link', 'hard']);
    assert.equal(await exists(join(target, 'dir/link')), false);
    assert.equal(await exists(join(target, 'hard')), false);
  });
});

describe('safe extraction: malicious tarballs', () => {
  const refusals: [string, Parameters<typeof craftTarGz>[0], string][] = [
    ['a path traversal (../../etc/x)', [{ name: 'ok.yaml', body: 'fine' }, { name: '../../outside/x', body: 'pwned' }], ArtifactErrorCode.UnsafePath],
    ['a traversal hidden mid-path', [{ name: 'a/../../../outside/x', body: 'pwned' }], ArtifactErrorCode.UnsafePath],
    ['an absolute path', [{ name: '/tmp/conflux-pwned', body: 'pwned' }], ArtifactErrorCode.UnsafePath],
    ['a pax path that climbs out', [{ name: 'innocent', body: 'pwned', pax: { path: '../../outside/x' } }], ArtifactErrorCode.UnsafePath],
    [
      'a symlink pointing out, then a file written through it',
      [
        { name: 'escape', type: TypeFlag.Symlink, linkname: '../../../outside' },
        { name: 'escape/x', body: 'pwned' },
      ],
      ArtifactErrorCode.UnsafePath,
    ],
    ['a relative symlink that climbs out', [{ name: 'a/b/link', type: TypeFlag.Symlink, linkname: '../../../x' }], ArtifactErrorCode.UnsafePath],
    ['a hardlink to an absolute path', [{ name: 'passwd', type: TypeFlag.HardLink, linkname: '/etc/passwd' }], ArtifactErrorCode.UnsafePath],
    ['a hardlink that climbs out', [{ name: 'h', type: TypeFlag.HardLink, linkname: '../outside/x' }], ArtifactErrorCode.UnsafePath],
    ['a character device', [{ name: 'null', type: TypeFlag.CharDevice }], ArtifactErrorCode.UnsupportedEntry],
    ['a FIFO', [{ name: 'pipe', type: TypeFlag.Fifo }], ArtifactErrorCode.UnsupportedEntry],
    ['a huge size header', [{ name: 'ok.yaml', body: 'fine' }, { name: 'big', size: 8 ** 11 - 1 }], ArtifactErrorCode.TooLarge],
    ['a pax size beyond the cap', [{ name: 'big', pax: { size: String(200 * 1024 * 1024) } }], ArtifactErrorCode.TooLarge],
  ];
  for (const [what, entries, code] of refusals) {
    it(`GIVEN ${what} WHEN extracted THEN it is refused with ${code} and nothing is written`, async () => {
      const s = await sandbox();
      await assert.rejects(extractTarGz(craftTarGz(entries), s.target), (err) => isArtifactError(err, code as ArtifactErrorCode) && err.message.length > 20);
      await assertNothingWritten(s);
    });
  }

  it('GIVEN a gzip bomb (a 200 MiB entry of zeros, streamed) WHEN extracted with the default 100 MiB cap THEN it is refused after reading only its first blocks', async () => {
    const s = await sandbox();
    const mib = 1024 * 1024;
    let produced = 0;
    async function* bombTar(): AsyncGenerator<Buffer> {
      yield craftTar([{ name: 'bomb', size: 200 * mib }], { terminate: false });
      for (; produced < 200; produced++) yield Buffer.alloc(mib);
    }
    const bomb = Readable.from(bombTar()).pipe(createGzip());
    await assert.rejects(extractTarGz(bomb, s.target), (err) => isArtifactError(err, ArtifactErrorCode.TooLarge) && /104857600/.test(err.message));
    assert.ok(produced < 20, `only the first blocks were inflated (${produced} MiB produced)`);
    await assertNothingWritten(s);
  });

  it('GIVEN many small files summing past a small cap WHEN extracted THEN it is refused and the files written so far are removed', async () => {
    const s = await sandbox();
    const entries = Array.from({ length: 10 }, (_, i) => ({ name: `f${i}`, body: Buffer.alloc(1000, 'a') }));
    await assert.rejects(extractTarGz(craftTarGz(entries), s.target, { maxSize: 5000 }), (err) => isArtifactError(err, ArtifactErrorCode.TooLarge));
    await assertNothingWritten(s);
  });

  it('GIVEN more entries than allowed WHEN extracted THEN ArtifactTooManyEntries', async () => {
    const s = await sandbox();
    const entries = Array.from({ length: 20 }, (_, i) => ({ name: `e${i}` }));
    await assert.rejects(extractTarGz(craftTarGz(entries), s.target, { maxEntries: 10 }), (err) => isArtifactError(err, ArtifactErrorCode.TooManyEntries));
    await assertNothingWritten(s);
  });

  it('GIVEN a target that already holds a symlink pointing out WHEN an entry is written through it THEN it is refused and the outside stays empty', async () => {
    const s = await sandbox();
    await mkdir(s.target, { recursive: true });
    await symlink(s.outside, join(s.target, 'pre'));
    await writeFile(join(s.target, 'keep'), 'pre-existing');
    await assert.rejects(extractTarGz(craftTarGz([{ name: 'new.yaml', body: 'x' }, { name: 'pre/x', body: 'pwned' }]), s.target), (err) =>
      isArtifactError(err, ArtifactErrorCode.UnsafePath),
    );
    assert.deepEqual(await readdir(s.outside), []);
    assert.deepEqual((await readdir(s.target)).sort(), ['keep', 'pre'], 'what this call created is gone; what was there stays');
  });

  it('GIVEN bytes that are not gzip, or a truncated tarball WHEN extracted THEN ArtifactInvalidArchive', async () => {
    const s = await sandbox();
    await assert.rejects(extractTarGz(Buffer.from('<html>not found</html>'), s.target), (err) => isArtifactError(err, ArtifactErrorCode.InvalidArchive));
    const truncated = gzipSync(craftTar([{ name: 'f', body: Buffer.alloc(4096, 'a') }]).subarray(0, 1024));
    await assert.rejects(extractTarGz(truncated, s.target), (err) => isArtifactError(err, ArtifactErrorCode.InvalidArchive));
    const cut = (await collect(archiveFiles([{ path: 'a', content: 'x'.repeat(100_000) }]))).subarray(0, 200);
    await assert.rejects(extractTarGz(cut, s.target), (err) => isArtifactError(err, ArtifactErrorCode.InvalidArchive));
    await assertNothingWritten(s);
  });
});
