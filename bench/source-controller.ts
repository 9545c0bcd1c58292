// Benchmark: source-controller, bundled as production runs it, against the local control plane and the
// local Git server (git upload-pack behind @conflux/testing's smart-HTTP front end).
//   npm run source-controller -w @conflux/bench -- [--objects 1000] [--concurrent 2[,4,8]] [--qps 50]
//     [--burst 300] [--files 10000] [--pokes 50] [--settle-seconds 20] [--only scale,big,noop]
//     [--node-args='--cpu-prof --cpu-prof-dir=/tmp/prof'] [--env MALLOC_ARENA_MAX=2] [--git-server lean|lean-git|node]
// The Git server is git's own upload-pack behind a front end: the Go tools/gitserver by default (`lean`),
// which reads ref advertisements from the repositories' files (`lean-git` leaves them to git, ~10 ms of CPU
// each), or @conflux/testing's Node one (`node`), whose spawns cost ~12 ms of CPU per request.
// The controllers run with @conflux/runtime's controllerNodeFlags, as npm start runs them; --node-args
// come after those, so --node-args=--max-semi-space-size=64 measures Node's default young generation.
// 1. scale: N GitRepositories on N small repositories, from the first create to all Ready (seen through a
//    watch); the controller's peak VmRSS (sampled every 250 ms) and its RSS after settling.
// 2. big: one GitRepository on a repository of --files files in one commit: creation to Ready, peak RSS.
// 3. noop: --pokes sequential reconcile.fluxcd.io/requestedAt pokes on a Ready GitRepository whose
//    remote is unchanged; controller CPU (utime+stime from /proc/<pid>/stat) per poke.
// Each run gets its own controller process, namespace and --watch-label-selector, so runs never see each
// other's objects.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleEntry } from '@conflux/tools/build-app';
import { crdManifests } from '@conflux/api';
import { controllerNodeFlags, fromKubeconfig, KubeClient, type KubeObject, WatchCache } from '@conflux/runtime';
import { freePort, inParallel, installCRDs, kubeClients, type KubeClients, kubeRequest, repoRoot, startControlPlane } from '@conflux/testing';
import { sleep, waitFor } from './controller-process.ts';
import type { GitServerCommand, GitServerSeed, GitServerStats } from './git-server-process.ts';
import { describeMachine } from './machine.ts';
import { clockTicks, cpuMs, rssMiB, sampleRss, systemCpuMs } from './proc.ts';

const { values } = parseArgs({
  options: {
    objects: { type: 'string', default: '1000' },
    concurrent: { type: 'string', default: '2' },
    qps: { type: 'string', default: '50' },
    burst: { type: 'string', default: '300' },
    files: { type: 'string', default: '10000' },
    pokes: { type: 'string', default: '50' },
    'settle-seconds': { type: 'string', default: '20' },
    only: { type: 'string', default: 'scale,big,noop' },
    // Extra flags for the controller's node, e.g. --cpu-prof --cpu-prof-dir=/tmp/prof for profiling.
    'node-args': { type: 'string', default: '' },
    // Extra environment for the controller, e.g. MALLOC_ARENA_MAX=2 (comma-separated).
    env: { type: 'string', default: '' },
    'git-server': { type: 'string', default: 'lean' },
  },
});
const n = Number(values.objects);
const concurrencies = values.concurrent.split(',').map(Number);
const fileCount = Number(values.files);
const pokes = Number(values.pokes);
const settleMs = Number(values['settle-seconds']) * 1000;
const phases = new Set(values.only.split(','));
const apiArgs = [`--kube-api-qps=${values.qps}`, `--kube-api-burst=${values.burst}`];

const group = 'source.toolkit.fluxcd.io';
const runLabel = 'bench.conflux.dev/run';
const out = (line: string) => process.stdout.write(`${line}\n`);

