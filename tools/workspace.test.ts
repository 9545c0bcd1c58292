// The workspace's own promises: Node 24 everywhere, layer boundaries enforced by lint, and one runnable
// esbuild bundle per app.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { repoRoot } from '@conflux/testing';
import { bundleApp } from './build-app.ts';

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
});
