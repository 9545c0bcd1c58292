import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gitFs, gitFsFor } from './git-fs.ts';

describe('the file system isomorphic-git gets for one checkout', () => {
  let gitdir: string;
  before(async () => {
    gitdir = await mkdtemp(join(tmpdir(), 'git-fs-'));
    await mkdir(join(gitdir, 'objects', 'pack'), { recursive: true });
    await mkdir(join(gitdir, 'objects', 'ab'), { recursive: true });
  });
  after(() => rm(gitdir, { recursive: true, force: true }));

  it('lists objects/pack once, and again after a write through it', async () => {
    // GIVEN a checkout's file system that has listed an empty pack directory
    const fs = gitFsFor({}).promises;
    const pack = join(gitdir, 'objects', 'pack');
    assert.deepEqual(await fs.readdir(pack), []);
    // WHEN a pack appears behind its back, the remembered listing is still served
    await writeFile(join(pack, 'pack-1.idx'), '');
    assert.deepEqual(await fs.readdir(pack), []);
    // THEN a write through it (as a fetch writes a pack) makes it look again
    await fs.writeFile(join(pack, 'pack-2.idx'), '');
    assert.deepEqual((await fs.readdir(pack)).sort(), ['pack-1.idx', 'pack-2.idx']);
  });

  it('answers "no loose object" without reading the disk, as the caches hold packs only', async () => {
    // GIVEN a loose object file on disk (which Conflux's caches never have)
    const loose = join(gitdir, 'objects', 'ab', 'c'.repeat(38));
    await writeFile(loose, 'x');
    // WHEN the checkout's file system is asked for it THEN it is missing, where the plain one finds it
    await assert.rejects(gitFsFor({}).promises.readFile(loose), { code: 'ENOENT' });
    await assert.rejects(gitFsFor({}).promises.stat(loose), { code: 'ENOENT' });
    assert.equal(String(await gitFs.promises.readFile(loose)), 'x');
  });

  it('remembers that the git directory is a directory, but not a failed stat', async () => {
    const fs = gitFsFor({}).promises;
    const later = join(gitdir, 'later');
    await assert.rejects(fs.stat(later), { code: 'ENOENT' });
    await mkdir(later);
    assert.ok((await fs.stat(later)).isDirectory());
    assert.ok((await fs.stat(gitdir)).isDirectory());
  });

  it('keeps one file system per object cache, and the plain one without a cache', () => {
    const cache = {};
    assert.equal(gitFsFor(cache), gitFsFor(cache));
    assert.notEqual(gitFsFor(cache), gitFsFor({}));
    assert.equal(gitFsFor(undefined), gitFs);
  });
});
