import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeObject } from './normalize.ts';

const owner = { 'kustomize.toolkit.fluxcd.io/name': 'apps', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system' };

describe('normalizeObject', () => {
  it('GIVEN an object with status and labels WHEN normalized THEN status is gone, owner labels added, and the input untouched', () => {
    const input = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { app: 'x' } }, status: { a: 1 } };
    const out = normalizeObject(input, owner);
    assert.equal(out.status, undefined);
    assert.deepEqual(out.metadata.labels, { app: 'x', ...owner });
    assert.deepEqual(input.status, { a: 1 });
  });

  it('GIVEN a CRD with status WHEN normalized THEN the status stays', () => {
    assert.deepEqual(normalizeObject({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'x' }, status: { a: 1 } }, owner).status, { a: 1 });
  });

  it('GIVEN a Secret with stringData WHEN normalized THEN it is folded into base64 data', () => {
    const out = normalizeObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'YQ==' }, stringData: { b: 'bee' } }, owner);
    assert.deepEqual(out['data'], { a: 'YQ==', b: 'YmVl' });
    assert.equal(out['stringData'], undefined);
  });

  it('GIVEN ports without a protocol on built-in kinds WHEN normalized THEN TCP is filled in, but not on custom resources', () => {
    const svc = normalizeObject({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] } }, owner);
    assert.deepEqual(svc.spec?.['ports'], [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }]);
    const podSpec = { containers: [{ name: 'c', ports: [{ containerPort: 8080 }] }] };
    const cron = normalizeObject({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'j' }, spec: { jobTemplate: { spec: { template: { spec: structuredClone(podSpec) } } } } }, owner);
    assert.equal(JSON.stringify(cron).includes('"protocol":"TCP"'), true);
    const custom = normalizeObject({ apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 't' }, spec: { template: { spec: structuredClone(podSpec) } } }, owner);
    assert.equal(JSON.stringify(custom).includes('protocol'), false);
  });
});
