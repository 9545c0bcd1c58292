// Benchmark: kustomize-controller and source-controller, both bundled as production runs them and each
// its own process, against the local control plane and the local Git server.
//   npm run kustomize-controller -w @conflux/bench -- [--objects 1000] [--concurrent 4[,10,20]]
//     [--qps 50] [--burst 300] [--big-objects 1500] [--pokes 3] [--pushes 7]
//     [--only scale,big,latency] [--node-args='--cpu-prof --cpu-prof-dir=/tmp/prof'] [--env K=V,...]
// The controllers run with @conflux/runtime's controllerNodeFlags, as npm start runs them; --node-args
// come after those, so --node-args=--max-semi-space-size=64 measures Node's default young generation.
// 1. scale: --objects Kustomizations of 4 objects each (ConfigMap, ServiceAccount, headless Service,
//    Deployment; wait: false, so Ready follows apply) on ONE GitRepository, each with its own namePrefix
//    in one target namespace: from the first create to all Ready, seen through a watch. Peak VmRSS of
//    kustomize-controller and the CPU of every process involved.
// 2. big: one Kustomization of --big-objects ConfigMaps: creation to Ready, then --pokes no-change
//    re-reconciles (reconcile.fluxcd.io/requestedAt on the Kustomization).
// 3. latency: --pushes commits, each followed at once by requestedAt on the GitRepository; time from the
//    push returning to the Kustomization's lastAppliedRevision at the new commit and the change in the
//    cluster.
// Each scale run gets a fresh kustomize-controller with its own --watch-label-selector and namespaces;
// big and latency share one more. One source-controller serves all of them.
import { mkdtemp, readFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleEntry } from '@conflux/tools/build-app';
import { apiResources, crdManifests } from '@conflux/api';
import { coreResources, fromKubeconfig, KubeClient, type KubeObject, type ResourceType, WatchCache } from '@conflux/runtime';
import { freePort, inParallel, installCRDs, kubeClients, repoRoot, startControlPlane, startGitServer } from '@conflux/testing';
import { answers, heap, type RunningProcess, startControllerProcess, waitFor } from './controller-process.ts';
import { describeMachine, median } from './machine.ts';
import { clockTicks, cpuMs, rssMiB, sampleRss, systemCpuMs } from './proc.ts';

const { values } = parseArgs({
  options: {
    objects: { type: 'string', default: '1000' },
    concurrent: { type: 'string', default: '4' },
    qps: { type: 'string', default: '50' },
    burst: { type: 'string', default: '300' },
    'big-objects': { type: 'string', default: '1500' },
    pokes: { type: 'string', default: '3' },
    pushes: { type: 'string', default: '7' },
    only: { type: 'string', default: 'scale,big,latency' },
    'node-args': { type: 'string', default: '' },
    env: { type: 'string', default: '' },
    // The controllers' --log-level; info shows what a stuck reconcile was doing.
    'log-level': { type: 'string', default: 'error' },
  },
});
const n = Number(values.objects);
const concurrencies = values.concurrent.split(',').map(Number);
const bigCount = Number(values['big-objects']);
const pokes = Number(values.pokes);
const pushes = Number(values.pushes);
const phases = new Set(values.only.split(','));
const apiArgs = [`--kube-api-qps=${values.qps}`, `--kube-api-burst=${values.burst}`];
const extraEnv = Object.fromEntries(values.env.split(',').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));

const runLabel = 'bench.conflux.dev/run';
const sourceShard = 'kcbench-sources';
const gitRepositories = apiResources.GitRepository;
const kustomizations = apiResources.Kustomization;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const out = (line: string) => process.stdout.write(`${line}\n`);
const secs = (ms: number, digits = 1) => `${(ms / 1000).toFixed(digits)} s`;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}
interface Reconciled {
  metadata: { name: string; generation?: number };
  status?: { observedGeneration?: number; lastHandledReconcileAt?: string; conditions?: Condition[] };
}
type GitRepositoryItem = KubeObject & Reconciled & { status?: { artifact?: { revision: string } } };
type KustomizationItem = KubeObject & Reconciled & { status?: { lastAppliedRevision?: string; lastAttemptedRevision?: string } };

const readyOf = (o: Reconciled) => o.status?.conditions?.find((c) => c.type === 'Ready');
const isReady = (o: Reconciled) => readyOf(o)?.status === 'True' && o.status?.observedGeneration === o.metadata.generation;

