// GIVEN Deployments that never become ready: the Kustomization fails after its timeout with
// HealthCheckFailed naming the Deployment, and pushing a fix cancels a running wait so the Kustomization
// recovers without waiting out the timeout.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, freshNamespace, type GitRepository, type GitServer, startGitServer, type TestNamespace } from '@conflux/testing';
import { condition, type Harness, isReadyAt, keepDeploymentsReady, startHarness } from './test-support.ts';

const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: c
          image: example.invalid/${name}:1
`;

describe('Kustomization health checks', { concurrency: true }, () => {
  let h: Harness;
  let git: GitServer;
  let repo: GitRepository;
  let fixable: GitRepository;
  let ns: TestNamespace;
  let kubelet: { stop(): void };
  let first: string;
  let fixableFirst: string;

  before(async () => {
    h = await startHarness('ks-health');
    git = await startGitServer();
    ns = await freshNamespace(h.plane.clients, 'ks-health');
    // Deployments whose name starts with "stuck" never roll out.
    kubelet = keepDeploymentsReady(h.plane, ns.name, { except: (name) => name.startsWith('stuck') });
    repo = await git.createRepository('health');
    // Two sources, so that the fix pushed for one test is not a new revision for the other.
    fixable = await git.createRepository('fixable');
    first = await repo.commit({ 'timeout/deploy.yaml': deployment('stuck-b') }, 'stuck');
    fixableFirst = await fixable.commit({ 'cancel/deploy.yaml': deployment('stuck-a') }, 'stuck');
    await h.createGitRepository(ns.name, 'repo', repo.url);
    await h.createGitRepository(ns.name, 'fixable', fixable.url);
    await h.syncSource(ns.name, 'repo', first);
    await h.syncSource(ns.name, 'fixable', fixableFirst);
  });

  after(async () => {
    kubelet?.stop();
    await ns?.remove();
    await h?.stop();
    await git?.close();
  });

  it('GIVEN a Deployment that never becomes ready THEN the Kustomization fails after the timeout with HealthCheckFailed naming it', async () => {
    await h.createKustomization(ns.name, 'timeout', { path: './timeout', targetNamespace: ns.name, wait: true, timeout: '30s' });
    const ks = await h.waitFor(ns.name, 'timeout', 'HealthCheckFailed', (o) => condition(o, 'Ready')?.reason === 'HealthCheckFailed', 120_000);
    assert.match(condition(ks, 'Ready')!.message, /^health check failed after .*timeout waiting for: \[Deployment\/.*\/stuck-b status: 'InProgress'/);
    assert.equal(condition(ks, 'Healthy')?.status, 'False');
    assert.equal(ks.status?.lastAppliedRevision, undefined);
    assert.equal(ks.status?.lastAttemptedRevision, `main@sha1:${first}`);
  });

  it('GIVEN a wait with a 5m timeout on a stuck Deployment WHEN a fix is pushed THEN the wait is canceled and the fix is Ready long before the timeout', async (t) => {
    await h.createKustomization(ns.name, 'cancel', { path: './cancel', targetNamespace: ns.name, wait: true, timeout: '5m', sourceRef: { kind: 'GitRepository', name: 'fixable' } });
    // The wait is running once the Deployment exists: status is written when the reconcile ends, so it cannot tell.
    await eventually('stuck-a to be applied', () => h.plane.clients.apps.readNamespacedDeployment({ namespace: ns.name, name: 'stuck-a' }));
    await new Promise((r) => setTimeout(r, 500));
    const pushed = performance.now();
    const fix = await fixable.commit({ 'cancel/deploy.yaml': deployment('fixed-a') }, 'fix');
    await h.syncSource(ns.name, 'fixable', fix);
    const ks = await h.waitFor(ns.name, 'cancel', 'Ready at the fix', isReadyAt(`main@sha1:${fix}`), 60_000);
    const took = Math.round(performance.now() - pushed);
    t.diagnostic(`push to Ready with a canceled wait: ${took} ms`);
    // Without the cancel it would wait out the 5m timeout.
    assert.ok(took < 60_000);
    assert.deepEqual(ks.status?.inventory?.entries.map((e) => e.id), [`${ns.name}_fixed-a_apps_Deployment`], JSON.stringify(ks.status));
    // The canceled attempt is told by its Warning event. status.history is not checked: the reconcile of the
    // fix may start from a cache that has not yet seen the canceled attempt's status write, and its
    // rebased write then replaces history as a whole (a libs/runtime limitation, reported).
    await eventually('a HealthCheckCanceled event', async () => {
      const events = await h.plane.clients.core.listNamespacedEvent({ namespace: ns.name, fieldSelector: 'involvedObject.name=cancel' });
      return events.items.some((e) => e.reason === 'HealthCheckCanceled' && e.type === 'Warning' && /Health check canceled: new revision/.test(e.message ?? ''));
    });
  });
});
