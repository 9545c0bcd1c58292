// Times @conflux/kustomize build() against the reference kustomize binary on the same trees: a generated
// 1000-resource overlay tree with generators and patches (the issue's benchmark), the podinfo directory
// and a synthetic 200-resource overlay. Prints numbers for docs/benchmarks.md.
//   npm run kustomize -w @conflux/bench -- [--runs N] [--apps N]
// The 1000-resource tree runs first so that "cold" really is the first build() of this process.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { build as esbuild } from 'esbuild';
import { build, diskFS, parseYamlStream, toYamlStream } from '@conflux/kustomize';
import { ensureKustomizeBinary, repoRoot } from '@conflux/testing';
import { writeOverlayTree } from './kustomize-tree.ts';
import { describeMachine, median } from './machine.ts';
import { peakRssMiB, timedSpawn } from './timed-spawn.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, apps: { type: 'string', default: '333' } } });
const runs = Number(values.runs);
const apps = Number(values.apps);

// The npm script is plain `node kustomize.ts`; the heap figures need a forced GC, so expose it late.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Spread {
  median: number;
  min: number;
}

const spread = (ms: number[]): Spread => ({ median: median(ms), min: Math.min(...ms) });
const fmt = (s: Spread, digits = 0): string => `median ${s.median.toFixed(digits)} ms (min ${s.min.toFixed(digits)})`;
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

function synthetic(): string {
  const root = mkdtempSync(join(tmpdir(), 'bench-kustomize-'));
  mkdirSync(join(root, 'base'));
  mkdirSync(join(root, 'overlay'));
  const files: string[] = [];
  for (let i = 0; i < 100; i++) {
    writeFileSync(join(root, 'base', `app-${i}.yaml`), `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
spec:
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels: {app: app-${i}}
    spec:
      containers:
      - name: app
        image: nginx:1.25
        envFrom:
        - configMapRef: {name: shared}
---
apiVersion: v1
kind: Service
metadata:
  name: app-${i}
spec:
  selector: {app: app-${i}}
  ports:
  - port: 80
`);
    files.push(`app-${i}.yaml`);
  }
  writeFileSync(join(root, 'base', 'kustomization.yaml'), `resources:\n${files.map((f) => `- ${f}`).join('\n')}\nconfigMapGenerator:\n- name: shared\n  literals: [A=1]\n`);
  writeFileSync(join(root, 'overlay', 'kustomization.yaml'), `namespace: prod
namePrefix: prod-
resources:
- ../base
commonLabels:
  env: prod
images:
- name: nginx
  newTag: "1.27"
configMapGenerator:
- name: shared
  behavior: merge
  literals: [B=2]
patches:
- target:
    kind: Deployment
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: any
    spec:
      replicas: 2
`);
  return root;
}

function timeOurs(root: string, dir: string, count: number): Spread {
  build(diskFS(root), dir); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    build(diskFS(root), dir);
    ms.push(performance.now() - t);
  }
  return spread(ms);
}

function timeReference(bin: string, dir: string, count: number): Spread {
  const ms: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    execFileSync(bin, ['build', '--load-restrictor', 'LoadRestrictionsNone', dir], { stdio: ['ignore', 'ignore', 'ignore'] });
    ms.push(performance.now() - t);
  }
  return spread(ms);
}

