// The workspace's own promises: Node 24 everywhere, layer boundaries enforced by lint, and one runnable
// esbuild bundle per app.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { repoRoot } from '@conflux/testing';
import { asciiOnly, bundleApp } from './build-app.ts';

const exec = promisify(execFile);
const root = repoRoot();
const nx = (...args: string[]) =>
  exec(process.execPath, [join(root, 'node_modules/nx/dist/bin/nx.js'), ...args], {
    cwd: root,
    env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' },
  });

describe('the workspace', () => {
  before(async () => {
    // The module-boundary rule reads Nx's cached project graph; make sure there is one.
    await nx('show', 'projects');
  });

  it('GIVEN an npm script WHEN it runs node THEN it is the pinned Node 24', () => {
    assert.equal(process.versions.node.split('.')[0], '24');
  });

  it('GIVEN every Nx project WHEN its tags are read THEN each has exactly one layer tag', async () => {
    const { stdout } = await nx('show', 'projects', '--json');
    const projects = JSON.parse(stdout) as string[];
    assert.ok(projects.length >= 3, `expected several projects, got ${projects.join(', ')}`);
    for (const project of projects) {
      const shown = JSON.parse((await nx('show', 'project', project, '--json')).stdout) as { tags?: string[] };
      const layers = (shown.tags ?? []).filter((t) => t.startsWith('type:'));
      assert.equal(layers.length, 1, `${project} has layer tags [${layers.join(', ')}]`);
    }
  });

  it('GIVEN a lib that imports an app WHEN linted THEN the module-boundary rule fails it', async () => {
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintText("import { runCli } from '@conflux/cli';\nexport const probe = runCli;\n", {
      filePath: join(root, 'libs/testing/src/boundary-probe.ts'),
    });
    const boundary = result?.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries') ?? [];
    assert.equal(boundary.length, 1, JSON.stringify(result?.messages));
    assert.equal(boundary[0]?.severity, 2);
  });

  it('GIVEN an app that imports a lib WHEN linted THEN the module-boundary rule accepts it', async () => {
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintText("import { repoRoot } from '@conflux/testing';\nexport const probe = repoRoot;\n", {
      filePath: join(root, 'apps/cli/src/boundary-probe.ts'),
    });
    assert.deepEqual(result?.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries'), []);
  });

  it('GIVEN the cli app WHEN bundled with esbuild THEN the bundle runs on its own and reports its version', async () => {
    const out = await bundleApp(join(root, 'apps/cli'));
    const { stdout } = await exec(process.execPath, [out, 'version']);
    assert.equal(stdout, `conflux 0.1.0 (node ${process.version})\n`);
  });

  it('GIVEN the libs and apps WHEN searched THEN import.meta.main appears only in *-cli.ts entry points that nothing imports, because a bundle gives every module its own import.meta', async () => {
    const sources: string[] = [];
    for (const layer of ['libs', 'apps']) {
      for (const entry of await readdir(join(root, layer), { recursive: true, withFileTypes: true })) {
        const path = join(entry.parentPath, entry.name);
        if (entry.isFile() && path.endsWith('.ts') && path.includes('/src/') && !path.includes('node_modules')) sources.push(path);
      }
    }
    const texts = new Map(await Promise.all(sources.map(async (p) => [p, await readFile(p, 'utf8')] as const)));
    const entries = sources.filter((p) => /\bimport\.meta\.main\b/.test(texts.get(p) ?? ''));
    assert.ok(entries.some((p) => p.endsWith('libs/api/src/generate-cli.ts')), 'the API generator is found, so the search works');
    for (const path of entries) {
      assert.match(path, /-cli\.ts$/, `${path} tests import.meta.main but is not a -cli.ts entry point`);
      const name = path.slice(path.lastIndexOf('/') + 1);
      const importers = sources.filter((p) => p !== path && (texts.get(p) ?? '').includes(`/${name}'`));
      assert.deepEqual(importers, [], `${name} is imported, so its import.meta.main would run inside a bundle`);
    }
  });

  it('GIVEN a bundle with non-ASCII characters in regular expressions and strings WHEN made ASCII-only THEN it behaves the same', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conflux-ascii-'));
    try {
      const file = join(dir, 'module.mjs');
      await writeFile(file, "export const unit = /^(µs|μs|ms)$/u; export const loose = /[\\ud800-\uffff]/; export const greeting = 'héllo 😀';\n");
      await asciiOnly(file);
      assert.doesNotMatch(await readFile(file, 'utf8'), /[^\x00-\x7f]/);
      const m = (await import(pathToFileURL(file).href)) as { unit: RegExp; loose: RegExp; greeting: string };
      assert.ok(m.unit.test('µs') && m.unit.test('μs') && !m.unit.test('us'));
      assert.ok(m.loose.test('\uffff'));
      assert.equal(m.greeting, 'héllo 😀');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
