// The generic kstatus rules, and custom resources with Ready/Reconciling/Stalled conditions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '@conflux/runtime';
import { computeStatus } from './status.ts';

const cr = (status?: Record<string, unknown>, meta: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: { name: 'apps', namespace: 'flux-system', generation: 2, ...meta },
  ...(status ? { status } : {}),
});
const cond = (type: string, status: string, message = '') => ({ type, status, reason: 'R', message });

describe('computeStatus: generic rules', () => {
  it('GIVEN a deletion timestamp WHEN assessed THEN it is Terminating, whatever else it says', () => {
    assert.equal(computeStatus(cr({ conditions: [cond('Ready', 'True')] }, { deletionTimestamp: '2026-01-01T00:00:00Z' })).status, 'Terminating');
  });

  it('GIVEN an observedGeneration behind the generation WHEN assessed THEN it is InProgress even if Ready', () => {
    const r = computeStatus(cr({ observedGeneration: 1, conditions: [cond('Ready', 'True')] }));
    assert.equal(r.status, 'InProgress');
    assert.match(r.message, /generation is 2, but the latest observed generation is 1/);
  });

  it('GIVEN Reconciling=True WHEN assessed THEN it is InProgress with that message', () => {
    assert.deepEqual(computeStatus(cr({ observedGeneration: 2, conditions: [cond('Reconciling', 'True', 'Building manifests')] })), { status: 'InProgress', message: 'Building manifests' });
  });

  it('GIVEN Stalled=True WHEN assessed THEN it is Failed', () => {
    assert.equal(computeStatus(cr({ observedGeneration: 2, conditions: [cond('Stalled', 'True', 'invalid CEL')] })).status, 'Failed');
  });

  it('GIVEN Ready=True, Ready=False and Ready=Unknown WHEN assessed THEN Current, InProgress and InProgress', () => {
    assert.equal(computeStatus(cr({ observedGeneration: 2, conditions: [cond('Ready', 'True')] })).status, 'Current');
    assert.equal(computeStatus(cr({ observedGeneration: 2, conditions: [cond('Ready', 'False', 'health check failed')] })).status, 'InProgress');
    assert.equal(computeStatus(cr({ observedGeneration: 2, conditions: [cond('Ready', 'Unknown')] })).status, 'InProgress');
  });

  it('GIVEN a custom resource without status or conditions WHEN assessed THEN it is Current at once', () => {
    assert.equal(computeStatus(cr()).status, 'Current');
    assert.equal(computeStatus({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }).status, 'Current');
  });
});