// --- the bundles, as tools/build-app.ts makes them for images ---
const bundle = (app: string) => bundleEntry(join(repoRoot(), 'apps', app, 'src', 'main.ts'), join(repoRoot(), 'dist', 'bench', `${app}.js`), { sourcemap: false });
const [sourceBundle, kustomizeBundle] = await Promise.all([bundle('source-controller'), bundle('kustomize-controller')]);

/** A bundled controller with this bench's node flags, log level, API limits and environment. */
function startProcess(name: string, file: string, args: string[], env: NodeJS.ProcessEnv, up: () => Promise<boolean>, cleanup: string[] = []): Promise<RunningProcess> {
  return startControllerProcess({
    name,
    file,
    args: [`--log-level=${values['log-level']}`, ...apiArgs, ...args],
    env: { ...env, ...extraEnv },
    nodeArgs: values['node-args'].split(' ').filter(Boolean),
    up,
    cleanup,
  });
}

async function startSourceController(plane: { kubeconfig: string; natsURL: string }): Promise<RunningProcess> {
  const storage = await mkdtemp(join(tmpdir(), 'bench-kc-storage-'));
  const gitCache = await mkdtemp(join(tmpdir(), 'bench-kc-gitcache-'));
  const port = await freePort();
  return startProcess(
    'source-controller',
    sourceBundle,
    [`--watch-label-selector=${runLabel}=${sourceShard}`, '--concurrent=4'],
    {
      KUBECONFIG: plane.kubeconfig,
      NATS_URL: plane.natsURL,
      RUNTIME_NAMESPACE: 'default',
      STORAGE_PATH: storage,
      STORAGE_ADDRESS: `127.0.0.1:${port}`,
      STORAGE_ADV_ADDR: `127.0.0.1:${port}`,
      GIT_CACHE_PATH: gitCache,
    },
    answers(`http://127.0.0.1:${port}/`),
    [storage, gitCache],
  );
}

async function startKustomizeController(run: string, args: string[], plane: { kubeconfig: string; natsURL: string }): Promise<RunningProcess> {
  const healthPort = await freePort();
  return startProcess(
    `kustomize-controller (${run})`,
    kustomizeBundle,
    [`--watch-label-selector=${runLabel}=${run}`, `--health-addr=127.0.0.1:${healthPort}`, ...args],
    { KUBECONFIG: plane.kubeconfig, NATS_URL: plane.natsURL, RUNTIME_NAMESPACE: 'default' },
    answers(`http://127.0.0.1:${healthPort}/readyz`),
  );
}

/** Sum and count of gotk_reconcile_duration_seconds over all objects, from a controller's /metrics. */
async function reconcileSeconds(p: RunningProcess): Promise<{ sum: number; count: number }> {
  const text = await p.metrics();
  const total = (metric: string) => text.split('\n').filter((l) => l.startsWith(`${metric}{`)).reduce((acc, l) => acc + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
  return { sum: total('gotk_reconcile_duration_seconds_sum'), count: total('gotk_reconcile_duration_seconds_count') };
}

function reportLogs(tag: string, ...procs: RunningProcess[]): void {
  for (const p of procs) {
    out(`[${tag}]   ${p.name}: ${p.logLines()} log lines at --log-level=${values['log-level']}`);
    for (const line of p.logSample()) out(`[${tag}]     ${line.length > 400 ? `${line.slice(0, 400)}…` : line}`);
  }
}

// One keep-alive client for everything the bench itself does: a TLS handshake per request cost more CPU
// than the requests (see source-controller.ts).
let benchClient: KubeClient | undefined;
async function client(kubeconfig: string): Promise<KubeClient> {
  benchClient ??= new KubeClient(fromKubeconfig(await readFile(kubeconfig, 'utf8'), kubeconfig), { qps: 1000, burst: 1000 });
  return benchClient;
}

async function createNamespace(kc: KubeClient, name: string): Promise<void> {
  await kc.create(coreResources.Namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

async function createGitRepository(kc: KubeClient, namespace: string, name: string, url: string): Promise<void> {
  await kc.create(gitRepositories, {
    apiVersion: gitRepositories.apiVersion,
    kind: 'GitRepository',
    metadata: { name, namespace, labels: { [runLabel]: sourceShard } },
    spec: { url, interval: '10m', ref: { branch: 'main' } },
  });
}

async function createKustomization(kc: KubeClient, namespace: string, name: string, run: string, source: string, spec: Record<string, unknown>): Promise<void> {
  await kc.create(kustomizations, {
    apiVersion: kustomizations.apiVersion,
    kind: 'Kustomization',
    metadata: { name, namespace, labels: { [runLabel]: run } },
    spec: { interval: '60m', prune: true, wait: false, sourceRef: { kind: 'GitRepository', name: source }, ...spec },
  });
}

async function sourceReady(kc: KubeClient, namespace: string, name: string): Promise<string> {
  const o = await waitFor(`GitRepository ${namespace}/${name} Ready`, async () => {
    const o = await kc.get<GitRepositoryItem>(gitRepositories, namespace, name);
    return isReady(o) && o.status?.artifact ? o : undefined;
  }, 100, 120_000);
  return o.status!.artifact!.revision;
}

/** The API server's request counters summed by verb (dry runs apart), from its own /metrics. */
async function apiRequests(kc: KubeClient): Promise<Map<string, number>> {
  const res = await kc.raw('GET', '/metrics', { accept: 'text/plain' });
  const totals = new Map<string, number>();
  for (const line of res.body.split('\n')) {
    if (!line.startsWith('apiserver_request_total{')) continue;
    const verb = /verb="([^"]*)"/.exec(line)?.[1] ?? '?';
    const dry = /dry_run="([^"]+)"/.exec(line) ? ' (dry run)' : '';
    // Reads by resource: they are the requests most worth explaining.
    const resource = verb === 'GET' ? ` ${/resource="([^"]*)"/.exec(line)?.[1] || '-'}` : '';
    const key = `${verb}${dry}${resource}`;
    totals.set(key, (totals.get(key) ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1)));
  }
  return totals;
}

