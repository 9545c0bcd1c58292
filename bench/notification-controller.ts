// Benchmark: notification-controller, bundled as production runs it and as its own process, against the
// local control plane, with one generic Provider (and one Alert matching every Kustomization event)
// pointing at a recording HTTP server on loopback in this process.
//   npm run notification-controller -w @conflux/bench -- [--events 20000] [--concurrency 32]
//     [--latency-events 300] [--latency-rate 50] [--settle-seconds 20] [--only nats,direct]
//     [--node-args='--heapsnapshot-signal=SIGUSR2'] [--log-level error] [--bundle dist/some-variant.js]
// The controller runs with @conflux/runtime's controllerNodeFlags, as npm start runs it. --bundle measures a
// bundle made elsewhere (a bundler change, say) instead of bundling apps/notification-controller here.
// Per mode (nats: NATS_URL set, so each event goes through the JetStream stream and the durable consumer;
// direct: no NATS, dispatched from the process that took it in), with a fresh controller each:
// 1. idle: RSS after start-up, with its Alert and Provider cached, after --settle-seconds; a bare node
//    process measured in the same run is the floor.
// 2. throughput: --events distinct events (distinct messages, so dedup never answers 429) POSTed on the
//    event API by --concurrency keep-alive connections: accepted per second (202s), delivered per second
//    at the recording server, latency from POST to delivery, peak RSS, controller CPU per event.
// 3. latency: --latency-events more at a steady --latency-rate per second, well under capacity: p50/p99
//    from POST to delivery.
import { Agent, createServer, request, type Server } from 'node:http';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleEntry } from '@conflux/tools/build-app';
import { apiResources, crdManifests } from '@conflux/api';
import { coreResources, fromKubeconfig, KubeClient } from '@conflux/runtime';
import { freePort, installCRDs, kubeClients, repoRoot, startControlPlane } from '@conflux/testing';
import { answers, heap, type RunningProcess, sleep, startControllerProcess, waitFor } from './controller-process.ts';
import { describeMachine } from './machine.ts';
import { clockTicks, cpuMs, rssMiB, sampleRss } from './proc.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '32' },
    'latency-events': { type: 'string', default: '300' },
    'latency-rate': { type: 'string', default: '50' },
    'settle-seconds': { type: 'string', default: '20' },
    only: { type: 'string', default: 'nats,direct' },
    'node-args': { type: 'string', default: '' },
    'log-level': { type: 'string', default: 'error' },
    bundle: { type: 'string' },
  },
});
const eventCount = Number(values.events);
const concurrency = Number(values.concurrency);
const latencyCount = Number(values['latency-events']);
const latencyRate = Number(values['latency-rate']);
const settleMs = Number(values['settle-seconds']) * 1000;
const modes = values.only.split(',').filter(Boolean);
const nodeArgs = values['node-args'].split(' ').filter(Boolean);

const runLabel = 'bench.conflux.dev/run';
const out = (line: string) => process.stdout.write(`${line}\n`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const ms = (v: number) => `${v.toFixed(1)} ms`;

/** The value at quantile q (0..1) of a list, by the nearest-rank method. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

// --- the bundle, as tools/build-app.ts makes it for images ---
const outfile = values.bundle ? resolve(values.bundle) : join(repoRoot(), 'dist', 'bench', 'notification-controller.js');
if (!values.bundle) await bundleEntry(join(repoRoot(), 'apps', 'notification-controller', 'src', 'main.ts'), outfile, { sourcemap: false });

// --- the recording server: the generic Provider's address ---
interface Recording {
  url: string;
  /** When each message was delivered (performance.now() of this process), by message. */
  delivered: Map<string, number>;
  /** Deliveries of a message already delivered. */
  duplicates: number;
  close(): Promise<void>;
}

async function startRecordingServer(): Promise<Recording> {
  const recording: Recording = { url: '', delivered: new Map(), duplicates: 0, close: () => Promise.resolve() };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const message = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { message?: string }).message ?? '';
      if (recording.delivered.has(message)) recording.duplicates++;
      else recording.delivered.set(message, at);
      res.writeHead(200);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  recording.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
  recording.close = () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return recording;
}

// --- the producer side: upstream-shaped events over keep-alive HTTP ---
function eventBody(namespace: string, message: string): string {
  return JSON.stringify({
    involvedObject: { kind: 'Kustomization', namespace, name: 'apps', uid: '7d0c4a2e-1111-2222-3333-444455556666', apiVersion: 'kustomize.toolkit.fluxcd.io/v1', resourceVersion: '1' },
    severity: 'info',
    timestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    message,
    reason: 'ReconciliationSucceeded',
    metadata: { 'kustomize.toolkit.fluxcd.io/revision': 'main@sha1:731f7eaddfb6af01cb2173e18f0f75b0ba780ef1' },
    reportingController: 'kustomize-controller',
    reportingInstance: 'kustomize-controller-bench',
  });
}

