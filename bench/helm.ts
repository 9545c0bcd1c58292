// Times @conflux/helm against the reference helm v3.21.4 binary: podinfo with default values rendered
// in-process (the issue's goal: ≤ 1/10 of `helm template`'s wall time per run), and a generated chart of
// 200 templates, in-process and as a fresh `conflux-helm template` process, with peak memory; and podinfo
// as a fresh process. The process runs the bin as `npx conflux-helm` does (libs/helm/bin/conflux-helm.js,
// which runs its cached esbuild bundle), minus npx's own start-up.
// Outputs are checked equal to helm's before anything is timed. Prints numbers for docs/benchmarks.md.
//   npm run helm -w @conflux/bench -- [--renders N] [--runs N] [--large-runs N]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadChart, renderChart, templateOutput, type Chart } from '@conflux/helm';
import { ensureHelmBinary, repoRoot } from '@conflux/testing';
import { describeMachine, median } from './machine.ts';
import { peakRssMiB, timedSpawn } from './timed-spawn.ts';

const { values } = parseArgs({ options: { renders: { type: 'string', default: '1000' }, runs: { type: 'string', default: '20' }, 'large-runs': { type: 'string', default: '5' } } });
const renders = Number(values.renders);
const runs = Number(values.runs);
const largeRuns = Number(values['large-runs']);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
const ms = (xs: number[], digits = 1): string => `median ${median(xs).toFixed(digits)} ms (min ${Math.min(...xs).toFixed(digits)})`;
// podinfo needs Kubernetes ≥ 1.23; helm template's built-in default is older.
const kubeVersion = '1.30.0';
// podinfo's test Pods end their names in `randAlphaNum 5 | lower`; only that suffix is masked.
const mask = (s: string): string => s.replace(/^(\s*name: \S+-test-)[a-z0-9]{5}$/gm, '$1XXXXX');

const render = (chart: Chart): string => templateOutput(chart, renderChart(chart, { releaseName: 'rel', namespace: 'ns', kubeVersion }));

function writeLargeChart(root: string, count: number): string {
  const dir = join(root, 'large');
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: large\nversion: 1.0.0\nappVersion: "2.1.0"\n');
  const apps = Array.from({ length: count }, (_, i) => `  app${i}:\n    replicas: ${(i % 5) + 1}\n    port: ${8000 + i}\n    env:\n      LEVEL: info\n      INDEX: "${i}"\n`).join('');
  writeFileSync(join(dir, 'values.yaml'), `image:\n  repository: ghcr.io/example/app\n  tag: ""\nresources:\n  limits: {cpu: 500m, memory: 256Mi}\napps:\n${apps}`);
  writeFileSync(
    join(dir, 'templates', '_helpers.tpl'),
    `{{- define "large.labels" -}}
app.kubernetes.io/name: {{ .name | quote }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 }}
{{- end }}
`,
  );
  for (let i = 0; i < count; i++) {
    writeFileSync(
      join(dir, 'templates', `app${i}.yaml`),
      `{{- $app := index .Values.apps "app${i}" }}
{{- $name := printf "%s-app${i}" .Release.Name | trunc 63 | trimSuffix "-" }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "large.labels" (dict "name" $name "root" $) | nindent 4 }}
spec:
  replicas: {{ $app.replicas }}
  selector:
    matchLabels:
      app: {{ $name }}
  template:
    metadata:
      labels:
        app: {{ $name }}
      annotations:
        checksum/env: {{ toJson $app.env | sha256sum }}
    spec:
      containers:
        - name: app
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          ports:
            - containerPort: {{ $app.port }}
          env:
            {{- range $k, $v := $app.env }}
            - name: {{ $k }}
              value: {{ $v | quote }}
            {{- end }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
spec:
  selector:
    app: {{ $name }}
  ports:
    - port: 80
      targetPort: {{ $app.port }}
`,
    );
  }
  return dir;
}

const helm = (await ensureHelmBinary()).path;
const work = mkdtempSync(join(tmpdir(), 'bench-helm-'));
const helmArgs = (chart: string): string[] => ['template', 'rel', chart, '--namespace', 'ns', '--kube-version', kubeVersion];
process.env['HELM_CACHE_HOME'] = join(work, '.cache');
process.env['HELM_CONFIG_HOME'] = join(work, '.config');
process.env['HELM_DATA_HOME'] = join(work, '.data');
process.env['KUBECONFIG'] = join(work, 'none');
const cli = join(repoRoot(), 'libs', 'helm', 'bin', 'conflux-helm.js');
const cliArgs = (chart: string): string[] => [cli, ...helmArgs(chart)];

