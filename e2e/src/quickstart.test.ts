// `npm start` brings the control plane up, tells the user how to reach it, and Ctrl-C leaves nothing behind.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { eventually, kubeClients, repoRoot } from '@conflux/testing';

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

  it('GIVEN the quick start WHEN it reports ready THEN the printed kubeconfig reaches the cluster, and Ctrl-C stops every process', async () => {
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

    const exited = new Promise<number | null>((resolve) => start.once('exit', (code) => resolve(code)));
    start.kill('SIGINT');
    assert.equal(await exited, 0);
    assert.equal(alive(controlPlanePid), false, 'the control plane must be gone once npm start exits');
    await assert.rejects(fetch(sourceHealth), 'source-controller must be gone once npm start exits');
  });
});