function post(url: URL, agent: Agent, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Sent {
  message: string;
  postedAt: number;
  answeredAt: number;
  status: number;
}

/** Waits until every message is delivered, or gives up after `timeoutMs`; returns how many were. */
async function deliveries(recording: Recording, sent: Sent[], timeoutMs: number): Promise<number> {
  const count = () => sent.filter((s) => recording.delivered.has(s.message)).length;
  try {
    await waitFor(`${sent.length} deliveries`, async () => (count() === sent.length ? true : undefined), 50, timeoutMs);
  } catch {
    // Reported below as delivered < sent.
  }
  return count();
}

function latencies(recording: Recording, sent: Sent[]): number[] {
  return sent.flatMap((s) => {
    const at = recording.delivered.get(s.message);
    return at === undefined ? [] : [at - s.postedAt];
  });
}

/** A sample of the gotk_event_http_request_duration_seconds_count series by code, from the controller's /metrics. */
async function httpCounts(p: RunningProcess): Promise<string> {
  const text = await p.metrics();
  const rows = text.split('\n').filter((l) => l.startsWith('gotk_event_http_request_duration_seconds_count{'));
  return rows.map((l) => `${/code="(\d+)"/.exec(l)?.[1] ?? '?'}: ${l.slice(l.lastIndexOf(' ') + 1)}`).join(', ') || 'none';
}

out(`machine: ${describeMachine()}; load average at start ${load()}; CLK_TCK ${clockTicks}`);
out(`bundle: ${outfile}; events ${eventCount} at concurrency ${concurrency}; latency probe ${latencyCount} at ${latencyRate}/s; node args: ${nodeArgs.join(' ') || '(none)'}`);

const plane = await startControlPlane();
const recording = await startRecordingServer();
const kc = new KubeClient(fromKubeconfig(await readFile(plane.kubeconfig, 'utf8'), plane.kubeconfig), { qps: 1000, burst: 1000 });
try {
  await installCRDs(kubeClients(plane.kubeconfig), crdManifests().filter((c) => c.spec.group === apiResources.Alert.group));

  for (const mode of modes) {
    const run = `nc-${mode}`;
    const labels = { [runLabel]: run };
    await kc.create(coreResources.Namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: run } });
    await kc.create(apiResources.Provider, {
      apiVersion: apiResources.Provider.apiVersion,
      kind: 'Provider',
      metadata: { name: 'recorder', namespace: run, labels },
      spec: { type: 'generic', address: recording.url },
    });
    await kc.create(apiResources.Alert, {
      apiVersion: apiResources.Alert.apiVersion,
      kind: 'Alert',
      metadata: { name: 'everything', namespace: run, labels },
      spec: { providerRef: { name: 'recorder' }, eventSeverity: 'info', eventSources: [{ kind: 'Kustomization', name: '*' }] },
    });

    const eventsPort = await freePort();
    const eventsURL = new URL(`http://127.0.0.1:${eventsPort}/`);
    const controller = await startControllerProcess({
      name: `notification-controller (${mode})`,
      file: outfile,
      args: [`--log-level=${values['log-level']}`, `--watch-label-selector=${runLabel}=${run}`, `--events-addr=127.0.0.1:${eventsPort}`, `--receiverAddr=127.0.0.1:${await freePort()}`],
      env: { KUBECONFIG: plane.kubeconfig, RUNTIME_NAMESPACE: run, ...(mode === 'nats' ? { NATS_URL: plane.natsURL } : { NATS_URL: '' }) },
      nodeArgs,
      // The event server starts last, once the Alert and Provider caches have their first list.
      up: answers(eventsURL.href),
    });
    const floor = spawn(process.execPath, ['-e', 'setInterval(()=>{},1e6)']);
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    try {
      // 1. idle
      const atStart = await rssMiB(controller.pid);
      await sleep(settleMs);
      const idle = await rssMiB(controller.pid);
      const bare = await rssMiB(floor.pid!);
      out(`\n[${mode}] idle: RSS ${atStart.toFixed(1)} MiB once serving, ${idle.toFixed(1)} MiB after ${settleMs / 1000} s (${await heap(controller)}); bare node floor ${bare.toFixed(1)} MiB`);
      if (nodeArgs.some((a) => a.startsWith('--heapsnapshot-signal=SIGUSR2'))) {
        // Written by the controller into this process's working directory.
        process.kill(controller.pid, 'SIGUSR2');
        await sleep(10_000);
      }

      // A few events first, so the first measured ones do not pay for the first connection and compilation.
      const warm: Sent[] = [];
      for (let i = 0; i < 50; i++) {
        const message = `warm-up ${run} ${i}`;
        const postedAt = performance.now();
        warm.push({ message, postedAt, status: await post(eventsURL, agent, eventBody(run, message)), answeredAt: performance.now() });
      }
      const warmed = await deliveries(recording, warm, 60_000);
      if (warmed < warm.length) throw new Error(`[${mode}] only ${warmed} of ${warm.length} warm-up events were delivered; statuses ${[...new Set(warm.map((w) => w.status))].join(',')}\n${controller.logSample().join('\n')}`);

      // 2. throughput
      const sampler = sampleRss(controller.pid);
      const cpu0 = await cpuMs(controller.pid);
      const bench0 = await cpuMs(process.pid);
      const sent: Sent[] = [];
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < eventCount) {
            const message = `load ${run} ${next++}`;
            const postedAt = performance.now();
            const status = await post(eventsURL, agent, eventBody(run, message));
            sent.push({ message, postedAt, status, answeredAt: performance.now() });
          }
        }),
      );
      const lastAnswer = Math.max(...sent.map((s) => s.answeredAt));
      const delivered = await deliveries(recording, sent, 120_000 + eventCount * 10);
      const lastDelivery = Math.max(...sent.map((s) => recording.delivered.get(s.message) ?? 0));
      const cpu = (await cpuMs(controller.pid)) - cpu0;
      const benchCpu = (await cpuMs(process.pid)) - bench0;
      const accepted = sent.filter((s) => s.status === 202).length;
      const underLoad = latencies(recording, sent);
      out(`[${mode}] throughput: ${eventCount} distinct events, ${concurrency} connections; load average ${load()}`);
      out(`[${mode}]   accepted (202) ${accepted}/${eventCount} in ${((lastAnswer - t0) / 1000).toFixed(2)} s = ${((accepted * 1000) / (lastAnswer - t0)).toFixed(0)} events/s; other statuses: ${JSON.stringify(Object.fromEntries([...new Set(sent.map((s) => s.status))].filter((c) => c !== 202).map((c) => [c, sent.filter((s) => s.status === c).length])))}`);
      out(`[${mode}]   delivered ${delivered}/${eventCount} (duplicates at the provider so far ${recording.duplicates}) in ${((lastDelivery - t0) / 1000).toFixed(2)} s = ${((delivered * 1000) / (lastDelivery - t0)).toFixed(0)} events/s`);
      out(`[${mode}]   POST to delivery under load: p50 ${ms(quantile(underLoad, 0.5))}, p99 ${ms(quantile(underLoad, 0.99))}, max ${ms(quantile(underLoad, 1))}`);
      out(`[${mode}]   controller CPU ${(cpu / 1000).toFixed(2)} s = ${(cpu / eventCount).toFixed(2)} ms per event; this bench (producer + recording server) ${(benchCpu / 1000).toFixed(2)} s`);

      // 3. latency at a steady rate
      const probe: Sent[] = [];
      const p0 = performance.now();
      const pending: Promise<void>[] = [];
      for (let i = 0; i < latencyCount; i++) {
        const due = p0 + (i * 1000) / latencyRate;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const message = `probe ${run} ${i}`;
        const postedAt = performance.now();
        pending.push(post(eventsURL, agent, eventBody(run, message)).then((status) => void probe.push({ message, postedAt, status, answeredAt: performance.now() })));
      }
      await Promise.all(pending);
      const probed = await deliveries(recording, probe, 60_000);
      const steady = latencies(recording, probe);
      out(`[${mode}] latency at ${latencyRate}/s: delivered ${probed}/${latencyCount}; POST to delivery p50 ${ms(quantile(steady, 0.5))}, p99 ${ms(quantile(steady, 0.99))}, max ${ms(quantile(steady, 1))}; POST answered p50 ${ms(quantile(probe.map((s) => s.answeredAt - s.postedAt), 0.5))}`);

      sampler.stop();
      await sleep(settleMs);
      out(`[${mode}] RSS: idle ${idle.toFixed(1)} MiB, peak under load ${sampler.peak.toFixed(1)} MiB, ${settleMs / 1000} s after ${(await rssMiB(controller.pid)).toFixed(1)} MiB (${await heap(controller)})`);
      out(`[${mode}]   gotk_event_http_request_duration_seconds_count by code: ${await httpCounts(controller)}; duplicates at the provider ${recording.duplicates}`);
      out(`[${mode}]   ${controller.logLines()} log lines at --log-level=${values['log-level']}${controller.logLines() ? `:\n${controller.logSample().map((l) => `[${mode}]     ${l.slice(0, 300)}`).join('\n')}` : ''}`);
    } finally {
      agent.destroy();
      floor.kill('SIGKILL');
      await controller.stop();
    }
  }
} finally {
  kc.close();
  await recording.close();
  await plane.stop();
}
out(`\nload average at end ${load()}`);
