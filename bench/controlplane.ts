// Benchmark: how fast the local control plane starts and how much memory it holds.
//   npm run controlplane -w @conflux/bench -- [--runs N] [--idle-seconds S]
// For each run: a fresh state directory, start until the "ready" line, RSS right then, RSS after S
// idle seconds, then a restart on the same state (the warm start a test sees after restart()).
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ensureControlPlaneBinary, startControlPlane } from '@conflux/testing';
import { describeMachine, median } from './machine.ts';
import { rssMiB } from './proc.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, 'idle-seconds': { type: 'string', default: '30' } } });
const runs = Number(values.runs);
const idleSeconds = Number(values['idle-seconds']);


const binary = await ensureControlPlaneBinary((l) => process.stderr.write(`${l}\n`));
const size = (await stat(binary.path)).size / 2 ** 20;

const fresh: number[] = [];
const warm: number[] = [];
const rssReady: number[] = [];
const rssIdle: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const plane = await startControlPlane();
  fresh.push((performance.now() - t0) / 1000);
  rssReady.push(await rssMiB(plane.pid));
  await new Promise((r) => setTimeout(r, idleSeconds * 1000));
  rssIdle.push(await rssMiB(plane.pid));
  const t1 = performance.now();
  await plane.restart();
  warm.push((performance.now() - t1) / 1000);
  await plane.stop();
  process.stderr.write(`run ${i + 1}/${runs}: start ${fresh.at(-1)!.toFixed(2)} s, restart ${warm.at(-1)!.toFixed(2)} s, RSS ${rssReady.at(-1)!.toFixed(0)} → ${rssIdle.at(-1)!.toFixed(0)} MiB\n`);
}

const fmt = (xs: number[], digits: number) => `${median(xs).toFixed(digits)} (min ${Math.min(...xs).toFixed(digits)}, max ${Math.max(...xs).toFixed(digits)})`;
process.stdout.write(
  [
    `machine: ${describeMachine()}`,
    `binary: ${size.toFixed(1)} MiB`,
    `runs: ${runs}`,
    `start to ready, fresh state (s): ${fmt(fresh, 2)}`,
    `stop + start to ready, same state (s): ${fmt(warm, 2)}`,
    `RSS at ready (MiB): ${fmt(rssReady, 0)}`,
    `RSS after ${idleSeconds} s idle (MiB): ${fmt(rssIdle, 0)}`,
  ].join('\n') + '\n',
);
