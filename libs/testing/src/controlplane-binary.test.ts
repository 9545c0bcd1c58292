import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { controlPlaneCacheKey } from './controlplane-binary.ts';

describe('the control-plane cache key', () => {
  const dirs: string[] = [];
  after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  async function moduleDir(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'cp-key-'));
    dirs.push(dir);
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    return dir;
  }

  const base = { 'go.mod': 'module x\n', 'go.sum': 'a v1 h1:x\n', 'main.go': 'package main\n' };

  it('GIVEN the same module twice WHEN keyed THEN the keys are equal, so a fresh clone reuses the build', async () => {
    assert.equal(await controlPlaneCacheKey(await moduleDir(base)), await controlPlaneCacheKey(await moduleDir(base)));
  });

  it('GIVEN a dependency bump in go.sum WHEN keyed THEN the key changes', async () => {
    const bumped = await moduleDir({ ...base, 'go.sum': 'a v2 h1:y\n' });
    assert.notEqual(await controlPlaneCacheKey(bumped), await controlPlaneCacheKey(await moduleDir(base)));
  });

  it('GIVEN a change to a Go source WHEN keyed THEN the key changes; other files do not count', async () => {
    const edited = await moduleDir({ ...base, 'main.go': 'package main // changed\n' });
    const withNotes = await moduleDir({ ...base, 'NOTES.md': 'anything' });
    const original = await controlPlaneCacheKey(await moduleDir(base));
    assert.notEqual(await controlPlaneCacheKey(edited), original);
    assert.equal(await controlPlaneCacheKey(withNotes), original);
  });
});
