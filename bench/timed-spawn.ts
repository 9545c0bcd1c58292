// Runs a command to completion and times it from spawn to exit, keeping its output.
import { spawn } from 'node:child_process';

export interface TimedRun {
  /** Wall time from spawn() to the process's exit with all its output read, in milliseconds. */
  ms: number;
  stdout: string;
  stderr: string;
}

export function timedSpawn(command: string, args: string[]): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const start = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = performance.now() - start;
      const stderr = Buffer.concat(err).toString('utf8');
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}:\n${stderr}`));
      else resolve({ ms, stdout: Buffer.concat(out).toString('utf8'), stderr });
    });
  });
}

/**
 * Peak resident memory of a whole run of `command`, in MiB: the kernel's ru_maxrss for the reaped
 * child (the same high-water mark /proc/<pid>/status shows as VmHWM), read through GNU time because
 * Node does not expose a child's rusage. Used for programs we cannot make report on themselves.
 */
export async function peakRssMiB(command: string, args: string[]): Promise<number> {
  const { stderr } = await timedSpawn('/usr/bin/time', ['-f', 'maxrss %M', command, ...args]);
  const kB = /maxrss (\d+)\s*$/.exec(stderr)?.[1];
  if (!kB) throw new Error(`no maxrss in the output of /usr/bin/time:\n${stderr}`);
  return Number(kB) / 1024;
}
