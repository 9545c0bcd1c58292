import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '@conflux/runtime';
import { computeStatus } from './status.ts';

const rs = (status: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web-1', namespace: 'a', generation: 1 },
  spec: { replicas: 2 },
  status: { observedGeneration: 1, ...status },
});
const done = { replicas: 2, fullyLabeledReplicas: 2, availableReplicas: 2, readyReplicas: 2 };

describe('computeStatus: ReplicaSet', () => {
  it('GIVEN all replicas labelled, available and ready WHEN assessed THEN Current', () => {
    assert.equal(computeStatus(rs(done)).status, 'Current');
  });

  it('GIVEN a ReplicaFailure or missing replicas WHEN assessed THEN InProgress', () => {
    assert.equal(computeStatus(rs({ ...done, conditions: [{ type: 'ReplicaFailure', status: 'True', message: 'quota' }] })).message, 'Replica failure: quota');
    assert.equal(computeStatus(rs({ ...done, availableReplicas: 1 })).message, 'Available: 1/2');
    assert.equal(computeStatus(rs({ ...done, replicas: 3 })).message, 'Pending termination: 1');
  });
});
