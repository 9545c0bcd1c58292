// The reconcile loop against the real API server, driven by a test reconciler of its own.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { controlPlaneForSuite, eventually, freshNamespace, installCRDs, type TestNamespace } from '@conflux/testing';
import { WatchCache } from '../cache/watch-cache.ts';
import { KubeClient } from '../kube/client.ts';
import { loadClusterAccess } from '../kube/config.ts';
import type { KubeObject } from '../kube/object.ts';
import { widgetCRD, widgetResource } from '@conflux/testing';
import { type Condition, findCondition } from './conditions.ts';
import { Controller, type Reconciler } from './controller.ts';
import { ReconcileError, success } from './outcome.ts';

let client: KubeClient;
let ns: TestNamespace;
const stop = new AbortController();

before(async () => {
  const plane = await controlPlaneForSuite();
  await installCRDs(plane.clients, [widgetCRD]);
  client = new KubeClient(loadClusterAccess({ kubeconfig: plane.kubeconfig }), { qps: 200, burst: 400 });
  ns = await freshNamespace(plane.clients, 'runtime');
});
after(async () => {
  stop.abort();
  await ns?.remove();
  client?.close();
});

type Widget = KubeObject & { spec: { interval?: string; suspend?: boolean; fail?: boolean; size?: number } };

const ready = (o: KubeObject | undefined): Condition | undefined => findCondition((o?.status?.['conditions'] ?? []) as Condition[], 'Ready');

/** Creates a Widget in the test namespace, labelled with its test case so each case's controller sees only its own. */
async function widget(name: string, testCase: string, spec: Widget['spec'] = {}, annotations?: Record<string, string>): Promise<Widget> {
  return client.create<Widget>(widgetResource, {
    apiVersion: `${widgetResource.group}/v1`,
    kind: 'Widget',
    metadata: { name, namespace: ns.name, labels: { case: testCase }, ...(annotations ? { annotations } : {}) },
    spec,
  });
}

const read = (name: string) => client.get<Widget>(widgetResource, ns.name, name);

/** Starts a cache and controller over the test namespace; returns them and a log of reconciles. */
async function run(reconciler: Reconciler<Widget>, options: { concurrent?: number; labelSelector?: string } = {}) {
  const cache = new WatchCache<Widget>(client, widgetResource, { namespace: ns.name, ...(options.labelSelector ? { labelSelector: options.labelSelector } : {}) });
  const controller = new Controller<Widget>({
    fieldManager: 'runtime-test',
    client,
    cache,
    reconciler,
    concurrent: options.concurrent ?? 2,
    queue: { minRetryDelayMs: 100, maxRetryDelayMs: 2000 },
  });
  const signal = AbortSignal.any([stop.signal]);
  void cache.run(signal);
  controller.start();
  await cache.synced;
  return { cache, controller, stop: () => controller.stop(5000) };
}

