// GIVEN a dependsOn chain of five Kustomizations and a ServiceAccount without rights: each dependent
// starts as soon as the one before it turns Ready (event-driven, not after --requeue-dependency=30s),
// and an impersonated apply fails with the API server's RBAC message without creating anything.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kustomization } from '@conflux/api';
import { freshNamespace, type GitRepository, type GitServer, markDeploymentReady, startGitServer, type TestNamespace } from '@conflux/testing';
import { condition, type Harness, isReadyAt, startHarness } from './test-support.ts';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: v\n`;
const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: infra
spec:
  selector:
    matchLabels: {app: infra}
  template:
    metadata:
      labels: {app: infra}
    spec:
      containers:
        - name: c
          image: example.invalid/infra:1
`;

describe('Kustomization dependsOn and impersonation', () => {
  let h: Harness;
  let git: GitServer;
  let repo: GitRepository;
  let ns: TestNamespace;
  let revision: string;

  before(async () => {
    h = await startHarness('ks-deps');
    git = await startGitServer();
    ns = await freshNamespace(h.plane.clients, 'ks-deps');
    repo = await git.createRepository('chain');
    const files: Record<string, string> = { 'k0/deploy.yaml': deployment };
    for (let i = 1; i < 5; i++) files[`k${i}/cm.yaml`] = cm(`cm-${i}`);
    files['restricted/cm.yaml'] = cm('not-allowed');
    const commit = await repo.commit(files, 'chain');
    revision = `main@sha1:${commit}`;
    await h.createGitRepository(ns.name, 'repo', repo.url);
    await h.syncSource(ns.name, 'repo', commit);
  });

  after(async () => {
    await ns?.remove();
    await h?.stop();
    await git?.close();
  });

  it('GIVEN k0 <- k1 <- k2 <- k3 <- k4 WHEN k0 turns Ready THEN each hop starts within seconds, not after the 30s requeue', async (t) => {
    for (let i = 0; i < 5; i++) {
      await h.createKustomization(ns.name, `k${i}`, {
        path: `./k${i}`,
        targetNamespace: ns.name,
        ...(i === 0 ? { wait: true, timeout: '2m' } : { dependsOn: [{ name: `k${i - 1}` }] }),
      });
    }
    // Every dependent has tried once and is waiting on its dependency before k0 can turn Ready.
    await h.waitFor(ns.name, 'k4', 'DependencyNotReady', (o) => condition(o, 'Ready')?.reason === 'DependencyNotReady');
    const readyAt: number[] = [];
    let marked = false;
    const deadline = Date.now() + 60_000;
    while (readyAt.length < 5 && Date.now() < deadline) {
      const i = readyAt.length;
      const o: Kustomization = await h.getKustomization(ns.name, `k${i}`);
      if (isReadyAt(revision)(o)) {
        readyAt.push(performance.now());
        continue;
      }
      if (i === 0 && !marked) {
        try {
          await markDeploymentReady(h.plane.clients, ns.name, 'infra');
          marked = true;
        } catch {
          // Not applied yet.
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(readyAt.length, 5, `only ${readyAt.length} of 5 became Ready`);
    const hops = readyAt.slice(1).map((at, i) => Math.round(at - readyAt[i]!));
    t.diagnostic(`dependsOn hop delays (ms, Ready to Ready, observed by polling): ${hops.join(', ')}`);
    for (const hop of hops) assert.ok(hop < 5_000, `a hop took ${hop} ms`);
  });

  it('GIVEN serviceAccountName of an account without RBAC rights THEN the apply fails with the API server message and creates nothing', async () => {
    await h.plane.clients.core.createNamespacedServiceAccount({ namespace: ns.name, body: { metadata: { name: 'restricted' } } });
    await h.createKustomization(ns.name, 'restricted', { path: './restricted', targetNamespace: ns.name, serviceAccountName: 'restricted' });
    const ks = await h.waitFor(ns.name, 'restricted', 'ReconciliationFailed', (o) => condition(o, 'Ready')?.reason === 'ReconciliationFailed');
    const message = condition(ks, 'Ready')!.message;
    assert.match(message, /forbidden/i);
    assert.match(message, new RegExp(`system:serviceaccount:${ns.name}:restricted`));
    await assert.rejects(h.plane.clients.core.readNamespacedConfigMap({ namespace: ns.name, name: 'not-allowed' }));
    assert.equal(ks.status?.inventory, undefined);
  });
});
