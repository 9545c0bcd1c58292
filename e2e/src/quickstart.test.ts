// `npm start` brings the control plane up with the demo GitOps loop, tells the user how to reach it and
// how to drive the loop (which this test then does), and Ctrl-C leaves nothing behind.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { eventually, kubeClients, kubeRequest, repoRoot } from '@conflux/testing';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  const cleanup: Array<() => Promise<void>> = [];
  after(async () => {
    for (const c of cleanup) await c();
  });

  it('GIVEN the quick start WHEN it reports ready THEN the printed kubeconfig reaches the cluster, the demo is applied, a pushed commit is applied, and Ctrl-C stops every process', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conflux-start-'));
    // Ports away from a developer's own `npm start`.
    const offset = 100 + Math.floor(Math.random() * 500);
    const sourceHealth = `http://127.0.0.1:${19440 + offset}/healthz`;
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const start = spawn(process.execPath, [join(repoRoot(), 'tools/start.ts')], {
      cwd: repoRoot(),
      env: { ...process.env, CONFLUX_START_DIR: dir, CONFLUX_START_PORT_OFFSET: String(offset) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanup.push(async () => {
      if (start.exitCode === null) start.kill('SIGKILL');
    });

    const lines: string[] = [];
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: start.stdout }).on('line', (line) => {
        lines.push(line);
        if (line.startsWith('Press Ctrl-C')) resolve();
      });
      start.once('exit', (code) => reject(new Error(`npm start exited early (${code}):\n${lines.join('\n')}`)));
    });

    const exported = lines.find((l) => l.trim().startsWith('export KUBECONFIG='));
    assert.ok(exported, `no kubeconfig line in:\n${lines.join('\n')}`);
    const kubeconfig = exported.trim().slice('export KUBECONFIG='.length);
    const namespaces = await kubeClients(kubeconfig).core.listNamespace();
    assert.ok(namespaces.items.some((n) => n.metadata?.name === 'kube-system'));

    const controlPlanePid = Number((await readFile(join(dir, 'pid'), 'utf8')).trim());
    assert.ok(alive(controlPlanePid));
    assert.match(lines.find((l) => l.trim().startsWith('controllers')) ?? '', /source-controller/);
    await eventually('source-controller to answer its health check', async () => (await fetch(sourceHealth)).ok);

    // The demo: podinfo applied from the local Git repository, and the walkthrough's edit-commit-push loop.
    const admin = kubeClients(kubeconfig);
    const minReplicas = async () => {
      const res = await kubeRequest(admin.kubeconfig, 'GET', '/apis/autoscaling/v2/namespaces/podinfo/horizontalpodautoscalers/podinfo');
      return res.status === 200 ? res.json<{ spec: { minReplicas: number } }>().spec.minReplicas : undefined;
    };
    assert.equal(await minReplicas(), 2, `podinfo's HPA is applied before the walkthrough is printed:\n${lines.join('\n')}`);
    assert.match(lines.find((l) => l.trim().startsWith('Applied')) ?? '', /main@sha1:[0-9a-f]{40} to namespace podinfo: .*Deployment\/podinfo/);
    const workingCopy = lines.find((l) => l.trim().startsWith('Working copy'))?.trim().slice('Working copy'.length).trim();
    assert.ok(workingCopy, 'the walkthrough names the working copy');
    const hpa = join(workingCopy, 'hpa.yaml');
    await writeFile(hpa, (await readFile(hpa, 'utf8')).replace('minReplicas: 2', 'minReplicas: 3'));
    const git = (...args: string[]) => promisify(execFile)('git', ['-C', workingCopy, ...args]);
    await git('commit', '-qam', 'podinfo: at least three replicas');
    await git('push', '-q');
    const poked = await kubeRequest(admin.kubeconfig, 'PATCH', '/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/podinfo', {
      body: { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': new Date().toISOString() } } },
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    assert.equal(poked.status, 200, poked.body);
    await eventually('the pushed commit to be applied', async () => (await minReplicas()) === 3, { timeoutMs: 60_000 });

    const exited = new Promise<number | null>((resolve) => start.once('exit', (code) => resolve(code)));
    start.kill('SIGINT');
    assert.equal(await exited, 0);
    assert.equal(alive(controlPlanePid), false, 'the control plane must be gone once npm start exits');
    await assert.rejects(fetch(sourceHealth), 'source-controller must be gone once npm start exits');
  });
});
