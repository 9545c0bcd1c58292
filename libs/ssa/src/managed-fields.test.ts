import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '@conflux/runtime';
import { type JsonPatchOperation, takeOverPatch } from './managed-fields.ts';

const obj = (managedFields: KubeObject['metadata']['managedFields'], annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', namespace: 'a', managedFields, ...(annotations ? { annotations } : {}) },
});

describe('takeOverPatch', () => {
  it('GIVEN only our own apply entry and status entries WHEN checked THEN there is nothing to take over', () => {
    const o = obj([
      { manager: 'kustomize-controller', operation: 'Apply', apiVersion: 'v1', fieldsV1: { 'f:data': {} } },
      { manager: 'kube-controller-manager', operation: 'Update', subresource: 'status', fieldsV1: { 'f:status': {} } },
      { manager: 'flux-client-side-apply', operation: 'Update', fieldsV1: { 'f:data': { 'f:x': {} } } },
    ]);
    assert.equal(takeOverPatch(o, 'kustomize-controller'), undefined);
  });

  it('GIVEN kubectl edits WHEN taken over THEN their fields merge into our apply entry and others stay', () => {
    const o = obj([
      { manager: 'kustomize-controller', operation: 'Apply', apiVersion: 'v1', fieldsV1: { 'f:data': { 'f:key': {} } } },
      { manager: 'kubectl-edit', operation: 'Update', apiVersion: 'v1', fieldsV1: { 'f:data': { 'f:extra': {} }, 'f:metadata': { 'f:labels': { 'f:x': {} } } } },
      { manager: 'helm', operation: 'Update', apiVersion: 'v1', fieldsV1: { 'f:data': { 'f:helm': {} } } },
    ]);
    const patch = takeOverPatch(o, 'kustomize-controller', ['helm']) as JsonPatchOperation[];
    assert.equal(patch.length, 1);
    const [entry, ...rest] = patch[0]!.value as Array<{ manager: string; operation: string; fieldsV1: unknown }>;
    assert.equal(rest.length, 0);
    assert.equal(entry!.manager, 'kustomize-controller');
    assert.equal(entry!.operation, 'Apply');
    assert.deepEqual(entry!.fieldsV1, { 'f:data': { 'f:key': {}, 'f:extra': {}, 'f:helm': {} }, 'f:metadata': { 'f:labels': { 'f:x': {} } } });
  });

  it('GIVEN leftovers of client-side apply WHEN taken over THEN the annotation is removed', () => {
    const o = obj([], { 'kubectl.kubernetes.io/last-applied-configuration': '{}', keep: 'me' });
    assert.deepEqual(takeOverPatch(o, 'kustomize-controller'), [{ op: 'remove', path: '/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration' }]);
  });
});
