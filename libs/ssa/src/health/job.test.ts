import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '@conflux/runtime';
import { computeStatus } from './status.ts';

const job = (status: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'migrate', namespace: 'a', generation: 1 },
  spec,
  status,
});

describe('computeStatus: Job (Flux rule)', () => {
  it('GIVEN a completed Job WHEN assessed THEN Current', () => {
    assert.equal(computeStatus(job({ succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] })).status, 'Current');
  });

  it('GIVEN a started but unfinished Job WHEN assessed THEN InProgress, unlike plain kstatus', () => {
    assert.equal(computeStatus(job({ startTime: '2026-01-01T00:00:00Z', active: 1 })).status, 'InProgress');
  });

  it('GIVEN a failed Job WHEN assessed THEN Failed', () => {
    const r = computeStatus(job({ failed: 6, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] }));
    assert.equal(r.status, 'Failed');
    assert.match(r.message, /backoff limit/);
  });

  it('GIVEN a suspended Job WHEN assessed THEN Current', () => {
    assert.equal(computeStatus(job({}, { suspend: true })).status, 'Current');
  });
});
