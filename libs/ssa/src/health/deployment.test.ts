import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '@conflux/runtime';
import { computeStatus } from './status.ts';

const deployment = (status: Record<string, unknown>, spec: Record<string, unknown> = { replicas: 2, progressDeadlineSeconds: 600 }): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'a', generation: 3 },
  spec,
  status: { observedGeneration: 3, ...status },
});
const rolledOut = { replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 };
const complete = [
  { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
  { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
];

describe('computeStatus: Deployment', () => {
  it('GIVEN every replica updated, ready and available and the rollout complete WHEN assessed THEN Current', () => {
    assert.equal(computeStatus(deployment({ ...rolledOut, conditions: complete })).status, 'Current');
  });

  it('GIVEN a fresh Deployment without status WHEN assessed THEN InProgress on replicas', () => {
    const d = deployment({});
    delete d.status;
    assert.deepEqual(computeStatus(d), { status: 'InProgress', message: 'Replicas: 0/2' });
  });

  it('GIVEN a rollout part-way WHEN assessed THEN InProgress says which counter lags', () => {
    assert.equal(computeStatus(deployment({ ...rolledOut, updatedReplicas: 1, conditions: complete })).message, 'Updated: 1/2');
    assert.equal(computeStatus(deployment({ ...rolledOut, replicas: 3, conditions: complete })).message, 'Pending termination: 1');
    assert.equal(computeStatus(deployment({ ...rolledOut, availableReplicas: 1, conditions: complete })).message, 'Available: 1/2');
    assert.equal(computeStatus(deployment({ ...rolledOut, readyReplicas: 1, conditions: complete })).message, 'Ready: 1/2');
  });

  it('GIVEN counters complete but the rollout not reported complete WHEN assessed THEN InProgress', () => {
    assert.equal(computeStatus(deployment({ ...rolledOut, conditions: [complete[0]] })).status, 'InProgress');
    assert.equal(computeStatus(deployment({ ...rolledOut, conditions: [complete[1]] })).message, 'Deployment not available');
  });

  it('GIVEN no progress deadline WHEN the counters and Available are complete THEN Current without Progressing', () => {
    assert.equal(computeStatus(deployment({ ...rolledOut, conditions: [complete[0]] }, { replicas: 2 })).status, 'Current');
  });

  it('GIVEN ProgressDeadlineExceeded WHEN assessed THEN Failed', () => {
    const r = computeStatus(deployment({ conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'timed out' }] }));
    assert.equal(r.status, 'Failed');
    assert.match(r.message, /Progress deadline exceeded/);
  });

  it('GIVEN replicas defaulted to 1 WHEN one replica is up THEN Current', () => {
    const d = deployment({ replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1, conditions: complete }, {});
    assert.equal(computeStatus(d).status, 'Current');
  });
});