function requestDelta(before: Map<string, number>, after: Map<string, number>, per: number): string {
  const rows = [...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const).filter(([, d]) => d > 0).sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((acc, [, d]) => acc + d, 0);
  return `${total} (${(total / per).toFixed(1)} per object): ${rows.map(([k, d]) => `${k} ${d}`).join(', ')}`;
}

/** Counts the objects of a kind in a namespace, a page at a time. */
async function countAll(kc: KubeClient, r: ResourceType, namespace: string): Promise<number> {
  let count = 0;
  let next: string | undefined;
  do {
    const page = await kc.list(r, { namespace, limit: 500, ...(next ? { continue: next } : {}) });
    count += page.items.length;
    next = page.metadata.continue;
  } while (next);
  return count;
}

const requestedAt = (kc: KubeClient, r: typeof gitRepositories, namespace: string, name: string, token: string) =>
  kc.patch(r, namespace, name, { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': token } } });

/**
 * Resolves when `count` Kustomizations in the namespace are Ready at `revision`, seen through one watch;
 * on a timeout, says how many were stuck and with which Ready reasons.
 */
async function watchReady(kc: KubeClient, namespace: string, count: number, revision: string, timeoutMs: number): Promise<{ all: Promise<void>; stop(): void }> {
  const cache = new WatchCache<KustomizationItem>(kc, kustomizations, { namespace });
  const ready = new Set<string>();
  const abort = new AbortController();
  const all = new Promise<void>((resolve) => {
    const see = (o: KustomizationItem) => {
      if (isReady(o) && o.status?.lastAppliedRevision === revision) ready.add(o.metadata.name);
      if (ready.size >= count) resolve();
    };
    cache.on({ add: see, update: (_, o) => see(o) });
  });
  void cache.run(abort.signal);
  const stuck = () => {
    const reasons = new Map<string, number>();
    let example = '';
    for (const o of cache.list()) {
      if (ready.has(o.metadata.name)) continue;
      const r = readyOf(o);
      const key = `${r?.status ?? 'none'}/${r?.reason ?? 'none'}`;
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
      example ||= `${o.metadata.name}: ${r?.message ?? 'no Ready condition'}`;
    }
    return `${ready.size}/${count} Ready; the others by Ready status/reason: ${JSON.stringify(Object.fromEntries(reasons))}; e.g. ${example}`;
  };
  let timer: NodeJS.Timeout | undefined;
  // The timer is cleared on stop: a pending one would keep this process alive for the whole timeout.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${secs(timeoutMs, 0)} in ${namespace}: ${stuck()}`)), timeoutMs);
  });
  return {
    all: Promise.race([all, timeout]),
    stop: () => {
      clearTimeout(timer);
      abort.abort();
    },
  };
}

