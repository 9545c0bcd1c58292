import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, readFile, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { archiveDirectory, archiveFiles, archiveFilesAtOnce, type MemoryFile } from './archive.ts';
import { digestOf } from './digest.ts';
import { sourceIgnoreFilter } from './ignore.ts';
import { blockSize, decodeHeader, headerPath, isZeroBlock, paddingFor } from './tar/header.ts';
import { collect, tempDir } from './test-fixtures.ts';

const tree: MemoryFile[] = [
  { path: 'README.md', content: '# app\n' },
  { path: 'deploy/app.yaml', content: 'kind: Deployment\n' },
  { path: 'deploy/base/kustomization.yaml', content: 'resources: []\n' },
  { path: 'deploy-extra/x.yaml', content: 'x: 1\n' },
  { path: 'scripts/run.sh', content: '#!/bin/sh\necho hi\n', mode: 0o755 },
];

async function writeTree(dir: string, files: MemoryFile[]): Promise<void> {
  for (const f of files) {
    await mkdir(join(dir, f.path, '..'), { recursive: true });
    await writeFile(join(dir, f.path), f.content);
    await chmod(join(dir, f.path), f.mode ?? 0o644);
  }
}

interface Listed {
  name: string;
  type: string;
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  uname: string;
  gname: string;
  size: number;
}

// Our own listing of every header, to check the fields a system tar would hide.
function listHeaders(tarGz: Buffer): Listed[] {
  const tar = gunzipSync(tarGz);
  const out: Listed[] = [];
  for (let off = 0; off < tar.length; ) {
    const block = tar.subarray(off, off + blockSize);
    if (isZeroBlock(block)) break;
    const h = decodeHeader(block);
    out.push({ name: headerPath(h), type: h.typeflag, mode: h.mode, uid: h.uid, gid: h.gid, mtime: h.mtime, uname: h.uname, gname: h.gname, size: h.size });
    off += blockSize + h.size + paddingFor(h.size);
  }
  return out;
}

