import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureHelmBinary } from '@conflux/testing';

// The bin run as a child process, beside the real helm with the same arguments: stdout, stderr and
// the exit code must agree.

const podinfo = join(import.meta.dirname, '../../../../../shared/testdata/podinfo/charts/podinfo');
const main = join(import.meta.dirname, 'main.ts');
// podinfo's test Pods end their names in `randAlphaNum 5 | lower`; only that suffix is masked.
const randomSuffix = /^(\s*name: \S+-test-)[a-z0-9]{5}$/gm;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<Result> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout: stdout.replace(randomSuffix, '$1XXXXX'), stderr });
    });
  });
}

let helm = '';
let work = '';

const both = async (args: string[]): Promise<[Result, Result]> => {
  const env = { ...process.env, HELM_CACHE_HOME: join(work, '.cache'), HELM_CONFIG_HOME: join(work, '.config'), HELM_DATA_HOME: join(work, '.data'), KUBECONFIG: join(work, 'none') };
  return Promise.all([run(process.execPath, [main, 'template', ...args]), run(helm, ['template', ...args], env)]);
};

describe('conflux-helm template (child process) against helm template', () => {
  before(async () => {
    helm = (await ensureHelmBinary()).path;
    work = await mkdtemp(join(tmpdir(), 'conflux-helm-cli-'));
  });
  after(async () => rm(work, { recursive: true, force: true }));

  const same = [
    ['podinfo, default values', ['rel', podinfo, '--kube-version', '1.30.0']],
    ['podinfo, values-prod.yaml, --set, namespace', ['rel', podinfo, '-f', join(podinfo, 'values-prod.yaml'), '--set', 'replicaCount=3,hpa.enabled=true', '--set-string', 'podAnnotations.x=1', '-n', 'prod', '--kube-version=1.31.2']],
    ['podinfo, --skip-tests and --api-versions', ['rel', podinfo, '--kube-version', '1.30.0', '--skip-tests', '--api-versions', 'monitoring.coreos.com/v1', '--set', 'serviceMonitor.enabled=true']],
    ['podinfo, one argument (release-name)', [podinfo, '--kube-version', '1.30.0']],
  ] as const;
  for (const [name, args] of same) {
    it(`GIVEN ${name} WHEN both render THEN stdout is the same text and both exit 0`, async () => {
      const [ours, theirs] = await both([...args]);
      assert.equal(theirs.code, 0, theirs.stderr);
      assert.equal(ours.stderr, '');
      assert.equal(ours.code, 0);
      assert.equal(ours.stdout, theirs.stdout);
    });
  }

  it('GIVEN a chart that fails to render, a missing chart and a missing values file WHEN run THEN both print the same Error line and exit 1', async () => {
    const bad = join(work, 'bad');
    await mkdir(join(bad, 'templates'), { recursive: true });
    await writeFile(join(bad, 'Chart.yaml'), 'apiVersion: v2\nname: bad\nversion: 0.1.0\n');
    await writeFile(join(bad, 'templates/cm.yaml'), '{{ required "need .Values.x" .Values.x }}\n');
    for (const args of [['r', bad], ['r', join(work, 'nowhere')], ['r', podinfo, '-f', join(work, 'none.yaml')], ['r', podinfo]]) {
      const [ours, theirs] = await both(args);
      assert.equal(theirs.code, 1, `helm should fail on ${args.join(' ')}`);
      assert.equal(ours.code, 1);
      assert.equal(ours.stdout, '');
      assert.equal(ours.stderr, theirs.stderr);
    }
  });

  describe('GIVEN a chart with several templates, hooks, a test and a CRD', () => {
    let chart = '';
    before(async () => {
      chart = join(work, 'flags');
      await mkdir(join(chart, 'templates/tests'), { recursive: true });
      await mkdir(join(chart, 'crds'), { recursive: true });
      await writeFile(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: flags\nversion: 0.1.0\n');
      await writeFile(join(chart, 'values.yaml'), 'keep: default\nlist: [a, b]\n');
      const cm = (name: string, body: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${body}\n`;
      await writeFile(join(chart, 'templates/values.yaml'), cm('values', '  values: |\n{{ toYaml .Values | indent 4 }}\n  upgrade: {{ .Release.IsUpgrade | quote }}\n  host: {{ getHostByName "localhost" | quote }}'));
      await writeFile(join(chart, 'templates/multi.yaml'), `${cm('one', '  a: "1"')}---\n${cm('two', '  b: "2"')}`);
      await writeFile(join(chart, 'templates/hook.yaml'), cm('hook', '  h: "1"').replace('  name: hook\n', '  name: hook\n  annotations:\n    helm.sh/hook: pre-install\n'));
      await writeFile(join(chart, 'templates/tests/test.yaml'), cm('test', '  t: "1"').replace('  name: test\n', '  name: test\n  annotations:\n    helm.sh/hook: test\n'));
      await writeFile(join(chart, 'crds/crd.yaml'), 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\n');
      await writeFile(join(work, 'file.txt'), 'line one\nline "two", with = signs\n');
    });

    const valueFlags = [
      ['--set-file', () => ['--set-file', `text=${join(work, 'file.txt')},list[1]=${join(work, 'file.txt')}`]],
      ['--set-json', () => ['--set-json', 'obj={"a":[1,2.5,{"b":null}],"c":"d"}', '--set-json', 'list[0]=true, n=', '--set-json', 'x.y=[1]']],
      ['--set-literal', () => ['--set-literal', 'lit=a,b=c\\d{e}', '--set-literal', 'list[1]=x,y', '--set-literal', 'deep.key=']],
      ['every value flag in helm\'s order', () => ['--set', 'keep=set', '--set-json', 'keep="json"', '--set-string', 'keep=1', '--set-literal', 'keep=literal,', '--set-file', `f=${join(work, 'file.txt')}`, '--set', 'n=10']],
      ['--is-upgrade and --enable-dns', () => ['--is-upgrade', '--enable-dns']],
      ['--show-only of one template', () => ['--show-only', 'templates/multi.yaml']],
      ['-s with a glob, a hook, and --include-crds', () => ['-s', 'templates/*', '-s', 'templates/tests/test.yaml', '--include-crds']],
      ['--show-only with --skip-tests', () => ['--show-only', 'templates/hook.yaml', '--skip-tests']],
    ] as const;
    for (const [name, flags] of valueFlags) {
      it(`WHEN both render with ${name} THEN stdout is the same text and both exit 0`, async () => {
        const [ours, theirs] = await both(['rel', chart, ...flags()]);
        assert.equal(theirs.code, 0, theirs.stderr);
        assert.equal(ours.stderr, '');
        assert.equal(ours.code, 0);
        assert.equal(ours.stdout, theirs.stdout);
      });
    }

    const failures = [
      ['a --set-file path that does not exist', () => ['--set-file', `a=${join(work, 'missing.txt')}`]],
      ['--set-json that is not JSON', () => ['--set-json', 'a={nope']],
      ['--set-literal without a value', () => ['--set-literal', 'a']],
      ['--show-only of a template that is not there', () => ['--show-only', 'templates/nope.yaml']],
      ['--show-only where the second pattern matches nothing', () => ['-s', 'templates/multi.yaml', '-s', 'templates/tests/test.yaml', '--skip-tests']],
    ] as const;
    for (const [name, flags] of failures) {
      it(`WHEN both run with ${name} THEN both print the same Error and exit 1`, async () => {
        const [ours, theirs] = await both(['rel', chart, ...flags()]);
        assert.equal(theirs.code, 1, `helm should fail: ${theirs.stdout}`);
        assert.equal(ours.code, 1);
        assert.equal(ours.stdout, theirs.stdout);
        assert.equal(ours.stderr, theirs.stderr);
      });
    }

    async function tree(dir: string): Promise<Record<string, string>> {
      const out: Record<string, string> = {};
      for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const path = join(entry.parentPath, entry.name);
        out[path.slice(dir.length)] = await readFile(path, 'utf8');
      }
      return out;
    }

    for (const [name, flags] of [
      ['--output-dir', ['--include-crds']],
      ['--output-dir and --release-name, twice over (hooks append to what is there)', ['--release-name', '--skip-tests']],
    ] as const) {
      it(`WHEN both write ${name} THEN they announce and write the same files`, async () => {
        const mine = join(work, `out-ours-${name.length}`);
        const theirsDir = join(work, `out-helm-${name.length}`);
        const runs = name.includes('twice') ? 2 : 1;
        let ours!: Result;
        let theirs!: Result;
        for (let i = 0; i < runs; i++) {
          [ours] = await both(['rel', chart, ...flags, '--output-dir', mine]);
          [, theirs] = await both(['rel', chart, ...flags, '--output-dir', theirsDir]);
        }
        assert.equal(theirs.code, 0, theirs.stderr);
        assert.equal(ours.code, 0, ours.stderr);
        assert.equal(ours.stdout.replaceAll(mine, 'OUT'), theirs.stdout.replaceAll(theirsDir, 'OUT'));
        assert.deepEqual(await tree(mine), await tree(theirsDir));
      });
    }
  });
});