interface GitRepositoryItem {
  metadata: { name: string; generation?: number; annotations?: Record<string, string> };
  status?: {
    observedGeneration?: number;
    lastHandledReconcileAt?: string;
    artifact?: { revision: string; digest: string; size?: number };
    conditions?: Array<{ type: string; status: string; reason?: string; message?: string }>;
  };
}
const readyStatus = (o: GitRepositoryItem) => o.status?.conditions?.find((c) => c.type === 'Ready');
const isReady = (o: GitRepositoryItem) => readyStatus(o)?.status === 'True' && o.status?.observedGeneration === o.metadata.generation;


// --- the bundle, as tools/build-app.ts makes it for images ---
const outfile = join(repoRoot(), 'dist', 'bench', 'source-controller.js');
await bundleEntry(join(repoRoot(), 'apps', 'source-controller', 'src', 'main.ts'), outfile, { sourcemap: false });

interface RunningController {
  pid: number;
  /** Sum and count of gotk_reconcile_duration_seconds over all objects, from the controller's /metrics. */
  reconcileSeconds(): Promise<{ sum: number; count: number }>;
  /** The controller's own view of its memory: V8 heap total and used, and external, in MiB. */
  heap(): Promise<string>;
  stop(): Promise<void>;
}

/** Starts the bundled controller on one shard and waits until its artifact server answers. */
async function startController(run: string, extraArgs: string[], plane: { kubeconfig: string; natsURL: string }): Promise<RunningController> {
  const storage = await mkdtemp(join(tmpdir(), 'bench-sc-storage-'));
  const gitCache = await mkdtemp(join(tmpdir(), 'bench-sc-gitcache-'));
  const port = await freePort();
  const metricsPort = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [...controllerNodeFlags, ...values['node-args'].split(' ').filter(Boolean), outfile, '--log-level=error', `--metrics-addr=127.0.0.1:${metricsPort}`, '--health-addr=127.0.0.1:0', `--watch-label-selector=${runLabel}=${run}`, ...apiArgs, ...extraArgs],
    {
      env: {
        ...process.env,
        KUBECONFIG: plane.kubeconfig,
        NATS_URL: plane.natsURL,
        STORAGE_PATH: storage,
        STORAGE_ADDRESS: `127.0.0.1:${port}`,
        STORAGE_ADV_ADDR: `127.0.0.1:${port}`,
        GIT_CACHE_PATH: gitCache,
        ...Object.fromEntries(values.env.split(',').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`controller for ${run} exited during start-up`);
    if (Date.now() > deadline) throw new Error(`controller for ${run}: artifact server not up after 60 s`);
    if (await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false)) break;
    await sleep(100);
  }
  return {
    pid: child.pid!,
    async reconcileSeconds() {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      const total = (metric: string) =>
        text.split('\n').filter((l) => l.startsWith(`${metric}{`)).reduce((acc, l) => acc + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
      return { sum: total('gotk_reconcile_duration_seconds_sum'), count: total('gotk_reconcile_duration_seconds_count') };
    },
    async heap() {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      const mib = (metric: string) => {
        const line = text.split('\n').find((l) => l.startsWith(`${metric} `));
        return line ? (Number(line.slice(metric.length + 1)) / 1048576).toFixed(1) : '?';
      };
      return `V8 heap ${mib('nodejs_heap_size_used_bytes')} used of ${mib('nodejs_heap_size_total_bytes')} MiB, external ${mib('nodejs_external_memory_bytes')} MiB`;
    },
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exit, sleep(15_000).then(() => child.kill('SIGKILL'))]);
      await rm(storage, { recursive: true, force: true });
      await rm(gitCache, { recursive: true, force: true });
    },
  };
}

async function createNamespace(admin: KubeClients, name: string): Promise<void> {
  await admin.core.createNamespace({ body: { metadata: { name } } });
}

function gitRepositoryBody(namespace: string, name: string, run: string, url: string) {
  return {
    apiVersion: `${group}/v1`,
    kind: 'GitRepository',
    metadata: { name, namespace, labels: { [runLabel]: run } },
    spec: { url, interval: '10m', ref: { branch: 'main' } },
  };
}

const gitRepositories = { group, version: 'v1', plural: 'gitrepositories', kind: 'GitRepository', namespaced: true };

