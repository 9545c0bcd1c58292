import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
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
});