describe('deterministic archives', () => {
  it('GIVEN the same tree written twice in different orders, times and permissions WHEN archived THEN the bytes and digests are identical', async () => {
    const a = await tempDir();
    const b = await tempDir();
    await writeTree(a, tree);
    await writeTree(b, [...tree].reverse().map((f) => ({ ...f, mode: f.mode === 0o755 ? 0o711 : 0o664 })));
    await utimes(join(b, 'README.md'), new Date('2001-01-01'), new Date('2001-01-01'));
    const first = await collect(archiveDirectory(a));
    const again = await collect(archiveDirectory(a));
    const other = await collect(archiveDirectory(b));
    assert.ok(first.equals(again), 'same tree twice');
    assert.ok(first.equals(other), 'different creation order, mtimes and modes');
    assert.equal(digestOf(first), digestOf(other));
  });

  it('GIVEN one changed byte or an added exec bit WHEN archived THEN the digest changes', async () => {
    const a = await tempDir();
    await writeTree(a, tree);
    const before = digestOf(await collect(archiveDirectory(a)));
    await writeFile(join(a, 'README.md'), '# App\n');
    const afterContent = digestOf(await collect(archiveDirectory(a)));
    await chmod(join(a, 'deploy/app.yaml'), 0o744);
    const afterMode = digestOf(await collect(archiveDirectory(a)));
    assert.notEqual(before, afterContent);
    assert.notEqual(afterContent, afterMode);
  });

  it('GIVEN an in-memory file list WHEN archived THEN it equals the archive of the same tree on disk', async () => {
    const a = await tempDir();
    await writeTree(a, tree);
    const disk = await collect(archiveDirectory(a));
    const memory = await collect(archiveFiles([...tree].reverse()));
    assert.ok(disk.equals(memory));
  });

  it('GIVEN empty directories WHEN archived from memory with them listed THEN it equals the same tree on disk', async () => {
    const a = await tempDir();
    await writeTree(a, tree);
    await mkdir(join(a, 'vendor', 'lib'), { recursive: true });
    const disk = await collect(archiveDirectory(a));
    assert.ok(!disk.equals(await collect(archiveFiles(tree))), 'without them the empty directories are missing');
    assert.ok(disk.equals(await collect(archiveFiles(tree, { directories: ['vendor/lib'] }))));
  });

  it('GIVEN a small in-memory tree WHEN archived at once THEN the bytes equal the streamed archive, long and non-ASCII paths included', async () => {
    const odd: MemoryFile[] = [
      ...tree,
      { path: `${'deep/'.repeat(40)}file.yaml`, content: 'long: path\n' },
      { path: 'docs/café.md', content: 'pax path\n' },
      { path: 'empty.txt', content: '' },
      { path: 'blob.bin', content: Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256)) },
    ];
    const options = { directories: ['vendor/lib'], filter: sourceIgnoreFilter([]) };
    const atOnce = archiveFilesAtOnce(odd, options);
    assert.ok(atOnce, 'a tree under a megabyte is built at once');
    assert.ok(atOnce.equals(await collect(archiveFiles(odd, options))));
  });

  it('GIVEN an in-memory tree over a megabyte WHEN archived at once THEN it is left to the stream', () => {
    assert.equal(archiveFilesAtOnce([{ path: 'big.bin', content: Buffer.alloc((1 << 20) + 1) }]), undefined);
  });

  it('GIVEN any tree WHEN archived THEN entries are in walk order with zeroed owners and times and normalised modes', async () => {
    const a = await tempDir();
    await writeTree(a, tree);
    await chmod(join(a, 'deploy'), 0o777);
    const listed = listHeaders(await collect(archiveDirectory(a)));
    assert.deepEqual(
      listed.map((l) => l.name),
      ['.', 'README.md', 'deploy', 'deploy/app.yaml', 'deploy/base', 'deploy/base/kustomization.yaml', 'deploy-extra', 'deploy-extra/x.yaml', 'scripts', 'scripts/run.sh'],
    );
    for (const l of listed) {
      assert.deepEqual([l.uid, l.gid, l.mtime, l.uname, l.gname], [0, 0, 0, '', ''], l.name);
      const expected = l.type === '5' ? 0o750 : l.name.endsWith('.sh') ? 0o700 : 0o600;
      assert.equal(l.mode, expected, `${l.name} mode ${l.mode.toString(8)}`);
    }
  });

  it('GIVEN any archive WHEN its gzip header is read THEN it carries no name and a zero mtime', async () => {
    const gz = await collect(archiveFiles(tree));
    assert.deepEqual([...gz.subarray(0, 3)], [0x1f, 0x8b, 8]);
    assert.equal(gz[3], 0, 'FLG: no FNAME, FCOMMENT or FEXTRA');
    assert.deepEqual([...gz.subarray(4, 8)], [0, 0, 0, 0], 'MTIME');
  });

  it('GIVEN symlinks in the tree WHEN archived THEN they are skipped, even when they point at real files', async () => {
    const a = await tempDir();
    await writeTree(a, tree);
    await symlink('/etc/passwd', join(a, 'passwd'));
    await symlink('README.md', join(a, 'readme-link'));
    await symlink('deploy', join(a, 'deploy-link'));
    const names = listHeaders(await collect(archiveDirectory(a))).map((l) => l.name);
    assert.ok(!names.some((n) => n.includes('passwd') || n.includes('link')), names.join(','));
    assert.equal(names.length, 10);
  });

  it('GIVEN an ignore filter that matches a directory WHEN archived THEN the directory entry and the files matched inside are left out', async () => {
    const a = await tempDir();
    await writeTree(a, [...tree, { path: '.git/config', content: '[core]\n' }, { path: 'logo.png', content: 'png' }, { path: '.github/workflows/ci.yaml', content: 'on: push\n' }]);
    const names = listHeaders(await collect(archiveDirectory(a, { filter: sourceIgnoreFilter([]) }))).map((l) => l.name);
    assert.ok(!names.some((n) => n.startsWith('.git') || n === 'logo.png'), names.join(','));
    assert.ok(names.includes('deploy/app.yaml'));
  });

  it('GIVEN our archive WHEN listed and extracted by the system tar THEN it sees the same names, modes and bytes, long and non-ASCII names included', async () => {
    const files: MemoryFile[] = [
      ...tree,
      { path: `${'very-long-directory-name/'.repeat(6)}file.yaml`, content: 'long: true\n' },
      { path: `${'x'.repeat(120)}.yaml`, content: 'pax: true\n' },
      { path: 'ünïcode/naïve.yaml', content: 'utf8: true\n' },
    ];
    const dir = await tempDir();
    const archive = join(dir, 'a.tar.gz');
    await writeFile(archive, await collect(archiveFiles(files)));
    const listing = execFileSync('tar', ['-tzvf', archive], { encoding: 'utf8' });
    assert.match(listing, /^-rwx------ 0\/0 .* scripts\/run\.sh$/m);
    assert.match(listing, /^-rw------- 0\/0 .* deploy\/app\.yaml$/m);
    assert.match(listing, /^drwxr-x--- 0\/0 .* deploy\/base$/m);
    assert.match(listing, / 1970-01-01 /);
    const out = join(dir, 'out');
    await mkdir(out);
    execFileSync('tar', ['-xzf', archive, '-C', out]);
    for (const f of files) assert.equal(await readFile(join(out, f.path), 'utf8'), f.content, f.path);
  });
});
