// What a benchmark reads about another process from /proc: resident memory and CPU time.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** Clock ticks per second, the unit of utime and stime in /proc/<pid>/stat. */
export const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

export async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

/** utime + stime of a process, in milliseconds; with `children`, plus that of its reaped children. */
export async function cpuMs(pid: number, children = false): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces and parentheses; the fields after its closing ')' start at field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]) + (children ? Number(fields[13]) + Number(fields[14]) : 0);
  return (ticks * 1000) / clockTicks;
}

export interface RssSampler {
  /** Highest VmRSS seen so far, in MiB. */
  readonly peak: number;
  stop(): void;
}

/** Reads VmRSS every `intervalMs` and keeps the highest value. */
export function sampleRss(pid: number, intervalMs = 250): RssSampler {
  let peak = 0;
  const take = () =>
    rssMiB(pid).then(
      (v) => void (peak = Math.max(peak, v)),
      () => undefined,
    );
  void take();
  const timer = setInterval(take, intervalMs);
  return {
    get peak() {
      return peak;
    },
    stop: () => clearInterval(timer),
  };
}

/** Busy and total CPU time of the whole machine (all cores), in milliseconds, from /proc/stat. */
export async function systemCpuMs(): Promise<{ busy: number; total: number }> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.split(/\s+/).slice(1, 9).map(Number) as number[];
  const busy = user! + nice! + system! + irq! + softirq! + steal!;
  return { busy: (busy * 1000) / clockTicks, total: ((busy + idle! + iowait!) * 1000) / clockTicks };
}
