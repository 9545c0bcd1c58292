// npm start: the local Conflux quick start. Builds what is needed, starts the real control plane, then
// every controller that exists, each as its own process. Ctrl-C stops them all.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { crdManifests } from '@conflux/api';
import { installCRDs, kubeClients, repoRoot, startControlPlane } from '@conflux/testing';

/** The controllers `npm start` runs, in start order, once their app exists. */
const controllers = ['source-controller', 'kustomize-controller', 'helm-controller', 'notification-controller'];

const say = (line = '') => process.stdout.write(`${line}\n`);
const root = repoRoot();
// CONFLUX_START_DIR lets a test run the quick start beside a developer's own.
const dir = process.env['CONFLUX_START_DIR'] ?? join(root, 'tmp', 'controlplane');

// A fresh cluster each time: state from an older build of the control plane is not worth debugging.
await rm(dir, { recursive: true, force: true });
say('Starting the local control plane (etcd, kube-apiserver, controller-manager, NATS)...');
const plane = await startControlPlane({ dir, log: say });

say('Installing the Flux CRDs...');
await installCRDs(kubeClients(plane.kubeconfig), crdManifests());

/**
 * Loopback ports per controller, so several controllers never clash. CONFLUX_START_PORT_OFFSET moves them
 * all, for a test running the quick start beside a developer's own.
 */
const offset = Number(process.env['CONFLUX_START_PORT_OFFSET'] ?? 0);
const portsFor = (i: number) => ({
  METRICS_ADDR: `127.0.0.1:${18080 + offset + i}`,
  HEALTH_ADDR: `127.0.0.1:${19440 + offset + i}`,
});
const storageAddr = `127.0.0.1:${19090 + offset}`;
const extraEnv: Record<string, Record<string, string>> = {
  'source-controller': { STORAGE_PATH: join(dir, 'storage'), STORAGE_ADDRESS: storageAddr, STORAGE_ADV_ADDR: storageAddr },
};

const running: Array<{ name: string; child: ChildProcess }> = [];
for (const [i, name] of controllers.entries()) {
  const main = join(root, 'apps', name, 'src', 'main.ts');
  if (!existsSync(main)) continue;
  const child = spawn(process.execPath, [main], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, KUBECONFIG: plane.kubeconfig, NATS_URL: plane.natsURL, ...portsFor(i), ...extraEnv[name] },
  });
  child.on('exit', (code, signal) => {
    if (!stopping) say(`${name} exited (code ${code}, signal ${signal})`);
  });
  running.push({ name, child });
}

say();
say('Conflux is running.');
say(`  kube-apiserver  ${plane.apiServer}`);
say(`  NATS            ${plane.natsURL}`);
say(`  controllers     ${running.length ? running.map((r) => r.name).join(', ') : 'none yet: the control plane runs alone'}`);
say();
say('Point kubectl at it:');
say(`  export KUBECONFIG=${plane.kubeconfig}`);
say('  kubectl get namespaces');
say();
say('Press Ctrl-C to stop everything.');

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('\nStopping...');
  await Promise.all(
    running.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
  await plane.stop();
  say('Stopped.');
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
