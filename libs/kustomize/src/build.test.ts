import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { build } from './build.ts';
import { BuildError } from './errors.ts';
import { diskFS, memoryFS } from './fs.ts';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe('build: Flux rules', () => {
  it('GIVEN no kustomization and fluxGenerate WHEN built THEN files are taken in walk order and sub-kustomizations as units', () => {
    const fs = memoryFS({
      'app/b.yaml': cm('b'), 'app/a.yml': cm('a'), 'app/notes.txt': 'ignored',
      'app/sub/kustomization.yaml': 'resources: [x.yaml]\n', 'app/sub/x.yaml': cm('x'), 'app/sub/skip.yaml': cm('skip'),
      'app/z/c.yaml': cm('c'),
    });
    const names = build(fs, 'app', { fluxGenerate: true }).map((o) => (o['metadata'] as { name: string }).name);
    assert.deepEqual(names, ['a', 'b', 'x', 'c']);
  });
  it('GIVEN an empty directory and fluxGenerate WHEN built THEN there are no objects', () => {
    assert.deepEqual(build(memoryFS({ 'empty/.keep': '' }), 'empty', { fluxGenerate: true }), []);
  });
  it('GIVEN a remote base WHEN built THEN it is refused with a clear error', () => {
    const fs = memoryFS({ 'kustomization.yaml': 'resources:\n- https://github.com/org/repo//deploy?ref=v1\n' });
    assert.throws(() => build(fs, '.'), (err: BuildError) => err.code === 'RemoteRefused' && /resources\[0\]: remote reference/.test(err.message));
  });
  it('GIVEN a file beside the root on disk WHEN a resource names it THEN it is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kz-root-'));
    mkdirSync(join(dir, 'root'));
    writeFileSync(join(dir, 'outside.yaml'), cm('secret'));
    writeFileSync(join(dir, 'root', 'kustomization.yaml'), 'resources:\n- ../outside.yaml\n');
    try {
      assert.throws(() => build(diskFS(join(dir, 'root')), '.'), (err: BuildError) => err.code === 'OutsideRoot');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
