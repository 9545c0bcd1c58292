// Runs test-manager.ts as a child process and follows what it reports on stdout, for the tests that need
// a replica they can kill.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const script = fileURLToPath(new URL('./test-manager.ts', import.meta.url));

export interface ManagerProcess {
  readonly child: ChildProcess;
  readonly lines: string[];
  /** Resolves with the first line (seen or future) starting with `prefix`. */
  waitFor(prefix: string, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code, or the signal's name. */
  readonly exited: Promise<number | string>;
  /** The value of the "identity" line. */
  identity(): Promise<string>;
  kill(signal: NodeJS.Signals): void;
}

export function spawnManager(args: string[], env: Record<string, string>): ManagerProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  // The child is a plain program, not a test file of this run.
  delete childEnv['NODE_TEST_CONTEXT'];
  const child = spawn(process.execPath, [script, ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr.push(chunk.toString());
    if (stderr.length > 100) stderr.shift();
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const w of [...waiters]) w();
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const waitFor = (prefix: string, timeoutMs = 60_000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = lines.find((l) => l.startsWith(prefix));
        if (line === undefined) return;
        done();
        resolve(line);
      };
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no "${prefix}" line within ${timeoutMs} ms; stdout:\n${lines.join('\n')}\nstderr:\n${stderr.join('').slice(-3000)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return {
    child,
    lines,
    waitFor,
    exited,
    identity: async () => (await waitFor('identity ')).slice('identity '.length),
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}