// --- the manifests ---
const podinfoLike = {
  'app/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - configmap.yaml\n  - serviceaccount.yaml\n  - service.yaml\n  - deployment.yaml\n',
  'app/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: podinfo\ndata:\n  PODINFO_UI_MESSAGE: hello\n  PODINFO_UI_COLOR: "#34577c"\n',
  'app/serviceaccount.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: podinfo\n',
  // Headless: the control plane's service range is a /24, too small for 1000 ClusterIPs.
  'app/service.yaml':
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: podinfo\nspec:\n  clusterIP: None\n  selector:\n    app: podinfo\n  ports:\n    - name: http\n      port: 9898\n      targetPort: http\n',
  'app/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: podinfo',
    'spec:',
    '  replicas: 2',
    '  selector:',
    '    matchLabels:',
    '      app: podinfo',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: podinfo',
    '    spec:',
    '      serviceAccountName: podinfo',
    '      containers:',
    '        - name: podinfod',
    '          image: ghcr.io/stefanprodan/podinfo:6.7.1',
    '          command: ["./podinfo", "--port=9898"]',
    '          ports:',
    '            - name: http',
    '              containerPort: 9898',
    '          envFrom:',
    '            - configMapRef:',
    '                name: podinfo',
    '          resources:',
    '            requests:',
    '              cpu: 10m',
    '              memory: 32Mi',
    '',
  ].join('\n'),
};

function bigTree(count: number, value: string): Record<string, string> {
  const files: Record<string, string> = {};
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = `cm-${String(i).padStart(5, '0')}.yaml`;
    names.push(file);
    files[`big/${file}`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  labels:\n    app: big\ndata:\n  index: "${i}"\n  value: ${value}\n`;
  }
  files['big/kustomization.yaml'] = `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${names.map((f) => `  - ${f}\n`).join('')}`;
  return files;
}

const latencyFile = (value: string) => ({ 'latency/configmap.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: latency\ndata:\n  value: "${value}"\n` });

out(`machine: ${describeMachine()}; load average at start ${load()}; CLK_TCK ${clockTicks}`);
out(`bundles: ${sourceBundle}, ${kustomizeBundle}; API client: ${apiArgs.join(' ')}`);

