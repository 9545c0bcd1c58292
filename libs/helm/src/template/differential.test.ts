import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ensureHelmBinary } from '@conflux/testing';
import { HelmRenderError, renderTemplates } from '../engine/render.ts';
import { valuesMap } from '../values/chartutil.ts';
import { decodeValuesYAML } from '../values/decode.ts';
import { defaultValues, type TemplateCase, templateCases } from './testdata/cases.ts';

const run = promisify(execFile);

// Differential tests: each case's template goes into a throwaway chart that the real `helm template`
// renders, and into renderTemplates(); the texts (or the error messages) must be identical. The template
// is wrapped in sentinels so that its output never parses as a manifest: `helm template --debug` then
// prints the raw rendered text, untouched by Helm's YAML splitting and trimming.
const begin = 'BEGIN|';
const end = '|END';

let helm = '';
let work = '';
let matched = 0;

interface Outcome {
  output?: string;
  error?: string;
}

async function reference(dir: string): Promise<Outcome> {
  const env = { ...process.env, HELM_CACHE_HOME: join(work, '.cache'), HELM_CONFIG_HOME: join(work, '.config'), HELM_DATA_HOME: join(work, '.data'), KUBECONFIG: join(work, 'no-kubeconfig') };
  const result = await run(helm, ['template', 'rel', dir, '--namespace', 'ns', '--debug'], { env, maxBuffer: 64 << 20 }).catch(
    (err: { stdout: string; stderr: string }) => err,
  );
  const stdout = result.stdout;
  const at = stdout.indexOf(begin);
  if (at >= 0) return { output: stdout.slice(at + begin.length, stdout.lastIndexOf(end)) };
  const stderr = result.stderr;
  const e = stderr.indexOf('Error: ');
  assert.ok(e >= 0, `helm printed neither output nor error:\n${stdout}\n${stderr}`);
  const rest = stderr.slice(e + 'Error: '.length);
  const stop = rest.search(/\nhelm\.go:\d+:/);
  return { error: stop >= 0 ? rest.slice(0, stop) : rest.trimEnd() };
}

function ours(c: TemplateCase): Outcome {
  const values = decodeValuesYAML(c.values ?? defaultValues);
  const data = {
    Values: valuesMap(values),
    Release: { Name: 'rel', Namespace: 'ns', IsUpgrade: false, IsInstall: true, Revision: 1n, Service: 'Helm' },
  };
  const templates = [
    { name: 't/templates/t.yaml', text: begin + c.template + end, data, basePath: 't/templates' },
    ...Object.entries(c.extra ?? {}).map(([file, text]) => ({ name: `t/templates/${file}`, text, data, basePath: 't/templates' })),
  ];
  try {
    const out = renderTemplates(templates).get('t/templates/t.yaml')!;
    return { output: out.slice(begin.length, out.lastIndexOf(end)) };
  } catch (err) {
    if (err instanceof HelmRenderError) return { error: err.message };
    throw err;
  }
}

describe('differential: the template engine against helm template (v3.21.4)', () => {
  before(async () => {
    helm = (await ensureHelmBinary()).path;
    work = await mkdtemp(join(tmpdir(), 'conflux-helm-'));
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
    console.log(`differential: ${matched} of ${templateCases.length} template cases match helm template`);
  });

  for (const [index, c] of templateCases.entries()) {
    it(`GIVEN the template "${c.name}" WHEN helm and Conflux render it THEN they print the same${c.error ? ' error' : ''}`, async () => {
      const dir = join(work, String(index), 't');
      await mkdir(join(dir, 'templates'), { recursive: true });
      await writeFile(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: t\nversion: 0.1.0\n');
      await writeFile(join(dir, 'values.yaml'), c.values ?? defaultValues);
      await writeFile(join(dir, 'templates', 't.yaml'), begin + c.template + end);
      for (const [file, text] of Object.entries(c.extra ?? {})) await writeFile(join(dir, 'templates', file), text);
      const theirs = await reference(dir);
      const mine = ours(c);
      if (c.error) assert.ok(theirs.error !== undefined, `helm was expected to fail but printed ${JSON.stringify(theirs.output)}`);
      else assert.equal(theirs.error, undefined, `helm failed: ${theirs.error}`);
      assert.deepEqual(mine, theirs);
      matched++;
    });
  }
});