/** Production runs bundled JavaScript, so the fresh-process figure is also taken for an esbuild bundle. */
async function bundleChild(): Promise<string> {
  const outfile = join(repoRoot(), 'dist', 'bench', 'kustomize-child.js');
  await esbuild({
    entryPoints: [join(repoRoot(), 'bench', 'kustomize-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return outfile;
}

/** Why two object lists differ, in one line: the first position where they part. */
function firstDifference(ours: unknown[], theirs: unknown[]): string {
  const id = (o: unknown): string => {
    const obj = o as { kind?: string; metadata?: { namespace?: string; name?: string } } | undefined;
    return obj ? `${obj.kind}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name}` : '(none)';
  };
  for (let i = 0; i < Math.max(ours.length, theirs.length); i++) {
    if (!isDeepStrictEqual(ours[i], theirs[i])) return `object #${i}: ours ${id(ours[i])}, kustomize ${id(theirs[i])}`;
  }
  return 'none';
}

interface ChildVariant {
  label: string;
  args: string[];
  ms: number[];
  hwmMiB: number[];
}

const vmHWM = (stderr: string): number => Number(/VmHWM (\d+) kB/.exec(stderr)?.[1]) / 1024;

async function largeTree(bin: string): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'bench-kustomize-1000-'));
  try {
    const dir = writeOverlayTree(root, apps);
    const overlay = join(root, dir);
    // --reorder none: the FIFO order Flux asks kustomize for, and the order build() returns.
    const refArgs = ['build', '--reorder', 'none', overlay];

    // Cold: the first build() of this process, with nothing compiled or cached yet.
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    let t = performance.now();
    const objects = build(diskFS(root), dir);
    const coldMs = performance.now() - t;
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    gc();
    const heapRetained = process.memoryUsage().heapUsed - heapBefore;

    const mine = parseYamlStream(toYamlStream(objects), 'our output');
    const reference0 = await timedSpawn(bin, refArgs);
    const theirs = parseYamlStream(reference0.stdout, 'kustomize output');
    if (!isDeepStrictEqual(mine, theirs)) {
      throw new Error(`build() and kustomize disagree on the ${apps}-app tree (${mine.length} vs ${theirs.length} objects; ${firstDifference(mine, theirs)}); no timings reported`);
    }

    const bundle = await bundleChild();
    const children: ChildVariant[] = [
      { label: 'TS sources (type stripping)', args: [join(repoRoot(), 'bench', 'kustomize-child.ts'), root, dir], ms: [], hwmMiB: [] },
      { label: 'esbuild bundle', args: [bundle, root, dir], ms: [], hwmMiB: [] },
    ];
    // An untimed first run of each process warms the page cache and proves its output is the same too.
    for (const child of children) {
      const out = parseYamlStream((await timedSpawn(process.execPath, child.args)).stdout, `${child.label} output`);
      if (!isDeepStrictEqual(out, theirs)) throw new Error(`the fresh-process build (${child.label}) differs from kustomize: ${firstDifference(out, theirs)}`);
    }

    const inProcess: number[] = [];
    for (let i = 0; i < runs; i++) {
      t = performance.now();
      build(diskFS(root), dir);
      inProcess.push(performance.now() - t);
    }
    // Interleaved, so a change in the machine's load falls on every contender alike.
    const reference: number[] = [];
    for (let i = 0; i < runs; i++) {
      reference.push((await timedSpawn(bin, refArgs)).ms);
      for (const child of children) {
        const run = await timedSpawn(process.execPath, child.args);
        child.ms.push(run.ms);
        child.hwmMiB.push(vmHWM(run.stderr));
      }
    }
    const refPeaks: number[] = [];
    for (let i = 0; i < runs; i++) refPeaks.push(await peakRssMiB(bin, refArgs));

    const warm = spread(inProcess);
    const ref = spread(reference);
    const kinds = new Map<string, number>();
    for (const o of objects) kinds.set(String(o['kind']), (kinds.get(String(o['kind'])) ?? 0) + 1);
    const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);
    return [
      `${apps}-app overlay tree (base + staging overlay; ${objects.length} objects: ${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}):`,
      `  output (${mib(Buffer.byteLength(reference0.stdout))} MiB of YAML): deep-equal to kustomize v5.8.1, in order (in-process and both fresh processes)`,
      `  build() in-process, cold (first call in the process): ${coldMs.toFixed(0)} ms`,
      `  build() in-process, warm (after the cold call): ${fmt(warm, 1)} over ${runs} runs`,
      ...children.map((c) => `  build() fresh process, ${c.label}: ${fmt(spread(c.ms))} wall, spawn to exit`),
      `  kustomize v5.8.1 build, fresh process: ${fmt(ref)} wall, spawn to exit`,
      `  ratio in-process warm / kustomize: ${(warm.median / ref.median).toFixed(2)} (median; goal ≤ 1); cold / kustomize: ${(coldMs / ref.median).toFixed(2)}`,
      ...children.map((c) => `  ratio fresh process, ${c.label} / kustomize: ${(median(c.ms) / ref.median).toFixed(2)}`),
      ...children.map((c) => `  peak memory, fresh process, ${c.label}: VmHWM at exit, median ${median(c.hwmMiB).toFixed(1)} MiB (min ${Math.min(...c.hwmMiB).toFixed(1)})`),
      `  peak memory, kustomize: maxrss (= VmHWM at exit), median ${median(refPeaks).toFixed(1)} MiB (min ${Math.min(...refPeaks).toFixed(1)}) over ${runs} runs`,
      `  heap, in-process cold call: +${mib(heapGrowth)} MiB over the call (no GC forced), +${mib(heapRetained)} MiB still held by the returned objects after GC`,
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const bin = (await ensureKustomizeBinary()).path;
const shared = join(repoRoot(), '..', 'shared');
console.log(`machine: ${describeMachine()}`);
console.log(`load average at start (1, 5, 15 min): ${load()}`);
const large = await largeTree(bin);
const synth = synthetic();
try {
  const podinfo = { ours: timeOurs(shared, 'testdata/podinfo/kustomize', 20), ref: timeReference(bin, join(shared, 'testdata/podinfo/kustomize'), runs) };
  const overlay = { ours: timeOurs(synth, 'overlay', 10), ref: timeReference(bin, join(synth, 'overlay'), runs) };
  const objects = build(diskFS(synth), 'overlay').length;
  for (const line of large) console.log(line);
  console.log(`podinfo (3 objects): build() ${fmt(podinfo.ours, 1)} in-process; kustomize v5.8.1 ${fmt(podinfo.ref)} wall (fresh process)`);
  console.log(`synthetic overlay (${objects} objects): build() ${fmt(overlay.ours, 1)} in-process; kustomize v5.8.1 ${fmt(overlay.ref)} wall (fresh process)`);
  console.log(`load average at end (1, 5, 15 min): ${load()}`);
} finally {
  rmSync(synth, { recursive: true, force: true });
}
