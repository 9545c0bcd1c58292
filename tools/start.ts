// npm start: the local Conflux quick start. Builds what is needed, starts the real control plane, then
// every controller that exists, each as its own process, then a demo GitOps loop on podinfo.
// Ctrl-C stops them all.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { crdManifests } from '@conflux/api';
import { controllerNodeFlags } from '@conflux/runtime';
import { installCRDs, kubeClients, repoRoot, startControlPlane } from '@conflux/testing';
import { type Demo, demoWalkthrough, startDemo } from './demo.ts';

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
  // Upstream's :9090 event API would clash with the artifact server's port on one machine.
  'notification-controller': { EVENTS_ADDR: `127.0.0.1:${19095 + offset}`, RECEIVERADDR: `127.0.0.1:${19292 + offset}` },
};

const running: Array<{ name: string; child: ChildProcess }> = [];
let demo: Demo | undefined;

// Registered before anything slow starts, so Ctrl-C during the set-up also stops what is already up.
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
  await demo?.close();
  await plane.stop();
  say('Stopped.');
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

for (const [i, name] of controllers.entries()) {
  const main = join(root, 'apps', name, 'src', 'main.ts');
  if (!existsSync(main)) continue;
  // Text logs for people watching a terminal; deployments keep upstream's JSON default.
  const child = spawn(process.execPath, [...controllerNodeFlags, main, '--log-encoding=console'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, KUBECONFIG: plane.kubeconfig, NATS_URL: plane.natsURL, ...portsFor(i), ...extraEnv[name] },
  });
  child.on('exit', (code, signal) => {
    if (!stopping) say(`${name} exited (code ${code}, signal ${signal})`);
  });
  running.push({ name, child });
}

// The demo needs both source-controller and kustomize-controller; without them the plane runs alone.
const names = running.map((r) => r.name);
if (names.includes('source-controller') && names.includes('kustomize-controller')) {
  say('Setting up the demo: podinfo in a local Git repository, a GitRepository and a Kustomization...');
  try {
    demo = await startDemo(kubeClients(plane.kubeconfig), dir);
  } catch (err) {
    say(`The demo did not come up: ${err instanceof Error ? err.message : String(err)}`);
  }
}

say();
say('Conflux is running.');
say(`  kube-apiserver  ${plane.apiServer}`);
say(`  NATS            ${plane.natsURL}`);
say(`  controllers     ${running.length ? running.map((r) => r.name).join(', ') : 'none yet: the control plane runs alone'}`);
say(`  artifacts       http://${storageAddr}`);
if (names.includes('notification-controller')) {
  const nc = extraEnv['notification-controller']!;
  say(`  events          http://${nc['EVENTS_ADDR']}  (upstream's event API)`);
  say(`  webhooks        http://${nc['RECEIVERADDR']}/hook/<path from a Receiver's status.webhookPath>`);
}
say();
say('Point kubectl at it:');
say(`  export KUBECONFIG=${plane.kubeconfig}`);
say('  kubectl get namespaces');
say();
if (demo) {
  for (const line of demoWalkthrough(demo, plane.kubeconfig)) say(line);
  say();
}
say('Press Ctrl-C to stop everything.');

