import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recordHistory } from './history.ts';

const attempt = (digest: string, status: string, second: number) => ({
  digest,
  status,
  durationMs: 1500,
  metadata: { revision: `main@sha1:${digest}` },
  at: new Date(Date.UTC(2024, 0, 1, 0, 0, second)),
});

describe('recordHistory', () => {
  it('GIVEN an empty history WHEN a reconcile succeeds THEN one snapshot records it', () => {
    const h = recordHistory(undefined, attempt('a', 'ReconciliationSucceeded', 1));
    assert.deepEqual(h, [
      {
        digest: 'a',
        firstReconciled: '2024-01-01T00:00:01Z',
        lastReconciled: '2024-01-01T00:00:01Z',
        lastReconciledDuration: '1.5s',
        lastReconciledStatus: 'ReconciliationSucceeded',
        totalReconciliations: 1,
        metadata: { revision: 'main@sha1:a' },
      },
    ]);
  });

  it('GIVEN the same digest and outcome again THEN the snapshot is counted, not duplicated', () => {
    let h = recordHistory(undefined, attempt('a', 'ReconciliationSucceeded', 1));
    h = recordHistory(h, attempt('a', 'ReconciliationSucceeded', 9));
    assert.equal(h.length, 1);
    assert.equal(h[0]!.totalReconciliations, 2);
    assert.equal(h[0]!.firstReconciled, '2024-01-01T00:00:01Z');
    assert.equal(h[0]!.lastReconciled, '2024-01-01T00:00:09Z');
  });

  it('GIVEN seven distinct outcomes THEN the five newest are kept, newest first', () => {
    let h = recordHistory(undefined, attempt('d0', 'ReconciliationSucceeded', 0));
    for (let i = 1; i < 7; i++) h = recordHistory(h, attempt(`d${i}`, i % 2 ? 'HealthCheckFailed' : 'ReconciliationSucceeded', i));
    assert.deepEqual(h.map((s) => s.digest), ['d6', 'd5', 'd4', 'd3', 'd2']);
  });

  it('GIVEN the same digest with a different outcome THEN it is a separate snapshot', () => {
    let h = recordHistory(undefined, attempt('a', 'HealthCheckFailed', 1));
    h = recordHistory(h, attempt('a', 'ReconciliationSucceeded', 2));
    assert.deepEqual(h.map((s) => s.lastReconciledStatus), ['ReconciliationSucceeded', 'HealthCheckFailed']);
  });
});
