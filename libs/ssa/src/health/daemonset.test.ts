import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '@conflux/runtime';
import { computeStatus } from './status.ts';

const ds = (status: Record<string, unknown> | undefined): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'a', generation: 1 },
  ...(status ? { status } : {}),
});
const done = { observedGeneration: 1, desiredNumberScheduled: 2, currentNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 2, numberReady: 2 };

describe('computeStatus: DaemonSet', () => {
  it('GIVEN every node running the current pod WHEN assessed THEN Current', () => {
    assert.equal(computeStatus(ds(done)).status, 'Current');
  });

  it('GIVEN no observedGeneration or no desired number WHEN assessed THEN InProgress', () => {
    assert.equal(computeStatus(ds(undefined)).status, 'InProgress');
    const { desiredNumberScheduled: _d, ...noDesired } = done;
    assert.equal(computeStatus(ds(noDesired)).message, 'Missing status.desiredNumberScheduled');
  });

  it('GIVEN a lagging counter WHEN assessed THEN InProgress names it', () => {
    assert.equal(computeStatus(ds({ ...done, updatedNumberScheduled: 1 })).message, 'Updated: 1/2');
    assert.equal(computeStatus(ds({ ...done, numberReady: 0 })).message, 'Ready: 0/2');
  });
});
