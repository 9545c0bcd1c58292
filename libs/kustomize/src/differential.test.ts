import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ensureKustomizeBinary, repoRoot } from '@conflux/testing';
import { build } from './build.ts';
import { diskFS, memoryFS } from './fs.ts';
import { fixtures as firstSlice, podinfoDir } from './testdata/fixtures.ts';
import { slice2Fixtures } from './testdata/fixtures-slice2.ts';
import { slice3Fixtures } from './testdata/fixtures-slice3.ts';
import { overlayFixtures } from './testdata/fixtures-overlays.ts';
import { base64Fixtures } from './testdata/fixtures-base64.ts';
import { parseYamlStream, toYamlStream } from './yaml.ts';

const run = promisify(execFile);
const fixtures = [...firstSlice, ...slice2Fixtures, ...slice3Fixtures, ...overlayFixtures, ...base64Fixtures];

// Differential tests: the real kustomize (the version Flux pins) and build() read the same tree, and must
// produce the same objects in the same order. `--reorder none` gives the FIFO order Flux uses.
let kustomize = '';
let work = '';

async function reference(dir: string): Promise<{ objects?: unknown[]; error?: string }> {
  try {
    const { stdout } = await run(kustomize, ['build', '--reorder', 'none', '--load-restrictor', 'LoadRestrictionsNone', dir], { maxBuffer: 64 << 20 });
    return { objects: parseYamlStream(stdout, 'kustomize output') };
  } catch (err) {
    return { error: (err as { stderr?: string }).stderr ?? String(err) };
  }
}

/** Our objects after a trip through our own YAML writer, so the output format is checked too. */
function ours(run: () => unknown[]): { objects?: unknown[]; error?: Error } {
  try {
    return { objects: parseYamlStream(toYamlStream(run()), 'our output') };
  } catch (err) {
    return { error: err as Error };
  }
}

describe('differential: build() against kustomize v5.8.1', () => {
  before(async () => {
    kustomize = (await ensureKustomizeBinary()).path;
    work = await mkdtemp(join(tmpdir(), 'conflux-kustomize-'));
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
  });

  for (const [index, fixture] of fixtures.entries()) {
    it(`GIVEN fixture "${fixture.name}" WHEN both build it THEN they agree`, async () => {
      const root = join(work, String(index));
      for (const [rel, content] of Object.entries(fixture.files)) {
        await mkdir(dirname(join(root, rel)), { recursive: true });
        await writeFile(join(root, rel), content);
      }
      const theirs = await reference(join(root, fixture.dir ?? '.'));
      const mine = ours(() => build(memoryFS(fixture.files), fixture.dir ?? '.'));
      if (fixture.error) {
        assert.ok(theirs.error, `kustomize was expected to fail but printed ${JSON.stringify(theirs.objects)}`);
        assert.ok(mine.error, `build() was expected to fail but returned ${JSON.stringify(mine.objects)}`);
        assert.match(mine.error.message, fixture.error);
        return;
      }
      assert.equal(mine.error, undefined, `build() failed: ${mine.error?.message}`);
      assert.equal(theirs.error, undefined, `kustomize failed: ${theirs.error}`);
      assert.deepStrictEqual(mine.objects, theirs.objects);
      // The same tree read from disk gives the same result as from memory.
      assert.deepStrictEqual(ours(() => build(diskFS(root), fixture.dir ?? '.')).objects, mine.objects);
    });
  }

  it('GIVEN the podinfo kustomize directory WHEN both build it THEN they agree, in order', async () => {
    const shared = join(repoRoot(), '..', 'shared');
    const theirs = await reference(join(shared, podinfoDir));
    const mine = ours(() => build(diskFS(shared), podinfoDir));
    assert.equal(theirs.error, undefined);
    assert.equal(mine.error, undefined, mine.error?.message);
    assert.equal((mine.objects ?? []).length, 3);
    assert.deepStrictEqual(mine.objects, theirs.objects);
  });

  it('reports the fixture count', () => {
    // Visible in the spec reporter's output: how much of kustomize the suite pins down.
    assert.ok(fixtures.length >= 150, `only ${fixtures.length} fixtures`);
    console.log(`differential fixtures: ${fixtures.length} (+ podinfo)`);
  });
});
