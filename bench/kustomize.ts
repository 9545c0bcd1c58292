// Times @conflux/kustomize build() against the reference kustomize binary on the same trees:
// the podinfo directory and a synthetic 200-resource overlay. Prints numbers for docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, diskFS } from '@conflux/kustomize';
import { ensureKustomizeBinary, repoRoot } from '@conflux/testing';
import { describeMachine, median } from './machine.ts';

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

function timeOurs(root: string, dir: string, runs: number): number {
  build(diskFS(root), dir); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    build(diskFS(root), dir);
    ms.push(performance.now() - t);
  }
  return median(ms);
}

function timeReference(bin: string, dir: string, runs: number): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    execFileSync(bin, ['build', '--load-restrictor', 'LoadRestrictionsNone', dir], { stdio: ['ignore', 'ignore', 'ignore'] });
    ms.push(performance.now() - t);
  }
  return median(ms);
}

const bin = (await ensureKustomizeBinary()).path;
const shared = join(repoRoot(), '..', 'shared');
const synth = synthetic();
try {
  const podinfo = { ours: timeOurs(shared, 'testdata/podinfo/kustomize', 20), ref: timeReference(bin, join(shared, 'testdata/podinfo/kustomize'), 5) };
  const overlay = { ours: timeOurs(synth, 'overlay', 10), ref: timeReference(bin, join(synth, 'overlay'), 5) };
  const objects = build(diskFS(synth), 'overlay').length;
  console.log(`machine: ${describeMachine()}`);
  console.log(`podinfo (3 objects): build() ${podinfo.ours.toFixed(1)} ms in-process; kustomize v5.8.1 ${podinfo.ref.toFixed(0)} ms wall (fresh process)`);
  console.log(`synthetic overlay (${objects} objects): build() ${overlay.ours.toFixed(1)} ms in-process; kustomize v5.8.1 ${overlay.ref.toFixed(0)} ms wall (fresh process)`);
} finally {
  rmSync(synth, { recursive: true, force: true });
}
