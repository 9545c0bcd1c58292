// Benchmark: the controller runtime at 1000 objects.
//   npm run runtime -w @conflux/bench -- [--objects N] [--workers N]
// 1. Watch-cache memory: 1000 GitRepository objects with a realistic spec and status (artifact, three
//    conditions), listed into a WatchCache; heap growth measured after forced GCs.
// 2. Reconcile throughput of a no-op reconciler over 1000 Widgets: the first pass (finalizer patch +
//    progress marking + final status write per object), then a second pass triggered by a
//    reconcile.fluxcd.io/requestedAt poke on every object.
import { parseArgs } from 'node:util';
import { crdManifests } from '@conflux/api';
import { Controller, KubeClient, type KubeObject, loadClusterAccess, success, WatchCache } from '@conflux/runtime';
import { inParallel, installCRDs, kubeClients, startControlPlane, widgetCRD, widgetResource } from '@conflux/testing';
import { describeMachine } from './machine.ts';

const { values } = parseArgs({ options: { objects: { type: 'string', default: '1000' }, workers: { type: 'string', default: '4' } } });
const n = Number(values.objects);
const workers = Number(values.workers);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc (the npm script does)');

const gitRepositories = { group: 'source.toolkit.fluxcd.io', version: 'v1', kind: 'GitRepository', plural: 'gitrepositories', namespaced: true };


function heapMiB(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const plane = await startControlPlane();
try {
  const admin = kubeClients(plane.kubeconfig);
  await installCRDs(admin, [...crdManifests().filter((c) => c.spec.group === 'source.toolkit.fluxcd.io'), widgetCRD]);
  const client = new KubeClient(loadClusterAccess({ kubeconfig: plane.kubeconfig }), { qps: 1000, burst: 2000 });
  const names = Array.from({ length: n }, (_, i) => `repo-${String(i).padStart(5, '0')}`);

  // --- 1. watch-cache memory per 1000 GitRepositories ---
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  await inParallel(names, 16, async (name) => {
    const created = await client.create<KubeObject>(gitRepositories, {
      apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository',
      metadata: { name, namespace: 'default', labels: { 'app.kubernetes.io/part-of': 'bench' } },
      spec: { url: `https://gitea.example.com/sovereign/${name}.git`, interval: '5m', ref: { branch: 'main' }, secretRef: { name: 'gitea-token' } },
    });
    const revision = `main@sha1:${'0123456789abcdef'.repeat(2)}01234567`;
    await client.patch(gitRepositories, 'default', name, {
      status: {
        observedGeneration: 1,
        artifact: { path: `gitrepository/default/${name}/0123abcd.tar.gz`, url: `http://source-controller.flux-system.svc.cluster.local./gitrepository/default/${name}/0123abcd.tar.gz`, revision, digest: `sha256:${'ab'.repeat(32)}`, lastUpdateTime: now, size: 123456 },
        conditions: [
          { type: 'Ready', status: 'True', reason: 'Succeeded', message: `stored artifact for revision '${revision}'`, observedGeneration: 1, lastTransitionTime: now },
          { type: 'ArtifactInStorage', status: 'True', reason: 'Succeeded', message: `stored artifact for revision '${revision}'`, observedGeneration: 1, lastTransitionTime: now },
        ],
      },
    }, { subresource: 'status' });
    return created;
  });
  const before = heapMiB();
  const cache = new WatchCache<KubeObject>(client, gitRepositories, { namespace: 'default' });
  const stopCache = new AbortController();
  void cache.run(stopCache.signal);
  await cache.synced;
  const after = heapMiB();
  stopCache.abort();
  const perThousand = ((after - before) * 1000) / cache.size;

  // --- 2. reconcile throughput ---
  const widgets = names.map((x) => x.replace('repo', 'w'));
  await inParallel(widgets, 16, (name) => client.create(widgetResource, { apiVersion: `${widgetResource.group}/v1`, kind: 'Widget', metadata: { name, namespace: 'default' }, spec: { size: 1 } }));
  const wcache = new WatchCache<KubeObject>(client, widgetResource, { namespace: 'default' });
  let reconciles = 0;
  const controller = new Controller<KubeObject>({ fieldManager: 'bench', client, cache: wcache, concurrent: workers, reconciler: { async reconcile() { reconciles++; return success(); } } });
  const stop = new AbortController();
  void wcache.run(stop.signal);
  await wcache.synced;
  const settled = (pred: (o: KubeObject) => boolean) =>
    new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (wcache.list().filter(pred).length === widgets.length) {
          clearInterval(t);
          resolve();
        }
      }, 50);
    });
  let t0 = performance.now();
  controller.start();
  await settled((o) => o.status?.['observedGeneration'] === 1 && (o.status?.['conditions'] as Array<{ type: string; status: string }> | undefined)?.some((c) => c.type === 'Ready' && c.status === 'True') === true);
  const firstPass = (performance.now() - t0) / 1000;
  const firstReconciles = reconciles;

  const poke = 'bench-poke';
  t0 = performance.now();
  await inParallel(widgets, 32, (name) => client.patch(widgetResource, 'default', name, { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': poke } } }));
  await settled((o) => o.status?.['lastHandledReconcileAt'] === poke);
  const secondPass = (performance.now() - t0) / 1000;
  await controller.stop(5000);
  stop.abort();
  client.close();

  process.stdout.write(
    [
      `machine: ${describeMachine()}`,
      `objects: ${n}, workers: ${workers}`,
      `watch cache: ${cache.size} GitRepositories → heap +${(after - before).toFixed(2)} MiB (${perThousand.toFixed(2)} MiB per 1000)`,
      `first pass (finalizer + status): ${firstPass.toFixed(2)} s, ${(n / firstPass).toFixed(0)} objects/s, ${firstReconciles} reconciles`,
      `requestedAt pass (poke + reconcile + status): ${secondPass.toFixed(2)} s, ${(n / secondPass).toFixed(0)} reconciles/s`,
    ].join('\n') + '\n',
  );
} finally {
  await plane.stop();
}
