import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inventoryId, objectRefOf, parseInventoryId, subjectOf } from './object-ref.ts';

describe('inventory ids', () => {
  it('GIVEN namespaced, core and cluster-scoped objects WHEN given ids THEN they read as upstream writes them', () => {
    assert.equal(inventoryId({ group: '', version: 'v1', kind: 'Service', namespace: 'default', name: 'podinfo' }), 'default_podinfo__Service');
    assert.equal(inventoryId({ group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'default', name: 'podinfo' }), 'default_podinfo_apps_Deployment');
    assert.equal(inventoryId({ group: '', version: 'v1', kind: 'Namespace', namespace: '', name: 'ns1' }), '_ns1__Namespace');
  });

  it('GIVEN an RBAC name with colons WHEN given an id THEN each colon becomes a double underscore, and parsing restores it', () => {
    const ref = { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', namespace: '', name: 'system:flux:view' };
    const id = inventoryId(ref);
    assert.equal(id, '_system__flux__view_rbac.authorization.k8s.io_ClusterRole');
    assert.deepEqual(parseInventoryId(id, 'v1'), ref);
  });

  it('GIVEN ids of every shape WHEN parsed THEN the refs round-trip with the given version', () => {
    for (const ref of [
      { group: '', version: 'v1', kind: 'Service', namespace: 'default', name: 'podinfo' },
      { group: '', version: 'v1', kind: 'Namespace', namespace: '', name: 'apps' },
      { group: 'source.toolkit.fluxcd.io', version: 'v1', kind: 'GitRepository', namespace: 'flux-system', name: 'podinfo.v2' },
    ]) {
      assert.deepEqual(parseInventoryId(inventoryId(ref), ref.version), ref);
    }
  });

  it('GIVEN a malformed id WHEN parsed THEN it is refused', () => {
    assert.throws(() => parseInventoryId('no-separators', 'v1'), /invalid inventory id/);
    assert.throws(() => parseInventoryId('ns_name', 'v1'), /invalid inventory id/);
  });
});

describe('objectRefOf and subjectOf', () => {
  it('GIVEN objects WHEN described THEN the subject is Kind/ns/name or Kind/name', () => {
    const dep = objectRefOf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'prod' } });
    assert.deepEqual(dep, { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'prod', name: 'web' });
    assert.equal(subjectOf(dep), 'Deployment/prod/web');
    assert.equal(subjectOf(objectRefOf({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } })), 'Namespace/prod');
  });
});
