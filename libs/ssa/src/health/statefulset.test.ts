import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '@conflux/runtime';
import { computeStatus } from './status.ts';

const sts = (status: Record<string, unknown>, spec: Record<string, unknown> = { replicas: 3 }): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db', namespace: 'a', generation: 1 },
  spec,
  status: { observedGeneration: 1, ...status },
});
const done = { replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, currentRevision: 'db-1', updateRevision: 'db-1' };

describe('computeStatus: StatefulSet', () => {
  it('GIVEN all replicas ready on the update revision WHEN assessed THEN Current', () => {
    assert.equal(computeStatus(sts(done)).status, 'Current');
  });

  it('GIVEN replicas missing, not ready or on an old revision WHEN assessed THEN InProgress', () => {
    assert.equal(computeStatus(sts({ ...done, replicas: 2 })).message, 'Replicas: 2/3');
    assert.equal(computeStatus(sts({ ...done, readyReplicas: 1 })).message, 'Ready: 1/3');
    assert.equal(computeStatus(sts({ ...done, currentReplicas: 2 })).message, 'Current: 2/3');
    assert.equal(computeStatus(sts({ ...done, updateRevision: 'db-2' })).status, 'InProgress');
  });

  it('GIVEN the OnDelete strategy WHEN nothing is ready THEN Current, since nothing rolls out on its own', () => {
    assert.equal(computeStatus(sts({}, { replicas: 3, updateStrategy: { type: 'OnDelete' } })).status, 'Current');
  });

  it('GIVEN a partition WHEN the pods above it are updated THEN Current, and InProgress before', () => {
    const spec = { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } };
    assert.equal(computeStatus(sts({ ...done, updatedReplicas: 1, updateRevision: 'db-2' }, spec)).status, 'Current');
    assert.equal(computeStatus(sts({ ...done, updatedReplicas: 0, updateRevision: 'db-2' }, spec)).status, 'InProgress');
  });
});
