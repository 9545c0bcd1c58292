// waitForHealth against the real API server, with the kubelet played by markDeploymentReady.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { controlPlaneForSuite, freshNamespace, type KubeClients, markDeploymentReady, markStatefulSetReady, type TestNamespace } from '@conflux/testing';
import type { KubeClient, KubeObject } from '@conflux/runtime';
import { HealthCheckError, HealthCheckOutcome } from './errors.ts';
import { objectRefOf } from './object-ref.ts';
import { ResourceManager } from './resource-manager.ts';
import { clientFor, configMap, deployment, fieldManager, ownerLabelsFor } from './testdata.ts';

let client: KubeClient;
let clients: KubeClients;
let ns: TestNamespace;
let manager: ResourceManager;

before(async () => {
  const plane = await controlPlaneForSuite();
  clients = plane.clients;
  client = clientFor(plane.kubeconfig);
  ns = await freshNamespace(plane.clients, 'ssa-wait');
  manager = new ResourceManager(client, { fieldManager, ownerLabels: ownerLabelsFor('wait') });
});
after(async () => {
  await ns?.remove();
  client?.close();
});

const refsOfApplied = async (objects: KubeObject[]) => (await manager.applyAllStaged(objects)).entries.map((e) => e.ref);

describe('waitForHealth', () => {
  it('GIVEN a Deployment that rolls out while waiting WHEN waited for THEN the wait succeeds', async () => {
    const refs = await refsOfApplied([deployment(ns.name, 'rolls-out'), configMap(ns.name, 'cfg')]);
    const waiting = manager.waitForHealth(refs, { timeoutMs: 60_000, pollMs: 200 });
    await markDeploymentReady(clients, ns.name, 'rolls-out');
    await waiting;
  });

  it('GIVEN a StatefulSet marked ready WHEN waited for THEN the wait succeeds', async () => {
    const sts = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: ns.name },
      spec: { serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:17' }] } } },
    };
    const refs = await refsOfApplied([sts]);
    await markStatefulSetReady(clients, ns.name, 'db');
    await manager.waitForHealth(refs, { timeoutMs: 60_000, pollMs: 200 });
  });

  it('GIVEN a Deployment that never becomes ready WHEN the timeout passes THEN a HealthCheckError names it and says why', async () => {
    const refs = await refsOfApplied([deployment(ns.name, 'stuck'), configMap(ns.name, 'fine')]);
    await assert.rejects(manager.waitForHealth(refs, { timeoutMs: 1_500, pollMs: 300 }), (err: unknown) => {
      assert.ok(err instanceof HealthCheckError);
      assert.equal(err.outcome, HealthCheckOutcome.Timeout);
      assert.equal(err.reason, 'HealthCheckFailed');
      assert.match(err.message, new RegExp(`^timeout waiting for: \\[Deployment/${ns.name}/stuck status: 'InProgress': Replicas: 0/1\\]$`));
      assert.deepEqual(err.objects.map((o) => o.subject), [`Deployment/${ns.name}/stuck`]);
      return true;
    });
  });

  it('GIVEN an object that does not exist WHEN the timeout passes THEN it is reported NotFound', async () => {
    const ref = { group: '', version: 'v1', kind: 'ConfigMap', namespace: ns.name, name: 'missing' };
    await assert.rejects(manager.waitForHealth([ref], { timeoutMs: 500, pollMs: 200 }), new RegExp(`ConfigMap/${ns.name}/missing status: 'NotFound'`));
  });

  it('GIVEN a Deployment past its progress deadline WHEN waited for THEN the wait fails early as stalled', async () => {
    const [ref] = await refsOfApplied([deployment(ns.name, 'deadline')]);
    const live = await clients.apps.readNamespacedDeployment({ name: 'deadline', namespace: ns.name });
    live.status = {
      observedGeneration: live.metadata?.generation,
      conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "deadline-1" has timed out progressing.' }],
    };
    await clients.apps.replaceNamespacedDeploymentStatus({ name: 'deadline', namespace: ns.name, body: live });
    await assert.rejects(manager.waitForHealth([ref!], { timeoutMs: 600_000, pollMs: 200 }), (err: unknown) => {
      assert.ok(err instanceof HealthCheckError);
      assert.equal(err.outcome, HealthCheckOutcome.Failed);
      assert.match(err.message, new RegExp(`^failed early due to stalled resources: \\[Deployment/${ns.name}/deadline status: 'Failed': Progress deadline exceeded`));
      return true;
    });
  });

  it('GIVEN a long wait WHEN the signal aborts THEN the wait ends at once as canceled', async () => {
    const refs = await refsOfApplied([deployment(ns.name, 'forever')]);
    const controller = new AbortController();
    // A ten-minute timeout and poll: only the abort can end this wait within the test's lifetime.
    const waiting = manager.waitForHealth(refs, { timeoutMs: 600_000, pollMs: 600_000, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('new revision main@sha1:abc')), 100);
    await assert.rejects(waiting, (err: unknown) => {
      assert.ok(err instanceof HealthCheckError);
      assert.equal(err.outcome, HealthCheckOutcome.Canceled);
      assert.equal(err.reason, 'HealthCheckCanceled');
      assert.match(err.message, /health check canceled: new revision main@sha1:abc/);
      return true;
    });
  });

  it('GIVEN no objects WHEN waited for THEN the wait succeeds at once', async () => {
    await manager.waitForHealth([], { timeoutMs: 1 });
  });

  it('GIVEN refs taken from objects WHEN all are Current THEN the wait succeeds on the first poll', async () => {
    const objects = [configMap(ns.name, 'plain')];
    await manager.applyAllStaged(objects);
    await manager.waitForHealth(objects.map(objectRefOf), { timeoutMs: 60_000, pollMs: 600_000 });
  });
});
