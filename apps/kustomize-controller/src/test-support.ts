// Shared set-up for the e2e tests: the real control plane with the Flux CRDs, a real Git server, the
// real source-controller as its own process (an app may not import another app), and this
// kustomize-controller in-process. Both run on their own shard, so test files running in parallel on
// the shared control plane never reconcile each other's objects.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { crdManifests, type GitRepository, type Kustomization, type KustomizationSpec } from '@conflux/api';
import { controlPlaneForSuite, eventually, freePort, installCRDs, kubeRequest, markDeploymentReady, type SuiteControlPlane } from '@conflux/testing';
import { createKustomizeController, type KustomizeController } from './app.ts';

const sourceGroup = 'source.toolkit.fluxcd.io';
const ksGroup = 'kustomize.toolkit.fluxcd.io';
const shardLabel = 'test.conflux.dev/shard';

export { freePort };

export interface Harness {
  plane: SuiteControlPlane;
  controller: KustomizeController;
  shard: string;
  createGitRepository(namespace: string, name: string, url: string, labels?: Record<string, string>): Promise<void>;
  getGitRepository(namespace: string, name: string): Promise<GitRepository>;
  /** Asks source-controller to fetch now, and waits until the artifact is at `commit`. */
  syncSource(namespace: string, name: string, commit: string): Promise<GitRepository>;
  createKustomization(namespace: string, name: string, spec: Partial<KustomizationSpec>): Promise<void>;
  getKustomization(namespace: string, name: string): Promise<Kustomization>;
  patch(path: string, body: object, subresource?: string): Promise<void>;
  waitFor(namespace: string, name: string, what: string, check: (o: Kustomization) => boolean, timeoutMs?: number): Promise<Kustomization>;
  stop(): Promise<void>;
}

export function condition(o: { status?: { conditions?: Array<{ type: string; status: string; reason: string; message: string }> } }, type: string) {
  return o.status?.conditions?.find((c) => c.type === type);
}

export const isReadyAt = (revision: string) => (o: Kustomization) =>
  condition(o, 'Ready')?.status === 'True' && o.status?.observedGeneration === o.metadata.generation && o.status?.lastAppliedRevision === revision;