describe('the reconcile loop', () => {
  it('GIVEN a new object WHEN reconciled THEN it carries the finalizer, Ready=True and observedGeneration; a spec change bumps it', async () => {
    const seen: number[] = [];
    const c = await run({
      async reconcile(req) {
        seen.push(req.object.metadata.generation ?? 0);
        req.setCondition({ type: 'Ready', status: 'True', reason: 'Succeeded', message: `size ${req.object.spec.size}` });
        return success();
      },
    }, { labelSelector: 'case=basic' });
    try {
      await widget('basic', 'basic', { size: 1 });
      const first = await eventually('Ready=True', async () => {
        const o = await read('basic');
        return ready(o)?.status === 'True' && o.status?.['observedGeneration'] === 1 ? o : undefined;
      });
      assert.deepEqual(first.metadata.finalizers, ['finalizers.fluxcd.io']);
      assert.equal(ready(first)?.message, 'size 1');
      assert.equal(findCondition(first.status!['conditions'] as Condition[], 'Reconciling'), undefined, 'Reconciling is removed on success');

      await client.patch(widgetResource, ns.name, 'basic', { spec: { size: 2 } });
      const second = await eventually('observedGeneration 2', async () => {
        const o = await read('basic');
        return o.status?.['observedGeneration'] === 2 ? o : undefined;
      });
      assert.equal(ready(second)?.message, 'size 2');
      assert.equal(ready(second)?.observedGeneration, 2);
    } finally {
      await c.stop();
    }
  });

  it('GIVEN a reconcile of 200 ms, inside the progress grace WHEN a new object is handled THEN its status is written once, with no passing Reconciling mark', async () => {
    const c = await run({
      async reconcile() {
        await new Promise((r) => setTimeout(r, 200));
        return success();
      },
    }, { labelSelector: 'case=quick' });
    // Every version of the object the API server hands out, through a watch of its own.
    const statuses: string[] = [];
    const watching = new AbortController();
    const seen = new WatchCache<Widget>(client, widgetResource, { namespace: ns.name, labelSelector: 'case=quick' });
    const record = (o: Widget) => statuses.push(((o.status?.['conditions'] ?? []) as Condition[]).map((x) => `${x.type}=${x.status}`).join(','));
    seen.on({ add: record, update: (_, o) => record(o) });
    void seen.run(watching.signal);
    await seen.synced;
    try {
      await widget('quick', 'quick', {});
      await eventually('Ready=True', async () => ready(await read('quick'))?.status === 'True');
      await new Promise((r) => setTimeout(r, 300));
      assert.ok(!statuses.some((x) => x.includes('Reconciling=True')), `no Reconciling mark was written: ${statuses.join(' | ')}`);
      assert.equal(statuses.filter((x) => x !== '').length, 1, `one status write: ${statuses.join(' | ')}`);
    } finally {
      watching.abort();
      await c.stop();
    }
  });

  it('GIVEN a reconcile that outlasts the progress grace WHEN it is still running THEN Reconciling=True/Progressing and Ready=Unknown show, and both settle when it ends', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const c = await run({
      async reconcile() {
        await released;
        return success();
      },
    }, { labelSelector: 'case=slow' });
    try {
      await widget('slow', 'slow', {});
      const during = await eventually('Reconciling shown', async () => {
        const o = await read('slow');
        const r = findCondition((o.status?.['conditions'] ?? []) as Condition[], 'Reconciling');
        return r?.status === 'True' ? o : undefined;
      });
      const conditions = during.status!['conditions'] as Condition[];
      assert.equal(findCondition(conditions, 'Reconciling')?.reason, 'Progressing');
      assert.equal(ready(during)?.status, 'Unknown');
      release();
      const done = await eventually('Ready=True', async () => {
        const o = await read('slow');
        return ready(o)?.status === 'True' ? o : undefined;
      });
      assert.equal(findCondition(done.status!['conditions'] as Condition[], 'Reconciling'), undefined);
    } finally {
      release();
      await c.stop();
    }
  });

  it('GIVEN a reconcile enqueued again the moment the last one wrote its status WHEN each appends to status.history THEN no entry is lost to a stale cache', async () => {
    const rounds = 12;
    let done = 0;
    const cache = new WatchCache<Widget>(client, widgetResource, { namespace: ns.name, labelSelector: 'case=history' });
    const controller: Controller<Widget> = new Controller<Widget>({
      fieldManager: 'runtime-test',
      client,
      cache,
      concurrent: 1,
      reconciler: {
        async reconcile(req) {
          const history = (req.status['history'] as number[] | undefined) ?? [];
          req.status['history'] = [...history, history.length];
          return success();
        },
      },
      // As a NATS trigger does: the next reconcile is asked for as soon as the last one is written.
      hooks: { reconciled: ({ object }) => void (++done < rounds && controller.enqueue(`${object.metadata.namespace}/${object.metadata.name}`)) },
    });
    const watching = new AbortController();
    void cache.run(watching.signal);
    controller.start();
    await cache.synced;
    try {
      await widget('chronicle', 'history', {});
      const o = await eventually(`${rounds} reconciles`, async () => {
        const w = await read('chronicle');
        return done >= rounds && (w.status?.['history'] as number[] | undefined)?.length === rounds ? w : undefined;
      }, { timeoutMs: 20_000 }).catch(async () => read('chronicle'));
      assert.deepEqual(o.status?.['history'], Array.from({ length: rounds }, (_, i) => i));
    } finally {
      watching.abort();
      await controller.stop(5000);
    }
  });

  it('GIVEN a suspended object WHEN reconciled THEN the reconciler is not called, yet observedGeneration and requestedAt are recorded', async () => {
    let calls = 0;
    const c = await run({ async reconcile() { calls++; return success(); } }, { labelSelector: 'case=suspend' });
    try {
      await widget('sleepy', 'suspend', { suspend: true }, { 'reconcile.fluxcd.io/requestedAt': 'first' });
      const o = await eventually('suspended object handled', async () => {
        const w = await read('sleepy');
        return w.status?.['lastHandledReconcileAt'] === 'first' ? w : undefined;
      });
      assert.equal(o.status?.['observedGeneration'], 1);
      assert.equal(calls, 0);
    } finally {
      await c.stop();
    }
  });

  it('GIVEN a reconcile request annotation WHEN set THEN the object is reconciled again and lastHandledReconcileAt echoes it', async () => {
    let calls = 0;
    const c = await run({ async reconcile() { calls++; return success(); } }, { labelSelector: 'case=request' });
    try {
      await widget('poke', 'request', {});
      await eventually('first reconcile', async () => ready(await read('poke'))?.status === 'True');
      const before = calls;
      await client.patch(widgetResource, ns.name, 'poke', { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': '2026-11-26T10:00:00Z' } } });
      await eventually('requestedAt echoed', async () => (await read('poke')).status?.['lastHandledReconcileAt'] === '2026-11-26T10:00:00Z');
      assert.equal(calls, before + 1);
    } finally {
      await c.stop();
    }
  });

  it('GIVEN an object with the finalizer WHEN deleted THEN finalize runs and the finalizer is removed so the object goes away', async () => {
    const finalized: string[] = [];
    const c = await run({
      async reconcile() { return success(); },
      async finalize(req) { finalized.push(req.object.metadata.name); },
    }, { labelSelector: 'case=finalizer' });
    try {
      await widget('doomed', 'finalizer', {});
      await eventually('finalizer added', async () => (await read('doomed')).metadata.finalizers?.includes('finalizers.fluxcd.io'));
      await client.delete(widgetResource, ns.name, 'doomed');
      await eventually('object gone', async () => read('doomed').then(() => false, () => true));
      assert.deepEqual(finalized, ['doomed']);
    } finally {
      await c.stop();
    }
  });

  it('GIVEN a reconciler that fails WHEN it keeps failing THEN Ready=False carries the reason, retries back off, and it recovers once the failure is gone', async () => {
    const attempts: number[] = [];
    const c = await run({
      async reconcile(req) {
        attempts.push(Date.now());
        if (req.object.spec.fail) throw new ReconcileError('ArtifactFailed', 'cannot fetch artifact');
        return success();
      },
    }, { labelSelector: 'case=backoff' });
    try {
      await widget('flaky', 'backoff', { fail: true });
      const failing = await eventually('Ready=False ArtifactFailed', async () => {
        const o = await read('flaky');
        return ready(o)?.reason === 'ArtifactFailed' ? o : undefined;
      });
      assert.equal(ready(failing)?.status, 'False');
      assert.equal(ready(failing)?.message, 'cannot fetch artifact');
      assert.equal(findCondition(failing.status!['conditions'] as Condition[], 'Reconciling')?.reason, 'ProgressingWithRetry');
      assert.notEqual(failing.status?.['observedGeneration'], 1, 'a transient failure does not claim the generation is observed');

      await eventually('four attempts', () => attempts.length >= 4, { timeoutMs: 20_000 });
      const gaps = attempts.slice(1, 4).map((t, i) => t - attempts[i]!);
      assert.ok(gaps[1]! > gaps[0]! && gaps[2]! > gaps[1]!, `retry gaps must grow: ${gaps.join(', ')} ms`);

      await client.patch(widgetResource, ns.name, 'flaky', { spec: { fail: false } });
      const recovered = await eventually('recovered', async () => {
        const o = await read('flaky');
        return ready(o)?.status === 'True' ? o : undefined;
      });
      assert.equal(recovered.status?.['observedGeneration'], 2);
    } finally {
      await c.stop();
    }
  });
});
