import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { asciiOnly, type BundleManifest } from './bundle.ts';

// The bin as users run it: a fresh process with its own cache directory, beside the TypeScript sources.

const bin = join(import.meta.dirname, '..', '..', 'bin', 'conflux-helm.js');
const sources = join(import.meta.dirname, 'main.ts');

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let work = '';
let chart = '';
let cache = '';

async function bundleDir(): Promise<string> {
  const [key] = await readdir(join(cache, 'conflux-helm'));
  return join(cache, 'conflux-helm', key!);
}

describe('bin/conflux-helm.js: one cached bundle of the CLI', () => {
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'conflux-helm-bin-'));
    chart = join(work, 'chart');
    cache = join(work, 'cache');
    await mkdir(join(chart, 'templates'), { recursive: true });
    await writeFile(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
    await writeFile(join(chart, 'values.yaml'), 'greeting: héllo\nlimits: {cpu: 1}\n');
    await writeFile(join(chart, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  g: {{ .Values.greeting | quote }}\n  cpu: {{ .Values.limits.cpu | quote }}\n');
  });
  after(async () => rm(work, { recursive: true, force: true }));

  it('GIVEN an empty cache WHEN the bin runs THEN it builds the bundle and prints what the sources print', async () => {
    const args = ['template', 'rel', chart, '--namespace', 'ns'];
    const [ours, direct] = await Promise.all([run([bin, ...args], { CONFLUX_CACHE_DIR: cache }), run([sources, ...args])]);
    assert.equal(ours.stderr, '');
    assert.equal(ours.code, 0);
    assert.equal(ours.stdout, direct.stdout);
    assert.match(ours.stdout, /g: "héllo"/);
    const dir = await bundleDir();
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as BundleManifest;
    assert.ok(manifest.inputs.some(([path]) => path.endsWith(join('src', 'cli', 'main.ts'))), 'main.ts is an input');
    assert.ok(manifest.inputs.some(([path]) => path.includes(join('node_modules', 'yaml'))), 'the yaml package is an input');
    assert.doesNotMatch(await readFile(join(dir, manifest.bundle), 'utf8'), /[^\x00-\x7f]/);
  });

  it('GIVEN a fresh bundle WHEN the bin runs again THEN it reuses it', async () => {
    const dir = await bundleDir();
    const before = (await stat(join(dir, 'main.mjs'))).mtimeMs;
    const again = await run([bin, 'template', 'rel', chart], { CONFLUX_CACHE_DIR: cache });
    assert.equal(again.code, 0, again.stderr);
    assert.equal((await stat(join(dir, 'main.mjs'))).mtimeMs, before);
  });

  it('GIVEN an input changed since the bundle was built WHEN the bin runs THEN it rebuilds first', async () => {
    const dir = await bundleDir();
    const manifestPath = join(dir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as BundleManifest;
    // Recording an older mtime for one input is what editing that file looks like to the bin.
    manifest.inputs[0]![2] -= 1000;
    await writeFile(manifestPath, JSON.stringify(manifest));
    const again = await run([bin, 'template', 'rel', chart], { CONFLUX_CACHE_DIR: cache });
    assert.equal(again.code, 0, again.stderr);
    const rebuilt = JSON.parse(await readFile(manifestPath, 'utf8')) as BundleManifest;
    assert.equal(rebuilt.inputs[0]![2], (await stat(rebuilt.inputs[0]![0])).mtimeMs);
  });
});

describe('asciiOnly', () => {
  it('GIVEN text with non-ASCII characters WHEN escaped THEN each becomes a \\u escape and ASCII text is unchanged', () => {
    assert.equal(asciiOnly('const re = /µs/; const s = "é";'), 'const re = /\\u00b5s/; const s = "\\u00e9";');
    assert.equal(asciiOnly('plain'), 'plain');
  });
});
