import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ensureControlPlaneBinary } from './controlplane-binary.ts';

/** What a running control plane tells its clients; written by the binary to DIR/controlplane.json. */
export interface ControlPlaneEndpoints {
  pid: number;
  kubeconfig: string;
  apiServer: string;
  natsURL: string;
  etcd: string;
  dir: string;
}

export interface ControlPlane extends ControlPlaneEndpoints {
  /** Stops NATS inside the control plane, keeping everything else up. */
  stopNats(): Promise<void>;
  /** Starts NATS again on the same port. */
  startNats(): Promise<void>;
  /** Stops the whole control plane (SIGTERM) and starts it again on the same ports and data. */
  restart(): Promise<void>;
  /** Stops the control plane. Removes its directory unless it was given by the caller. */
  stop(): Promise<void>;
  /**
   * Lets this process exit while the control plane runs, and stops the control plane when it does. For a
   * test file that owns its control plane: node:test has no file-level teardown that runs after the
   * last test when the plane was started from inside a hook.
   */
  stopOnExit(): void;
}

export interface StartOptions {
  /** State directory; a temporary one is created (and removed on stop) when omitted. */
  dir?: string;
  /** Forwarded component logs to stderr instead of DIR/controlplane.log. */
  verbose?: boolean;
  /** Progress lines, such as the first compile. */
  log?: (line: string) => void;
  /** How long to wait for the "ready" line. */
  readyTimeoutMs?: number;
}

/** Starts the real local control plane (etcd, kube-apiserver, controller-manager, NATS) as a child process. */
export async function startControlPlane(options: StartOptions = {}): Promise<ControlPlane> {
  const binary = await ensureControlPlaneBinary(options.log);
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'conflux-cp-')));
  const args = ['--dir', dir, ...(options.verbose ? ['--verbose'] : [])];
  const timeout = options.readyTimeoutMs ?? 180_000;

  let child = await launch(binary.path, args, timeout);
  const endpoints = JSON.parse(await readFile(join(dir, 'controlplane.json'), 'utf8')) as ControlPlaneEndpoints;

  const plane: ControlPlane = {
    ...endpoints,
    async stopNats() {
      await signalAndWaitFor(child, 'SIGUSR1', 'controlplane nats stopped');
    },
    async startNats() {
      await signalAndWaitFor(child, 'SIGUSR2', 'controlplane nats started');
    },
    async restart() {
      await terminate(child);
      child = await launch(binary.path, args, timeout);
      plane.pid = child.pid ?? 0;
    },
    async stop() {
      await terminate(child);
      if (ownDir) await rm(dir, { recursive: true, force: true });
    },
    stopOnExit() {
      for (const handle of [child, child.stdout, child.stderr]) (handle as { unref?: () => void } | null)?.unref?.();
      process.once('exit', () => {
        child.kill('SIGTERM');
        // The control plane finishes its own shutdown within a second or two; its temporary directory goes
        // with it, except the files it still holds open, which the OS reclaims.
        if (ownDir) rmSync(dir, { recursive: true, force: true });
      });
    },
  };
  return plane;
}

/** Reads the endpoints of a control plane that another process started (see global-setup.ts). */
export async function attachControlPlane(dir: string): Promise<ControlPlaneEndpoints> {
  return JSON.parse(await readFile(join(dir, 'controlplane.json'), 'utf8')) as ControlPlaneEndpoints;
}

async function launch(path: string, args: string[], timeoutMs: number): Promise<ChildProcess> {
  const child = spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr.push(chunk.toString());
    if (stderr.length > 200) stderr.shift();
  });
  // Without a listener on stdout the pipe fills and the child blocks on a later print.
  attachLines(child);
  try {
    await waitForLine(child, (l) => l.startsWith('controlplane ready'), timeoutMs);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\ncontrol plane stderr:\n${stderr.join('').slice(-4000)}`);
  }
  return child;
}

const lineListeners = new WeakMap<ChildProcess, Set<(line: string) => void>>();

function attachLines(child: ChildProcess): void {
  const listeners = new Set<(line: string) => void>();
  lineListeners.set(child, listeners);
  createInterface({ input: child.stdout! }).on('line', (line) => {
    for (const l of listeners) l(line);
  });
}

function waitForLine(child: ChildProcess, match: (line: string) => boolean, timeoutMs: number): Promise<string> {
  const listeners = lineListeners.get(child)!;
  return new Promise((resolve, reject) => {
    const done = (fn: () => void) => {
      clearTimeout(timer);
      listeners.delete(onLine);
      child.off('exit', onExit);
      fn();
    };
    const onLine = (line: string) => {
      if (match(line)) done(() => resolve(line));
    };
    const onExit = (code: number | null, signal: string | null) =>
      done(() => reject(new Error(`control plane exited (code ${code}, signal ${signal}) before it was ready`)));
    const timer = setTimeout(
      () => done(() => reject(new Error(`control plane did not report within ${timeoutMs} ms`))),
      timeoutMs,
    );
    listeners.add(onLine);
    child.once('exit', onExit);
  });
}

async function signalAndWaitFor(child: ChildProcess, signal: NodeJS.Signals, line: string): Promise<void> {
  const seen = waitForLine(child, (l) => l === line, 30_000);
  child.kill(signal);
  await seen;
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(killer);
}