// One keep-alive client for the creates: a TLS handshake per request (kubeRequest) cost this process and
// the API server more CPU than the creates themselves.
let benchClient: KubeClient | undefined;
async function client(kubeconfig: string): Promise<KubeClient> {
  benchClient ??= new KubeClient(fromKubeconfig(await readFile(kubeconfig, 'utf8'), kubeconfig), { qps: 1000, burst: 1000 });
  return benchClient;
}

async function createGitRepository(kubeconfig: string, namespace: string, name: string, run: string, url: string): Promise<void> {
  await (await client(kubeconfig)).create(gitRepositories, gitRepositoryBody(namespace, name, run, url));
}

/**
 * Resolves when `count` GitRepositories in the namespace are Ready, seen through one watch: polling a
 * 1000-object list twice a second cost the API server and this process more CPU than the controller.
 */
async function watchReady(kubeconfig: string, namespace: string, count: number): Promise<{ all: Promise<void>; stop(): void }> {
  const cache = new WatchCache<KubeObject & GitRepositoryItem>(await client(kubeconfig), gitRepositories, { namespace });
  const ready = new Set<string>();
  const abort = new AbortController();
  const all = new Promise<void>((resolve) => {
    const see = (o: KubeObject & GitRepositoryItem) => {
      if (isReady(o)) ready.add(o.metadata.name);
      if (ready.size >= count) resolve();
    };
    cache.on({ add: see, update: (_, o) => see(o) });
  });
  void cache.run(abort.signal);
  // Cleared on stop: a pending ten-minute timer kept the finished benchmark alive until it fired.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${count} Ready in ${namespace}`)), 600_000)));
  return {
    all: Promise.race([all, timeout]),
    stop: () => {
      clearTimeout(timer);
      abort.abort();
    },
  };
}

async function getGitRepository(kubeconfig: string, namespace: string, name: string): Promise<GitRepositoryItem> {
  return (await client(kubeconfig)).get<KubeObject & GitRepositoryItem>(gitRepositories, namespace, name);
}

/** The Git server process, and a call to it. */
async function startGitServerProcess() {
  const child = fork(new URL('./git-server-process.ts', import.meta.url).pathname, [values['git-server']], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  const ready = new Promise<void>((resolve) => pending.set(0, { resolve: () => resolve(), reject: () => undefined }));
  child.on('message', (m: { id: number; value?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error) p?.reject(new Error(m.error));
    else p?.resolve(m.value);
  });
  await ready;
  const call = <T>(command: DistributiveOmit<GitServerCommand, 'id'>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ ...command, id });
    });
  return { pid: child.pid!, call };
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

out(`machine: ${describeMachine()}; load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}; CLK_TCK ${clockTicks}`);
out(`bundle: ${outfile}; API client: ${apiArgs.join(' ')}; Git server front end: ${values['git-server']}`);

