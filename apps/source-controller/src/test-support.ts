// Shared set-up for the e2e tests: the real control plane with the Flux CRDs, a real Git server, and a
// source-controller running in this process on its own shard, so test files running in parallel on the
// shared control plane never reconcile each other's objects.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { Writable } from 'node:stream';
import { crdManifests, type GitRepository, type GitRepositorySpec } from '@conflux/api';
import { extractTarGz } from '@conflux/artifact';
import { controlPlaneForSuite, eventually, freePort, installCRDs, kubeRequest, type SuiteControlPlane } from '@conflux/testing';
import { createSourceController, type SourceController } from './app.ts';

export const group = 'source.toolkit.fluxcd.io';
export const version = 'v1';
export const plural = 'gitrepositories';

export { freePort };

export interface Harness {
  plane: SuiteControlPlane;
  controller: SourceController;
  shard: string;
  storageDir: string;
  /** Creates a GitRepository on this harness's shard. */
  create(namespace: string, name: string, spec: Partial<GitRepositorySpec> & { url: string }): Promise<void>;
  get(namespace: string, name: string): Promise<GitRepository>;
  patch(namespace: string, name: string, patch: object): Promise<void>;
  requestReconcile(namespace: string, name: string): Promise<string>;
  /** Waits until Ready has the given status (and, optionally, a condition matches). */
  waitFor(namespace: string, name: string, what: string, check: (o: GitRepository) => boolean, timeoutMs?: number): Promise<GitRepository>;
  stop(): Promise<void>;
}

export function condition(o: GitRepository, type: string) {
  return o.status?.conditions?.find((c) => c.type === type);
}

export async function startHarness(shard: string, extraArgs: string[] = []): Promise<Harness> {
  const plane = await controlPlaneForSuite();
  await installCRDs(plane.clients, crdManifests());
  const storageDir = await mkdtemp(join(tmpdir(), 'source-controller-storage-'));
  const gitCache = await mkdtemp(join(tmpdir(), 'source-controller-gitcache-'));
  const port = await freePort();
  const controller = await createSourceController({
    argv: [
      `--storage-path=${storageDir}`,
      `--storage-addr=127.0.0.1:${port}`,
      `--git-cache-path=${gitCache}`,
      `--watch-label-selector=test.conflux.dev/shard=${shard}`,
      '--metrics-addr=0',
      '--health-addr=0',
      '--min-retry-delay=500ms',
      ...extraArgs,
    ],
    env: { KUBECONFIG: plane.kubeconfig, NATS_URL: plane.natsURL, RUNTIME_NAMESPACE: 'default' },
    handleSignals: false,
    logDestination: new Writable({ write: (_c, _e, cb) => cb() }),
  });
  await controller.start();
  const custom = plane.clients.custom;
  const get = async (namespace: string, name: string) => (await custom.getNamespacedCustomObject({ group, version, plural, namespace, name })) as GitRepository;
  const patch = async (namespace: string, name: string, body: object) => {
    const path = `/apis/${group}/${version}/namespaces/${namespace}/${plural}/${name}`;
    const res = await kubeRequest(plane.clients.kubeconfig, 'PATCH', path, { body, headers: { 'content-type': 'application/merge-patch+json' } });
    if (res.status !== 200) throw new Error(`patching ${namespace}/${name}: HTTP ${res.status}: ${res.body}`);
  };
  return {
    plane,
    controller,
    shard,
    storageDir,
    async create(namespace, name, spec) {
      await custom.createNamespacedCustomObject({
        group,
        version,
        plural,
        namespace,
        body: {
          apiVersion: `${group}/${version}`,
          kind: 'GitRepository',
          metadata: { name, namespace, labels: { 'test.conflux.dev/shard': shard } },
          spec: { interval: '10m', ...spec },
        },
      });
    },
    get,
    patch,
    async requestReconcile(namespace, name) {
      const token = new Date().toISOString() + Math.random().toString(36).slice(2, 6);
      await patch(namespace, name, { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': token } } });
      return token;
    },
    async waitFor(namespace, name, what, check, timeoutMs = 60_000) {
      return eventually(`${namespace}/${name}: ${what}`, async () => {
        const o = await get(namespace, name);
        return check(o) ? o : undefined;
      }, { timeoutMs });
    },
    async stop() {
      await controller.stop();
      await rm(storageDir, { recursive: true, force: true });
      await rm(gitCache, { recursive: true, force: true });
    },
  };
}

export const isReady = (o: GitRepository) => condition(o, 'Ready')?.status === 'True' && o.status?.observedGeneration === o.metadata.generation;

/** Downloads an artifact from its URL, checks its digest, and returns the files it holds. */
export async function downloadFiles(artifact: { url: string; digest: string }): Promise<string[]> {
  const res = await fetch(artifact.url);
  if (res.status !== 200) throw new Error(`GET ${artifact.url}: HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  if (digest !== artifact.digest) throw new Error(`digest of ${artifact.url} is ${digest}, status says ${artifact.digest}`);
  const dir = await mkdtemp(join(tmpdir(), 'artifact-'));
  try {
    await extractTarGz(bytes, dir);
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
      .sort();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
