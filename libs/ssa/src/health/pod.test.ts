import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '@conflux/runtime';
import { computeStatus } from './status.ts';

const created = '2026-01-01T00:00:00Z';
const at = (seconds: number) => Date.parse(created) + seconds * 1000;
const pod = (status: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'a', creationTimestamp: created }, status });

describe('computeStatus: Pod', () => {
  it('GIVEN a running pod that is Ready WHEN assessed THEN Current', () => {
    assert.equal(computeStatus(pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] })).status, 'Current');
  });

  it('GIVEN a pod that finished, successfully or not WHEN assessed THEN Current', () => {
    assert.equal(computeStatus(pod({ phase: 'Succeeded' })).status, 'Current');
    assert.equal(computeStatus(pod({ phase: 'Failed' })).status, 'Current');
  });

  it('GIVEN a container in CrashLoopBackOff WHEN assessed THEN Failed naming the container', () => {
    const r = computeStatus(pod({ phase: 'Running', containerStatuses: [{ name: 'app', state: { waiting: { reason: 'CrashLoopBackOff' } } }] }));
    assert.deepEqual(r, { status: 'Failed', message: 'Container app is in CrashLoopBackOff' });
  });

  it('GIVEN an unschedulable pending pod WHEN more than 15 s old THEN Failed, and InProgress before', () => {
    const p = pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes' }] });
    assert.equal(computeStatus(p, at(5)).status, 'InProgress');
    assert.equal(computeStatus(p, at(20)).status, 'Failed');
  });

  it('GIVEN a running pod not yet Ready or a pod without phase WHEN assessed THEN InProgress', () => {
    assert.equal(computeStatus(pod({ phase: 'Running' })).message, 'Pod is running but is not Ready');
    assert.equal(computeStatus(pod({})).status, 'InProgress');
  });
});