const plane = await startControlPlane();
const git = await startGitServerProcess();
try {
  const admin = kubeClients(plane.kubeconfig);
  await installCRDs(admin, crdManifests().filter((c) => c.spec.group === group));

  // Two small files, pushed once; the copies are independent bare repositories with the same history.
  const names = Array.from({ length: phases.has('scale') ? n : 0 }, (_, i) => `r-${String(i).padStart(5, '0')}`);
  const copyStart = performance.now();
  const { url: gitURL, seedURL, frontEndPid } = await git.call<GitServerSeed>({
    op: 'seed',
    files: { 'deploy/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n', 'README.md': '# app\n' },
    copies: names,
  });

  if (phases.has('scale')) {
    out(`\n[scale] ${n} bare repositories copied in ${((performance.now() - copyStart) / 1000).toFixed(1)} s`);

    for (const c of concurrencies) {
      const run = `scale-c${c}-q${values.qps}`;
      await createNamespace(admin, run);
      const controller = await startController(run, [`--concurrent=${c}`], plane);
      try {
        const idleRss = await rssMiB(controller.pid);
        const sampler = sampleRss(controller.pid);
        const cpu0 = await cpuMs(controller.pid);
        const planeCpu0 = await cpuMs(plane.pid);
        const sys0 = await systemCpuMs();
        const git0 = await cpuMs(frontEndPid, true);
        const gitSelf0 = await cpuMs(frontEndPid);
        const bench0 = await cpuMs(process.pid);
        const requests0 = await git.call<GitServerStats>({ op: 'stats' });
        const readyWatch = await watchReady(plane.kubeconfig, run, n);
        const t0 = performance.now();
        await inParallel(names, 16, (name) => createGitRepository(plane.kubeconfig, run, name, run, `${gitURL}/${name}.git`));
        const created = performance.now() - t0;
        await readyWatch.all;
        const allReady = performance.now() - t0;
        readyWatch.stop();
        const cpu = (await cpuMs(controller.pid)) - cpu0;
        const planeCpu = (await cpuMs(plane.pid)) - planeCpu0;
        const sys = await systemCpuMs();
        const gitCpu = (await cpuMs(frontEndPid, true)) - git0;
        const gitSelfCpu = (await cpuMs(frontEndPid)) - gitSelf0;
        const benchCpu = (await cpuMs(process.pid)) - bench0;
        const requests1 = await git.call<GitServerStats>({ op: 'stats' });
        const reconciles = await controller.reconcileSeconds();
        const peakAtReady = sampler.peak;
        const rssAtReady = await rssMiB(controller.pid);
        await sleep(settleMs);
        const settled = await rssMiB(controller.pid);
        const heapAfter = await controller.heap();
        if (values['node-args'].includes('--heapsnapshot-signal=SIGUSR2')) {
          // Written by the controller into this process's working directory; it takes a few seconds.
          process.kill(controller.pid, 'SIGUSR2');
          await sleep(15_000);
        }
        sampler.stop();
        out(`[scale] --concurrent=${c}: created ${n} in ${(created / 1000).toFixed(1)} s; all Ready after ${(allReady / 1000).toFixed(1)} s`);
        out(`[scale]   controller RSS: idle before ${idleRss.toFixed(1)} MiB, peak ${sampler.peak.toFixed(1)} MiB (peak until all Ready ${peakAtReady.toFixed(1)}), at all Ready ${rssAtReady.toFixed(1)} MiB, after ${settleMs / 1000} s settle ${settled.toFixed(1)} MiB (${heapAfter})`);
        out(`[scale]   CPU from first create to all Ready: controller ${(cpu / 1000).toFixed(1)} s (${((cpu / allReady) * 100).toFixed(0)}% of one core), control plane ${(planeCpu / 1000).toFixed(1)} s (${((planeCpu / allReady) * 100).toFixed(0)}%), Git server ${(gitCpu / 1000).toFixed(1)} s, this bench ${(benchCpu / 1000).toFixed(1)} s; whole machine busy ${((sys.busy - sys0.busy) / (sys.total - sys0.total) * 100).toFixed(0)}% of 2 cores`);
        out(`[scale]   Git server: ${(gitSelfCpu / 1000).toFixed(1)} s its ${values['git-server']} front end, ${((gitCpu - gitSelfCpu) / 1000).toFixed(1)} s git upload-pack, for ${requests1.requests - requests0.requests} Git HTTP requests (${requests1.uploadPackPosts - requests0.uploadPackPosts} upload-pack POSTs, ${(requests1.advertised ?? 0) - (requests0.advertised ?? 0)} ref advertisements read from files)`);
        out(`[scale]   reconciles: ${reconciles.count}, mean duration ${((reconciles.sum / reconciles.count) * 1000).toFixed(0)} ms`);
      } finally {
        await controller.stop();
      }
    }
  }

  const run = 'single';
  const ns = 'bench-single';
  let single: RunningController | undefined;
  if (phases.has('big') || phases.has('noop')) {
    await createNamespace(admin, ns);
    single = await startController(run, [], plane);
  }
  try {
    if (phases.has('big') && single) {
      const files: Record<string, string> = {};
      const perDir = 100;
      for (let i = 0; i < fileCount; i++) {
        const dir = `d${String(Math.floor(i / perDir)).padStart(3, '0')}`;
        files[`${dir}/f${String(i % perDir).padStart(3, '0')}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  index: "${i}"\n`;
      }
      const big = await git.call<{ url: string }>({ op: 'create', name: 'big', files, message: `${fileCount} files` });
      await sleep(2000);
      const idleRss = await rssMiB(single.pid);
      const sampler = sampleRss(single.pid);
      const cpu0 = await cpuMs(single.pid);
      const t0 = performance.now();
      await createGitRepository(plane.kubeconfig, ns, 'big', run, big.url);
      const ready = await waitFor('big Ready', async () => {
        const o = await getGitRepository(plane.kubeconfig, ns, 'big');
        return isReady(o) ? o : undefined;
      }, 100, 600_000);
      const took = performance.now() - t0;
      const cpu = (await cpuMs(single.pid)) - cpu0;
      await sleep(2000);
      sampler.stop();
      out(`\n[big] ${fileCount} files (${fileCount / perDir} dirs × ${perDir}), one commit: creation to Ready ${(took / 1000).toFixed(2)} s, controller CPU ${(cpu / 1000).toFixed(2)} s`);
      out(`[big]   artifact ${((ready.status?.artifact?.size ?? 0) / 1024).toFixed(0)} KiB, ${ready.status?.artifact?.revision}`);
      out(`[big]   controller RSS: before ${idleRss.toFixed(1)} MiB, peak ${sampler.peak.toFixed(1)} MiB, 2 s after ${(await rssMiB(single.pid)).toFixed(1)} MiB`);
    }

    if (phases.has('noop') && single) {
      const pid = single.pid;
      await createGitRepository(plane.kubeconfig, ns, 'noop', run, seedURL);
      const first = await waitFor('noop Ready', async () => {
        const o = await getGitRepository(plane.kubeconfig, ns, 'noop');
        return isReady(o) ? o : undefined;
      }, 100, 120_000);
      await sleep(3000);
      // The idle process's own background (timers, watch keep-alives, NATS pings) over a like period.
      const idleCpu0 = await cpuMs(pid);
      const idleT0 = performance.now();
      await sleep(10_000);
      const idleRate = ((await cpuMs(pid)) - idleCpu0) / (performance.now() - idleT0);

      const packPosts = async () => (await git.call<GitServerStats>({ op: 'stats' })).uploadPackPosts;
      const posts0 = await packPosts();
      const cpu0 = await cpuMs(pid);
      const t0 = performance.now();
      for (let i = 0; i < pokes; i++) {
        const token = `bench-${Date.now()}-${i}`;
        const res = await kubeRequest(admin.kubeconfig, 'PATCH', `/apis/${group}/v1/namespaces/${ns}/gitrepositories/noop`, {
          body: { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': token } } },
          headers: { 'content-type': 'application/merge-patch+json' },
        });
        if (res.status !== 200) throw new Error(`poke ${i}: HTTP ${res.status}`);
        await waitFor(`poke ${i} handled`, async () => {
          const o = await getGitRepository(plane.kubeconfig, ns, 'noop');
          return o.status?.lastHandledReconcileAt === token && isReady(o) ? o : undefined;
        }, 20, 60_000);
      }
      const wall = performance.now() - t0;
      const cpu = (await cpuMs(pid)) - cpu0;
      const after = await getGitRepository(plane.kubeconfig, ns, 'noop');
      const sameArtifact = after.status?.artifact?.digest === first.status?.artifact?.digest;
      out(`\n[noop] ${pokes} sequential requestedAt pokes in ${(wall / 1000).toFixed(2)} s (${(wall / pokes).toFixed(0)} ms each, wall)`);
      out(`[noop]   controller CPU ${cpu.toFixed(0)} ms total = ${(cpu / pokes).toFixed(1)} ms per reconcile; idle background ${(idleRate * 1000).toFixed(1)} ms/s, i.e. ${((cpu - idleRate * wall) / pokes).toFixed(1)} ms per reconcile net of it`);
      out(`[noop]   upload-pack POSTs during the pokes: ${(await packPosts()) - posts0}; artifact unchanged: ${sameArtifact}`);
    }
  } finally {
    await single?.stop();
  }
} finally {
  await git.call({ op: 'close' });
  await plane.stop();
}
