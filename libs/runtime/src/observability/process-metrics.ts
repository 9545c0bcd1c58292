// The process and Node runtime metrics operators look for next to a controller's own: client_golang's
// process_* names (what Flux's Go controllers export) and prom-client's nodejs_* names for the Node side.
// Every value is read at scrape time, so an idle controller does no work for them between scrapes.
import { readdirSync, readFileSync } from 'node:fs';
import { Gauge, metricFunc, type Registry } from './prometheus.ts';

const proc = <T>(read: () => T): T | undefined => {
  try {
    return read();
  } catch {
    return undefined; // not Linux, or /proc not mounted: the metric is left out
  }
};

/** vsize, the 23rd field of /proc/self/stat; fields are counted after the command name, which may hold spaces. */
const virtualMemory = () =>
  proc(() => {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[20]);
  });
const openFds = () => proc(() => readdirSync('/proc/self/fd').length);
const maxFds = () => proc(() => {
  const soft = /^Max open files\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1];
  return soft === undefined ? undefined : soft === 'unlimited' ? Infinity : Number(soft);
});

/** How long a callback queued now waits for the event loop; prom-client's nodejs_eventloop_lag_seconds. */
const eventLoopLag = () =>
  new Promise<number>((resolve) => {
    const start = process.hrtime.bigint();
    setImmediate(() => resolve(Number(process.hrtime.bigint() - start) / 1e9));
  });

export function registerProcessMetrics(registry: Registry): void {
  const startTime = Date.now() / 1000 - process.uptime();
  const cpu = (part: 'user' | 'system' | 'both') => {
    const { user, system } = process.cpuUsage();
    return (part === 'user' ? user : part === 'system' ? system : user + system) / 1e6;
  };
  const funcs = [
    metricFunc({ name: 'process_cpu_user_seconds_total', help: 'Total user CPU time spent in seconds.', type: 'counter' }, () => cpu('user')),
    metricFunc({ name: 'process_cpu_system_seconds_total', help: 'Total system CPU time spent in seconds.', type: 'counter' }, () => cpu('system')),
    metricFunc({ name: 'process_cpu_seconds_total', help: 'Total user and system CPU time spent in seconds.', type: 'counter' }, () => cpu('both')),
    metricFunc({ name: 'process_start_time_seconds', help: 'Start time of the process since unix epoch in seconds.', type: 'gauge' }, () => startTime),
    metricFunc({ name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes.', type: 'gauge' }, () => process.memoryUsage.rss()),
    metricFunc({ name: 'process_virtual_memory_bytes', help: 'Virtual memory size in bytes.', type: 'gauge' }, virtualMemory),
    metricFunc({ name: 'process_open_fds', help: 'Number of open file descriptors.', type: 'gauge' }, openFds),
    metricFunc({ name: 'process_max_fds', help: 'Maximum number of open file descriptors.', type: 'gauge' }, maxFds),
    metricFunc({ name: 'nodejs_heap_size_total_bytes', help: 'Process heap size from Node.js in bytes.', type: 'gauge' }, () => process.memoryUsage().heapTotal),
    metricFunc({ name: 'nodejs_heap_size_used_bytes', help: 'Process heap size used from Node.js in bytes.', type: 'gauge' }, () => process.memoryUsage().heapUsed),
    metricFunc({ name: 'nodejs_external_memory_bytes', help: 'Node.js external memory size in bytes.', type: 'gauge' }, () => process.memoryUsage().external),
  ];
  for (const f of funcs) registry.register(f);

  const lag = new Gauge({ name: 'nodejs_eventloop_lag_seconds', help: 'Lag of event loop in seconds.' });
  registry.register({
    name: lag.name,
    collect: async () => lag.set(await eventLoopLag()),
    expose: () => lag.expose(),
  });

  const [major = '', minor = '', patch = ''] = process.versions.node.split('.');
  new Gauge({
    name: 'nodejs_version_info',
    help: 'Node.js version info.',
    labelNames: ['version', 'major', 'minor', 'patch'] as const,
    registers: [registry],
  }).set({ version: process.version, major, minor, patch }, 1);
}