async function startSourceController(plane: SuiteControlPlane, shard: string): Promise<{ child: ChildProcess; dirs: string[]; output: string[] }> {
  const storage = await mkdtemp(join(tmpdir(), 'ks-test-storage-'));
  const cache = await mkdtemp(join(tmpdir(), 'ks-test-gitcache-'));
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(
    process.execPath,
    [
      join(import.meta.dirname, '..', '..', 'source-controller', 'src', 'main.ts'),
      `--storage-path=${storage}`,
      `--storage-addr=127.0.0.1:${port}`,
      `--git-cache-path=${cache}`,
      `--watch-label-selector=${shardLabel}=${shard}`,
      '--metrics-addr=0',
      '--health-addr=0',
      '--min-retry-delay=500ms',
    ],
    { env: { ...process.env, KUBECONFIG: plane.kubeconfig, NATS_URL: plane.natsURL, RUNTIME_NAMESPACE: 'default' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, dirs: [storage, cache], output };
}

export async function startHarness(shard: string, extraArgs: string[] = []): Promise<Harness> {
  const plane = await controlPlaneForSuite();
  await installCRDs(plane.clients, crdManifests());
  const source = await startSourceController(plane, shard);
  const logs: string[] = [];
  const controller = await createKustomizeController({
    argv: [`--watch-label-selector=${shardLabel}=${shard}`, '--metrics-addr=0', '--health-addr=0', '--min-retry-delay=500ms', ...extraArgs],
    env: { KUBECONFIG: plane.kubeconfig, NATS_URL: plane.natsURL, RUNTIME_NAMESPACE: 'default' },
    handleSignals: false,
    logDestination: new Writable({
      write: (c: Buffer, _e, cb) => {
        if (process.env['KS_TEST_LOG']) process.stderr.write(c);
        logs.push(c.toString());
        if (logs.length > 500) logs.shift();
        cb();
      },
    }),
  });
  await controller.start();
  const custom = plane.clients.custom;
  const patch = async (path: string, body: object, subresource?: string) => {
    const res = await kubeRequest(plane.clients.kubeconfig, 'PATCH', subresource ? `${path}/${subresource}` : path, { body, headers: { 'content-type': 'application/merge-patch+json' } });
    if (res.status !== 200) throw new Error(`PATCH ${path}: HTTP ${res.status}: ${res.body}`);
  };
  const getGitRepository = async (namespace: string, name: string) =>
    (await custom.getNamespacedCustomObject({ group: sourceGroup, version: 'v1', plural: 'gitrepositories', namespace, name })) as GitRepository;
  const getKustomization = async (namespace: string, name: string) =>
    (await custom.getNamespacedCustomObject({ group: ksGroup, version: 'v1', plural: 'kustomizations', namespace, name })) as Kustomization;
  return {
    plane,
    controller,
    shard,
    async createGitRepository(namespace, name, url, labels = { [shardLabel]: shard }) {
      await custom.createNamespacedCustomObject({
        group: sourceGroup,
        version: 'v1',
        plural: 'gitrepositories',
        namespace,
        body: { apiVersion: `${sourceGroup}/v1`, kind: 'GitRepository', metadata: { name, namespace, labels }, spec: { interval: '10m', url, ref: { branch: 'main' } } },
      });
    },
    getGitRepository,
    async syncSource(namespace, name, commit) {
      const token = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
      await patch(`/apis/${sourceGroup}/v1/namespaces/${namespace}/gitrepositories/${name}`, { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': token } } });
      return eventually(`GitRepository ${namespace}/${name} at ${commit}`, async () => {
        const o = await getGitRepository(namespace, name);
        return o.status?.artifact?.revision?.endsWith(commit) ? o : undefined;
      }, { timeoutMs: 60_000 });
    },
    async createKustomization(namespace, name, spec) {
      await custom.createNamespacedCustomObject({
        group: ksGroup,
        version: 'v1',
        plural: 'kustomizations',
        namespace,
        body: {
          apiVersion: `${ksGroup}/v1`,
          kind: 'Kustomization',
          metadata: { name, namespace, labels: { [shardLabel]: shard } },
          spec: { interval: '10m', prune: true, sourceRef: { kind: 'GitRepository', name: 'repo' }, ...spec },
        },
      });
    },
    getKustomization,
    patch,
    async waitFor(namespace, name, what, check, timeoutMs = 90_000) {
      let last: Kustomization | undefined;
      try {
        return await eventually(`${namespace}/${name}: ${what}`, async () => {
          last = await getKustomization(namespace, name);
          return check(last) ? last : undefined;
        }, { timeoutMs });
      } catch (err) {
        const ready = last ? condition(last, 'Ready') : undefined;
        throw new Error(`${(err as Error).message}; last Ready: ${JSON.stringify(ready)}\ncontroller log tail:\n${logs.slice(-15).join('')}`);
      }
    },
    async stop() {
      await controller.stop();
      source.child.kill('SIGTERM');
      await new Promise((resolve) => (source.child.exitCode !== null ? resolve(undefined) : source.child.once('exit', resolve)));
      for (const dir of source.dirs) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A stand-in for the kubelet and the deployment controller: Deployments in `namespace` are marked rolled out. */
export function keepDeploymentsReady(plane: SuiteControlPlane, namespace: string, options: { except?: (name: string) => boolean } = {}): { stop(): void } {
  let stopped = false;
  const loop = async () => {
    while (!stopped) {
      try {
        const list = await plane.clients.apps.listNamespacedDeployment({ namespace });
        for (const d of list.items) {
          const name = d.metadata!.name!;
          if (options.except?.(name)) continue;
          if (d.status?.observedGeneration !== d.metadata?.generation) await markDeploymentReady(plane.clients, namespace, name);
        }
      } catch {
        // The namespace may be going away at the end of a test; the next turn tries again.
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  void loop();
  return {
    stop: () => {
      stopped = true;
    },
  };
}
