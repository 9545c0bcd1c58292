import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { ensureHelmBinary } from '@conflux/testing';
import { mergeUserValues } from '../values/options.ts';
import { loadChart } from './load.ts';
import { renderChart, templateOutput } from './render.ts';
import { type ChartCase, chartCases } from './testdata/charts.ts';

const run = promisify(execFile);

// Differential tests for whole charts: each generated chart (and podinfo) goes through the real
// `helm template` and through loadChart + renderChart + templateOutput with the same flags. The
// outputs must be equal document by document (source path and parsed object) and as text.

const podinfo = join(import.meta.dirname, '../../../../../shared/testdata/podinfo/charts/podinfo');

let helm = '';
let work = '';
let matched = 0;
let total = 0;

async function writeTree(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

async function tgz(parent: string, name: string, out: string): Promise<void> {
  await run('tar', ['-czf', out, '-C', parent, name]);
}

interface Args {
  chart: string;
  valueFiles: string[];
  set: string[];
  setString: string[];
  flags: string[];
}

async function theirs(a: Args): Promise<string> {
  const env = { ...process.env, HELM_CACHE_HOME: join(work, '.cache'), HELM_CONFIG_HOME: join(work, '.config'), HELM_DATA_HOME: join(work, '.data'), KUBECONFIG: join(work, 'none') };
  const args = ['template', 'rel', a.chart, '--namespace', 'ns', ...a.valueFiles.flatMap((f) => ['-f', f]), ...a.set.flatMap((s) => ['--set', s]), ...a.setString.flatMap((s) => ['--set-string', s]), ...a.flags];
  const { stdout } = await run(helm, args, { env, maxBuffer: 64 << 20 });
  return stdout;
}

async function ours(a: Args): Promise<string> {
  const values = mergeUserValues({ valueFiles: await Promise.all(a.valueFiles.map((f) => readFile(f, 'utf8'))), set: a.set, setString: a.setString });
  const flag = (name: string): string | undefined => {
    const i = a.flags.indexOf(name);
    return i >= 0 ? a.flags[i + 1] : undefined;
  };
  const chart = await loadChart(a.chart);
  const apiVersions = flag('--api-versions');
  const rendered = renderChart(chart, { releaseName: 'rel', namespace: 'ns', values, kubeVersion: flag('--kube-version'), apiVersions: apiVersions ? [apiVersions] : [] });
  return templateOutput(chart, rendered, { includeCrds: a.flags.includes('--include-crds'), skipTests: a.flags.includes('--skip-tests') });
}

/** The documents of a template output as [source, object] pairs. */
function documents(text: string): [string, unknown][] {
  return text
    .split(/^---\n/m)
    .filter((d) => d.trim() !== '')
    .map((d) => {
      const source = /^# Source: (.*)$/m.exec(d)?.[1] ?? '';
      return [source, parseAllDocuments(d).map((doc) => doc.toJS())];
    });
}

// podinfo's test Pods end their names in `randAlphaNum 5 | lower`; only that suffix is masked.
const randomSuffix = /^(\s*name: \S+-test-)[a-z0-9]{5}$/gm;

async function compare(a: Args, mask?: RegExp): Promise<void> {
  total++;
  let expected = await theirs(a);
  let actual = await ours(a);
  if (mask) {
    expected = expected.replace(mask, '$1xxxxx');
    actual = actual.replace(mask, '$1xxxxx');
  }
  assert.deepEqual(documents(actual), documents(expected), 'object by object');
  assert.equal(actual, expected, 'as text');
  matched++;
}

async function prepare(index: number, c: ChartCase): Promise<Args> {
  const root = join(work, `case-${index}`);
  const dir = join(root, 'chart');
  await writeTree(dir, c.files);
  for (const [name, files] of Object.entries(c.packed ?? {})) {
    const stage = join(root, 'stage', name);
    const chartName = /^(.*)-[^-]+$/.exec(name)![1]!;
    await writeTree(join(stage, chartName), files);
    await mkdir(join(dir, 'charts'), { recursive: true });
    await tgz(stage, chartName, join(dir, 'charts', `${name}.tgz`));
  }
  let chart = dir;
  if (c.asArchive) {
    chart = join(root, 'chart.tgz');
    await tgz(root, 'chart', chart);
  }
  const valueFiles: string[] = [];
  for (const [i, text] of (c.valueFiles ?? []).entries()) {
    const f = join(root, `values-${i}.yaml`);
    await writeFile(f, text);
    valueFiles.push(f);
  }
  return { chart, valueFiles, set: c.set ?? [], setString: c.setString ?? [], flags: c.flags ?? [] };
}

describe('differential: whole charts against helm template (v3.21.4)', () => {
  before(async () => {
    helm = (await ensureHelmBinary()).path;
    work = await mkdtemp(join(tmpdir(), 'conflux-helm-chart-'));
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
    console.log(`differential: ${matched} of ${total} charts match helm template`);
  });

  for (const [index, c] of chartCases.entries()) {
    it(`GIVEN the chart "${c.name}" WHEN helm and Conflux template it THEN the output is the same`, async () => {
      await compare(await prepare(index, c));
    });
  }

  it('GIVEN podinfo with its default values WHEN helm and Conflux template it THEN the output is the same', async () => {
    await compare({ chart: podinfo, valueFiles: [], set: [], setString: [], flags: ['--kube-version', '1.30.0'] }, randomSuffix);
  });

  it('GIVEN podinfo with values-prod.yaml WHEN helm and Conflux template it THEN the output is the same', async () => {
    await compare({ chart: podinfo, valueFiles: [join(podinfo, 'values-prod.yaml')], set: [], setString: [], flags: ['--kube-version', '1.30.0'] }, randomSuffix);
  });
});
