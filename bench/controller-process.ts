// A bundled controller run as its own process for a benchmark, and what the benches read from it: its
// output, its /metrics and its V8 heap. Shared by kustomize-controller.ts and notification-controller.ts.
import { type ChildProcess, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { controllerNodeFlags } from '@conflux/runtime';
import { freePort } from '@conflux/testing';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface RunningProcess {
  name: string;
  pid: number;
  /** Lines the process wrote (it runs with --log-level=error, so each is worth reading). */
  logLines(): number;
  logSample(): string[];
  metrics(): Promise<string>;
  stop(): Promise<void>;
}

export interface ControllerProcessOptions {
  name: string;
  /** The bundle to run. */
  file: string;
  /** The controller's flags, after --metrics-addr and --health-addr (so they may override them). */
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Extra node flags, after the runtime's controllerNodeFlags (so they may override them). */
  nodeArgs?: string[];
  /** Resolves true once the controller answers; polled every 100 ms for up to 60 s. */
  up: () => Promise<boolean>;
  /** Directories removed after the process stops. */
  cleanup?: string[];
}

/** Starts a bundled controller with the runtime's node flags and waits until `up` answers; keeps its output for the report. */
export async function startControllerProcess(o: ControllerProcessOptions): Promise<RunningProcess> {
  const metricsPort = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [...controllerNodeFlags, ...(o.nodeArgs ?? []), o.file, `--metrics-addr=127.0.0.1:${metricsPort}`, '--health-addr=127.0.0.1:0', ...o.args],
    { env: { ...process.env, ...o.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let lines = 0;
  const first: string[] = [];
  const last: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      lines++;
      if (first.length < 5) first.push(line);
      else {
        last.push(line);
        if (last.length > 15) last.shift();
      }
    }
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`${o.name} exited during start-up:\n${[...first, ...last].join('\n')}`);
    if (Date.now() > deadline) throw new Error(`${o.name} not up after 60 s`);
    if (await o.up()) break;
    await sleep(100);
  }
  return {
    name: o.name,
    pid: child.pid!,
    logLines: () => lines,
    logSample: () => [...first, ...(lines > first.length + last.length ? ['…'] : []), ...last],
    metrics: async () => (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text(),
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exit, sleep(15_000).then(() => child.kill('SIGKILL'))]);
      for (const dir of o.cleanup ?? []) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once `url` answers at all. */
export const answers = (url: string) => () => fetch(url).then(() => true, () => false);

/** The controller's own view of its memory, from its /metrics: V8 heap used and total, and external, in MiB. */
export async function heap(p: RunningProcess): Promise<string> {
  const text = await p.metrics();
  const mib = (metric: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${metric} `));
    return line ? (Number(line.slice(metric.length + 1)) / 1048576).toFixed(1) : '?';
  };
  return `V8 heap ${mib('nodejs_heap_size_used_bytes')} used of ${mib('nodejs_heap_size_total_bytes')} MiB, external ${mib('nodejs_external_memory_bytes')} MiB`;
}

/** Polls `check` every `intervalMs` until it gives a value; fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, intervalMs: number, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}