const plane = await startControlPlane();
const git = await startGitServer();
let source: RunningProcess | undefined;
try {
  const kc = await client(plane.kubeconfig);
  await installCRDs(kubeClients(plane.kubeconfig), crdManifests());
  source = await startSourceController(plane);

  // Three repositories, so that a push to the latency probe does not also re-apply the big tree.
  const fleet = await git.createRepository('fleet');
  await fleet.commit(podinfoLike, 'podinfo-like app');
  const bigRepo = await git.createRepository('big');
  await bigRepo.commit(bigTree(bigCount, 'v0'), `${bigCount} ConfigMaps`);
  const probe = await git.createRepository('probe');
  await probe.commit(latencyFile('v0'), 'latency probe');

  if (phases.has('scale')) {
    const names = Array.from({ length: n }, (_, i) => `k-${String(i).padStart(5, '0')}`);
    for (const c of concurrencies) {
      const run = `scale-c${c}`;
      const target = `${run}-apps`;
      await createNamespace(kc, run);
      await createNamespace(kc, target);
      await createGitRepository(kc, run, 'fleet', fleet.url);
      const revision = await sourceReady(kc, run, 'fleet');
      const controller = await startKustomizeController(run, [`--concurrent=${c}`], plane);
      try {
        await sleep(2000);
        const idleRss = await rssMiB(controller.pid);
        const sampler = sampleRss(controller.pid);
        const pids = { controller: controller.pid, plane: plane.pid, source: source.pid };
        const cpu0 = { controller: await cpuMs(pids.controller), plane: await cpuMs(pids.plane), source: await cpuMs(pids.source), bench: await cpuMs(process.pid, true) };
        const sys0 = await systemCpuMs();
        const load0 = load();
        const requests0 = await apiRequests(kc);
        const readyWatch = await watchReady(kc, run, n, revision, 900_000);
        const t0 = performance.now();
        await inParallel(names, 16, (name) => createKustomization(kc, run, name, run, 'fleet', { path: './app', targetNamespace: target, namePrefix: `${name}-` }));
        const created = performance.now() - t0;
        try {
          await readyWatch.all;
        } finally {
          readyWatch.stop();
        }
        const allReady = performance.now() - t0;
        const cpu = {
          controller: (await cpuMs(pids.controller)) - cpu0.controller,
          plane: (await cpuMs(pids.plane)) - cpu0.plane,
          source: (await cpuMs(pids.source)) - cpu0.source,
          bench: (await cpuMs(process.pid, true)) - cpu0.bench,
        };
        const sys = await systemCpuMs();
        const reconciles = await reconcileSeconds(controller);
        const requests = requestDelta(requests0, await apiRequests(kc), n);
        const rssAtReady = await rssMiB(controller.pid);
        sampler.stop();
        const share = (ms: number) => `${secs(ms)} (${((ms / allReady) * 100).toFixed(0)}% of one core)`;
        const deployments = await countAll(kc, { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true }, target);
        out(`\n[scale] --concurrent=${c}: ${n} Kustomizations × 4 objects, one GitRepository (${revision})`);
        out(`[scale]   created ${n} in ${secs(created)}; all Ready at the revision after ${secs(allReady)}; load average ${load0} at start, ${load()} at end`);
        out(`[scale]   kustomize-controller RSS: idle before ${idleRss.toFixed(1)} MiB, peak ${sampler.peak.toFixed(1)} MiB, at all Ready ${rssAtReady.toFixed(1)} MiB (${await heap(controller)})`);
        out(`[scale]   CPU from first create to all Ready: kustomize-controller ${share(cpu.controller)}, control plane ${share(cpu.plane)}, source-controller ${share(cpu.source)}, this bench + Git server ${share(cpu.bench)}; whole machine busy ${(((sys.busy - sys0.busy) / (sys.total - sys0.total)) * 100).toFixed(0)}% of 2 cores`);
        out(`[scale]   kustomize-controller CPU per Kustomization ${(cpu.controller / n).toFixed(1)} ms; reconciles ${reconciles.count}, mean duration ${((reconciles.sum / reconciles.count) * 1000).toFixed(0)} ms`);
        out(`[scale]   API server requests from first create to all Ready (all clients, the bench's ${n} creates and watch included): ${requests}`);
        out(`[scale]   Deployments in ${target}: ${deployments} (expected ${n})`);
        reportLogs('scale', controller);
      } finally {
        await controller.stop();
      }
    }
  }

  if (phases.has('big') || phases.has('latency')) {
    const run = 'single';
    await createNamespace(kc, run);
    await createGitRepository(kc, run, 'big', bigRepo.url);
    await createGitRepository(kc, run, 'probe', probe.url);
    const bigRevision = await sourceReady(kc, run, 'big');
    const probeRevision = await sourceReady(kc, run, 'probe');
    const controller = await startKustomizeController(run, [], plane);
    try {
      await sleep(2000);
      const getKs = (name: string) => kc.get<KustomizationItem>(kustomizations, run, name);

      if (phases.has('big')) {
        const target = `${run}-big`;
        await createNamespace(kc, target);
        const idleRss = await rssMiB(controller.pid);
        const sampler = sampleRss(controller.pid);
        const cpu0 = await cpuMs(controller.pid);
        const requests0 = await apiRequests(kc);
        const t0 = performance.now();
        await createKustomization(kc, run, 'big', run, 'big', { path: './big', targetNamespace: target });
        await waitFor('big Ready', async () => {
          const o = await getKs('big');
          return isReady(o) && o.status?.lastAppliedRevision === bigRevision ? o : undefined;
        }, 100, 600_000);
        const took = performance.now() - t0;
        const cpu = (await cpuMs(controller.pid)) - cpu0;
        const peakFirst = sampler.peak;
        const requests = requestDelta(requests0, await apiRequests(kc), bigCount);
        out(`\n[big] one Kustomization of ${bigCount} ConfigMaps: creation to Ready ${secs(took, 2)}, kustomize-controller CPU ${secs(cpu, 2)}; load average ${load()}`);
        out(`[big]   kustomize-controller RSS: before ${idleRss.toFixed(1)} MiB, peak ${peakFirst.toFixed(1)} MiB`);
        out(`[big]   API server requests, creation to Ready: ${requests}`);

        const walls: number[] = [];
        const cpus: number[] = [];
        for (let i = 0; i < pokes; i++) {
          const token = `bench-${Date.now()}-${i}`;
          const c0 = await cpuMs(controller.pid);
          const r0 = await apiRequests(kc);
          const p0 = performance.now();
          await requestedAt(kc, kustomizations, run, 'big', token);
          try {
            await waitFor(`big poke ${i}`, async () => {
              const o = await getKs('big');
              return o.status?.lastHandledReconcileAt === token && isReady(o) ? o : undefined;
            }, 50, 300_000);
          } catch (err) {
            const o = await getKs('big');
            out(`[big]   poke ${i} (${token}) not handled: annotations ${JSON.stringify(o.metadata.annotations)}, status ${JSON.stringify({ ...o.status, inventory: undefined, history: undefined })}`);
            out(`[big]   controller queue: ${(await controller.metrics()).split('\n').filter((l) => /^(workqueue_depth|controller_runtime_active_workers|controller_runtime_reconcile_total)/.test(l)).join('; ')}`);
            reportLogs('big', controller);
            throw err;
          }
          walls.push(performance.now() - p0);
          cpus.push((await cpuMs(controller.pid)) - c0);
          out(`[big]   poke ${i}: ${secs(walls.at(-1)!, 2)} wall, kustomize-controller CPU ${secs(cpus.at(-1)!, 2)}, API requests ${requestDelta(r0, await apiRequests(kc), bigCount)}`);
        }
        sampler.stop();
        const after = await getKs('big');
        out(`[big]   no-change re-reconcile (requestedAt), ${pokes} pokes: median ${secs(median(walls), 2)} wall (${walls.map((w) => secs(w, 2)).join(', ')}), kustomize-controller CPU median ${secs(median(cpus), 2)}; peak RSS over all ${sampler.peak.toFixed(1)} MiB`);
        out(`[big]   after the pokes: Ready ${readyOf(after)?.status} ${readyOf(after)?.reason}: ${readyOf(after)?.message}`);
      }

      if (phases.has('latency')) {
        const target = `${run}-latency`;
        await createNamespace(kc, target);
        await createKustomization(kc, run, 'latency', run, 'probe', { path: './latency', targetNamespace: target });
        await waitFor('latency Ready', async () => {
          const o = await getKs('latency');
          return isReady(o) && o.status?.lastAppliedRevision === probeRevision ? o : undefined;
        }, 100, 120_000);
        const toSource: number[] = [];
        const toApplied: number[] = [];
        for (let i = 1; i <= pushes; i++) {
          const value = `v${i}`;
          const sha = await probe.commit(latencyFile(value), `latency ${value}`);
          const t0 = performance.now();
          await requestedAt(kc, gitRepositories, run, 'probe', `bench-${Date.now()}-${i}`);
          // Two pollers, so the split (source, then Kustomization) costs neither a delay.
          const [sourceAt, appliedAt] = await Promise.all([
            waitFor(`source at ${sha}`, async () => {
              const o = await kc.get<GitRepositoryItem>(gitRepositories, run, 'probe');
              return o.status?.artifact?.revision.endsWith(sha) ? performance.now() : undefined;
            }, 20, 120_000),
            waitFor(`latency applied at ${sha}`, async () => {
              const o = await getKs('latency');
              return o.status?.lastAppliedRevision?.endsWith(sha) ? performance.now() : undefined;
            }, 20, 120_000),
          ]);
          const cm = await kc.get<KubeObject & { data?: Record<string, string> }>(coreResources.ConfigMap, target, 'latency');
          if (cm.data?.['value'] !== value) throw new Error(`push ${i}: lastAppliedRevision is ${sha} but the ConfigMap holds ${cm.data?.['value']}`);
          toSource.push(sourceAt - t0);
          toApplied.push(appliedAt - t0);
          await sleep(1000);
        }
        const list = (ms: number[]) => ms.map((m) => m.toFixed(0)).join(', ');
        out(`\n[latency] push-to-applied, ${pushes} pushes, each followed at once by requestedAt on the GitRepository; load average ${load()}`);
        out(`[latency]   to the new artifact: median ${median(toSource).toFixed(0)} ms (${list(toSource)})`);
        out(`[latency]   to lastAppliedRevision at the commit, ConfigMap changed: median ${median(toApplied).toFixed(0)} ms (${list(toApplied)})`);
      }
      reportLogs('single', controller);
    } finally {
      await controller.stop();
    }
  }
  reportLogs('all', source);
} finally {
  await source?.stop();
  benchClient?.close();
  await git.close();
  await plane.stop();
}
out(`\nload average at end ${load()}`);
