import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMetrics, exponentialBucketsRange, MetricName, ReconcileResult } from './metrics.ts';

const repo = { kind: 'GitRepository', namespace: 'flux-system', name: 'podinfo' };

/** The value of the one sample whose name and labels match, parsed from the text exposition. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v) && Object.keys(have).length === Object.keys(labels).length) return Number(m[3]);
  }
  return undefined;
}

describe('exponentialBucketsRange', () => {
  it('GIVEN upstream\'s 10ms to 1800s range in 10 buckets WHEN computed THEN it starts and ends there and grows by a constant factor', () => {
    const buckets = exponentialBucketsRange(0.01, 1800, 10);
    assert.equal(buckets.length, 10);
    assert.equal(buckets[0], 0.01);
    assert.equal(buckets[9], 1800);
    const ratios = buckets.slice(1).map((b, i) => b / (buckets[i] as number));
    for (const r of ratios) assert.ok(Math.abs(r - (ratios[0] as number)) < 1e-9);
  });
});

describe('createMetrics', () => {
  it('GIVEN a reconcile of 2.5s WHEN recorded THEN gotk_reconcile_duration_seconds counts it under kind, name and namespace', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.recordReconcileDuration(repo, 2.5);
    const text = await metrics.render();
    assert.match(text, /# TYPE gotk_reconcile_duration_seconds histogram/);
    assert.equal(sample(text, 'gotk_reconcile_duration_seconds_count', { kind: 'GitRepository', name: 'podinfo', namespace: 'flux-system' }), 1);
    assert.equal(sample(text, 'gotk_reconcile_duration_seconds_sum', { kind: 'GitRepository', name: 'podinfo', namespace: 'flux-system' }), 2.5);
    assert.equal(sample(text, 'gotk_reconcile_duration_seconds_bucket', { ...repo, le: '1800' }), 1);
  });

  it('GIVEN a negative duration WHEN recorded THEN it is refused rather than skewing the histogram', () => {
    assert.throws(() => createMetrics({ processMetrics: false }).recordReconcileDuration(repo, -1), RangeError);
  });

  it('GIVEN Ready=False then Ready=True WHEN recorded THEN exactly one status series of the condition is 1', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.recordCondition(repo, { type: 'Ready', status: 'False' });
    let text = await metrics.render();
    assert.equal(sample(text, MetricName.ReconcileCondition, { ...repo, type: 'Ready', status: 'False' }), 1);
    assert.equal(sample(text, MetricName.ReconcileCondition, { ...repo, type: 'Ready', status: 'True' }), 0);
    assert.equal(sample(text, MetricName.ReconcileCondition, { ...repo, type: 'Ready', status: 'Unknown' }), 0);

    metrics.recordCondition(repo, { type: 'Ready', status: 'True' });
    text = await metrics.render();
    assert.equal(sample(text, MetricName.ReconcileCondition, { ...repo, type: 'Ready', status: 'False' }), 0);
    assert.equal(sample(text, MetricName.ReconcileCondition, { ...repo, type: 'Ready', status: 'True' }), 1);
  });

  it('GIVEN a suspended object WHEN recorded and resumed THEN gotk_suspend_status goes 1 then 0', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.recordSuspend(repo, true);
    assert.equal(sample(await metrics.render(), MetricName.SuspendStatus, repo), 1);
    metrics.recordSuspend(repo, false);
    assert.equal(sample(await metrics.render(), MetricName.SuspendStatus, repo), 0);
  });

  it('GIVEN two objects with metrics WHEN one is deleted THEN only its gotk series disappear', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const other = { ...repo, name: 'other' };
    for (const ref of [repo, other]) {
      metrics.recordCondition(ref, { type: 'Ready', status: 'True' });
      metrics.recordCondition(ref, { type: 'Reconciling', status: 'True' });
      metrics.recordSuspend(ref, false);
      metrics.recordReconcileDuration(ref, 0.2);
    }
    metrics.deleteObject(repo);
    const text = await metrics.render();
    assert.ok(!text.includes('name="podinfo"'), text);
    assert.equal(sample(text, MetricName.ReconcileCondition, { ...other, type: 'Reconciling', status: 'True' }), 1);
    assert.equal(sample(text, MetricName.SuspendStatus, other), 0);
    assert.equal(sample(text, 'gotk_reconcile_duration_seconds_count', other), 1);
  });

  it('GIVEN queue, cache and worker readings WHEN recorded THEN controller-runtime-style series report them', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.setQueueDepth('gitrepository', 7);
    metrics.incQueueAdds('gitrepository');
    metrics.incQueueAdds('gitrepository');
    metrics.incQueueRetries('gitrepository');
    metrics.setCacheSize('GitRepository', 1000);
    metrics.setActiveWorkers('gitrepository', 2);
    metrics.setMaxConcurrentReconciles('gitrepository', 4);
    metrics.recordReconcileResult('gitrepository', ReconcileResult.Success);
    metrics.recordReconcileResult('gitrepository', ReconcileResult.Error);
    const text = await metrics.render();
    const q = { controller: 'gitrepository', name: 'gitrepository' };
    assert.equal(sample(text, 'workqueue_depth', q), 7);
    assert.equal(sample(text, 'workqueue_adds_total', q), 2);
    assert.equal(sample(text, 'workqueue_retries_total', q), 1);
    assert.equal(sample(text, 'conflux_watch_cache_objects', { kind: 'GitRepository' }), 1000);
    assert.equal(sample(text, 'controller_runtime_active_workers', { controller: 'gitrepository' }), 2);
    assert.equal(sample(text, 'controller_runtime_max_concurrent_reconciles', { controller: 'gitrepository' }), 4);
    assert.equal(sample(text, 'controller_runtime_reconcile_total', { controller: 'gitrepository', result: 'success' }), 1);
    assert.equal(sample(text, 'controller_runtime_reconcile_total', { controller: 'gitrepository', result: 'error' }), 1);
    assert.equal(sample(text, 'controller_runtime_reconcile_errors_total', { controller: 'gitrepository' }), 1);
  });

  it('GIVEN two metric sets in one process WHEN both record THEN their registries stay separate', async () => {
    const a = createMetrics({ processMetrics: false });
    const b = createMetrics({ processMetrics: false });
    a.recordSuspend(repo, true);
    assert.equal(sample(await a.render(), MetricName.SuspendStatus, repo), 1);
    assert.equal(sample(await b.render(), MetricName.SuspendStatus, repo), undefined);
  });

  it('GIVEN process metrics enabled WHEN rendered THEN Node process, heap and event-loop metrics are present', async () => {
    const text = await createMetrics().render();
    for (const name of ['process_resident_memory_bytes', 'process_cpu_seconds_total', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds']) {
      assert.match(text, new RegExp(`^${name} `, 'm'), name);
    }
  });
});
