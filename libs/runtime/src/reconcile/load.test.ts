// Under load the loop keeps its central promise: one key is never reconciled by two workers at once,
// even while the same keys are poked again and again mid-reconcile.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { controlPlaneForSuite, eventually, freshNamespace, inParallel, installCRDs, type TestNamespace, widgetCRD, widgetResource } from '@conflux/testing';
import { WatchCache } from '../cache/watch-cache.ts';
import { KubeClient } from '../kube/client.ts';
import { loadClusterAccess } from '../kube/config.ts';
import type { KubeObject } from '../kube/object.ts';
import { Controller } from './controller.ts';
import { success } from './outcome.ts';

const objects = 1000;
const workers = 8;

let client: KubeClient;
let ns: TestNamespace;
before(async () => {
  const plane = await controlPlaneForSuite();
  await installCRDs(plane.clients, [widgetCRD]);
  client = new KubeClient(loadClusterAccess({ kubeconfig: plane.kubeconfig }), { qps: 500, burst: 1000 });
  ns = await freshNamespace(plane.clients, 'load');
});
after(async () => {
  await ns?.remove();
  client?.close();
});


describe('the reconcile loop under load', () => {
  it(`GIVEN ${objects} objects and ${workers} workers WHEN every object is poked again mid-reconcile THEN no key ever runs twice at once and all converge`, async () => {
    const names = Array.from({ length: objects }, (_, i) => `w-${String(i).padStart(4, '0')}`);
    await inParallel(names, 16, (name) =>
      client.create(widgetResource, { apiVersion: `${widgetResource.group}/v1`, kind: 'Widget', metadata: { name, namespace: ns.name }, spec: { size: 1 } }),
    );

    const inFlight = new Set<string>();
    let overlaps = 0;
    let peak = 0;
    let reconciles = 0;
    const cache = new WatchCache<KubeObject>(client, widgetResource, { namespace: ns.name });
    const controller = new Controller<KubeObject>({
      fieldManager: 'load-test',
      client,
      cache,
      concurrent: workers,
      reconciler: {
        async reconcile(req) {
          const key = `${req.object.metadata.namespace}/${req.object.metadata.name}`;
          if (inFlight.has(key)) overlaps++;
          inFlight.add(key);
          peak = Math.max(peak, inFlight.size);
          reconciles++;
          // Long enough that pokes land while the key is in flight.
          await new Promise((r) => setTimeout(r, Math.random() * 4));
          inFlight.delete(key);
          return success();
        },
      },
    });
    const stop = new AbortController();
    void cache.run(stop.signal);
    controller.start();
    try {
      await cache.synced;
      const poke = 'load-poke-1';
      await inParallel(names, 16, (name) =>
        client.patch(widgetResource, ns.name, name, { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': poke } } }),
      );
      await eventually(
        'every object to have handled the poke and be Ready',
        () =>
          cache.list().filter((o) => o.status?.['lastHandledReconcileAt'] === poke && o.status?.['observedGeneration'] === 1).length === objects,
        { timeoutMs: 170_000, intervalMs: 1000 },
      );
      assert.equal(overlaps, 0, 'a key was reconciled by two workers at once');
      assert.ok(peak > 1 && peak <= workers, `peak concurrency ${peak} must be within 2..${workers}`);
      assert.ok(reconciles >= objects, `expected at least ${objects} reconciles, saw ${reconciles}`);
    } finally {
      await controller.stop(5000);
      stop.abort();
    }
  });
});
