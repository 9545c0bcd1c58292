import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeStatus } from './status.ts';

describe('computeStatus: PersistentVolumeClaim', () => {
  it('GIVEN a Bound claim WHEN assessed THEN Current, and a Pending one InProgress', () => {
    const pvc = (phase: string) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'a' }, status: { phase } });
    assert.equal(computeStatus(pvc('Bound')).status, 'Current');
    assert.deepEqual(computeStatus(pvc('Pending')), { status: 'InProgress', message: 'PVC is not Bound. phase: Pending' });
  });
});

describe('computeStatus: Service', () => {
  const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'a' }, spec, status });

  it('GIVEN a ClusterIP Service WHEN assessed THEN Current', () => {
    assert.equal(computeStatus(svc({ type: 'ClusterIP', clusterIP: '10.0.0.1' })).status, 'Current');
  });

  it('GIVEN a LoadBalancer without a cluster IP WHEN assessed THEN InProgress; with one but no ingress THEN Current, as upstream', () => {
    assert.deepEqual(computeStatus(svc({ type: 'LoadBalancer' })), { status: 'InProgress', message: 'ClusterIP not set' });
    assert.equal(computeStatus(svc({ type: 'LoadBalancer', clusterIP: '10.0.0.2' }, { loadBalancer: {} })).status, 'Current');
  });
});

describe('computeStatus: Namespace', () => {
  it('GIVEN an Active namespace WHEN assessed THEN Current, and a Terminating one Terminating', () => {
    const ns = (phase: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' }, status: { phase } });
    assert.equal(computeStatus(ns('Active')).status, 'Current');
    assert.equal(computeStatus(ns('Terminating')).status, 'Terminating');
  });
});