try {
  console.log(`machine: ${describeMachine()}`);
  console.log(`load average at start (1, 5, 15 min): ${load()}`);

  // podinfo, default values.
  const podinfoDir = join(repoRoot(), '..', 'shared', 'testdata', 'podinfo', 'charts', 'podinfo');
  const podinfo = await loadChart(podinfoDir);
  const reference = (await timedSpawn(helm, helmArgs(podinfoDir))).stdout;
  if (mask(render(podinfo)) !== mask(reference)) throw new Error('podinfo: renderChart + templateOutput differs from helm template; no timings reported');
  for (let i = 0; i < 50; i++) render(podinfo); // warm-up
  const inProcess: number[] = [];
  for (let i = 0; i < renders; i++) {
    const t = performance.now();
    render(podinfo);
    inProcess.push(performance.now() - t);
  }
  const helmRuns: number[] = [];
  for (let i = 0; i < runs; i++) helmRuns.push((await timedSpawn(helm, helmArgs(podinfoDir))).ms);
  // The first run builds the bin's bundle if the sources changed; it is not timed.
  const podinfoFresh = await timedSpawn(process.execPath, cliArgs(podinfoDir));
  if (mask(podinfoFresh.stdout) !== mask(reference)) throw new Error('podinfo: conflux-helm template output differs from helm template; no timings reported');
  const podinfoCli: number[] = [];
  const podinfoRef: number[] = [];
  for (let i = 0; i < largeRuns; i++) {
    podinfoRef.push((await timedSpawn(helm, helmArgs(podinfoDir))).ms);
    podinfoCli.push((await timedSpawn(process.execPath, cliArgs(podinfoDir))).ms);
  }
  const perRender = inProcess.reduce((a, b) => a + b, 0) / renders;
  console.log(`podinfo, default values: output equal to helm v3.21.4 (test Pod name suffix masked)`);
  console.log(`  in-process renderChart + templateOutput: mean ${perRender.toFixed(3)} ms, ${ms(inProcess, 3)} over ${renders} renders after 50 warm-up`);
  console.log(`  helm template, fresh process: ${ms(helmRuns)} wall over ${runs} runs`);
  console.log(`  ratio in-process mean / helm median: ${(perRender / median(helmRuns)).toFixed(4)} (goal ≤ 0.1)`);
  console.log(`  conflux-helm template, fresh process: ${ms(podinfoCli, 0)} wall over ${largeRuns} runs; helm template alternating with it: ${ms(podinfoRef, 0)}`);

  // A generated chart of 200 templates.
  const largeDir = writeLargeChart(work, 200);
  const largeRef = (await timedSpawn(helm, helmArgs(largeDir))).stdout;
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let t = performance.now();
  const large = await loadChart(largeDir);
  const firstOut = render(large);
  const coldMs = performance.now() - t;
  const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
  if (firstOut !== largeRef) throw new Error('large chart: output differs from helm template; no timings reported');
  const fresh = await timedSpawn(process.execPath, cliArgs(largeDir));
  if (fresh.stdout !== largeRef) throw new Error('large chart: conflux-helm template output differs from helm template; no timings reported');
  const warm: number[] = [];
  for (let i = 0; i < 20; i++) {
    const chart = await loadChart(largeDir);
    t = performance.now();
    render(chart);
    warm.push(performance.now() - t);
  }
  const cliMs: number[] = [];
  const refMs: number[] = [];
  for (let i = 0; i < largeRuns; i++) {
    refMs.push((await timedSpawn(helm, helmArgs(largeDir))).ms);
    cliMs.push((await timedSpawn(process.execPath, cliArgs(largeDir))).ms);
  }
  const cliPeak: number[] = [];
  const refPeak: number[] = [];
  for (let i = 0; i < largeRuns; i++) {
    refPeak.push(await peakRssMiB(helm, helmArgs(largeDir)));
    cliPeak.push(await peakRssMiB(process.execPath, cliArgs(largeDir)));
  }
  const mib = (b: number): string => (b / 2 ** 20).toFixed(1);
  const peak = (xs: number[]): string => `median ${median(xs).toFixed(1)} MiB (min ${Math.min(...xs).toFixed(1)})`;
  console.log(`generated chart, 200 templates (400 objects, ${mib(Buffer.byteLength(largeRef))} MiB of YAML): output equal to helm v3.21.4 (in-process and fresh process)`);
  console.log(`  in-process, cold (first load + render of this chart): ${coldMs.toFixed(0)} ms, heap +${mib(heapGrowth)} MiB over the call (no GC forced)`);
  console.log(`  in-process, warm render (chart loaded beforehand): ${ms(warm)} over 20 renders`);
  console.log(`  conflux-helm template, fresh process (bin, cached bundle): ${ms(cliMs, 0)} wall over ${largeRuns} runs; peak RSS ${peak(cliPeak)}`);
  console.log(`  helm template, fresh process: ${ms(refMs, 0)} wall over ${largeRuns} runs; peak RSS ${peak(refPeak)}`);
  console.log(`  ratio in-process warm / helm: ${(median(warm) / median(refMs)).toFixed(3)}; fresh process / helm: ${(median(cliMs) / median(refMs)).toFixed(2)}`);
  console.log(`load average at end (1, 5, 15 min): ${load()}`);
  console.log(
    `BENCH helm podinfo_inproc_ms=${perRender.toFixed(3)} podinfo_helm_ms=${median(helmRuns).toFixed(1)} ratio=${(perRender / median(helmRuns)).toFixed(4)} large_warm_ms=${median(warm).toFixed(1)} large_cli_ms=${median(cliMs).toFixed(0)} large_helm_ms=${median(refMs).toFixed(0)} large_cli_rss_mib=${median(cliPeak).toFixed(1)} large_helm_rss_mib=${median(refPeak).toFixed(1)} podinfo_cli_ms=${median(podinfoCli).toFixed(0)} podinfo_helm_alt_ms=${median(podinfoRef).toFixed(0)}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
