// Benchmark: idle RSS of a bundled controller process built on libs/runtime.
//   npm run idle-rss -w @conflux/bench -- [--objects N] [--idle-seconds S]
// Bundles bench/idle-controller.ts with esbuild (as production does), starts it against the local control
// plane with N Widgets and NATS, waits until every Widget is Ready, lets it idle, then reads VmRSS.
// A bare `node -e 'setInterval(()=>{},1e6)'` is measured in the same run as the floor.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleEntry } from '@conflux/tools/build-app';
import { eventually, installCRDs, kubeClients, repoRoot, startControlPlane, widgetCRD, widgetResource } from '@conflux/testing';
import { describeMachine } from './machine.ts';
import { rssMiB } from './proc.ts';

const { values } = parseArgs({ options: { objects: { type: 'string', default: '100' }, 'idle-seconds': { type: 'string', default: '30' } } });
const n = Number(values.objects);
const idleMs = Number(values['idle-seconds']) * 1000;

const outfile = join(repoRoot(), 'dist', 'bench', 'idle-controller.js');
await bundleEntry(join(repoRoot(), 'bench', 'idle-controller.ts'), outfile, { sourcemap: false });

const plane = await startControlPlane();
try {
  const admin = kubeClients(plane.kubeconfig);
  await installCRDs(admin, [widgetCRD]);
  for (let i = 0; i < n; i++) {
    await admin.custom.createNamespacedCustomObject({
      group: widgetResource.group, version: 'v1', namespace: 'default', plural: 'widgets',
      body: { apiVersion: `${widgetResource.group}/v1`, kind: 'Widget', metadata: { name: `w-${i}` }, spec: { interval: '10m' } },
    });
  }
  const floor = spawn(process.execPath, ['-e', 'setInterval(()=>{},1e6)']);
  const nodeFlags = (process.env['CONTROLLER_NODE_FLAGS'] ?? '').split(' ').filter(Boolean);
  const controller = spawn(process.execPath, [...nodeFlags, outfile, '--metrics-addr=127.0.0.1:0', '--health-addr=127.0.0.1:0', '--log-level=error'], {
    env: { ...process.env, KUBECONFIG: plane.kubeconfig, NATS_URL: plane.natsURL },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await eventually(`${n} Widgets Ready`, async () => {
      const list = (await admin.custom.listNamespacedCustomObject({ group: widgetResource.group, version: 'v1', namespace: 'default', plural: 'widgets' })) as { items: Array<{ status?: { conditions?: Array<{ type: string; status: string }> } }> };
      return list.items.filter((o) => o.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length === n;
    }, { timeoutMs: 120_000, intervalMs: 500 });
    const atReady = await rssMiB(controller.pid!);
    await new Promise((r) => setTimeout(r, idleMs));
    const idle = await rssMiB(controller.pid!);
    const bare = await rssMiB(floor.pid!);
    process.stdout.write(
      [
        `machine: ${describeMachine()}`,
        `bundle: ${outfile}`,
        `objects: ${n} Widgets, NATS on, metrics + health servers on, node flags: ${nodeFlags.join(" ") || "(none)"}`,
        `RSS when all Ready: ${atReady.toFixed(1)} MiB`,
        `RSS after ${idleMs / 1000} s idle: ${idle.toFixed(1)} MiB`,
        `bare node floor (same run): ${bare.toFixed(1)} MiB`,
      ].join('\n') + '\n',
    );
  } finally {
    controller.kill('SIGTERM');
    floor.kill('SIGKILL');
  }
} finally {
  await plane.stop();
}
