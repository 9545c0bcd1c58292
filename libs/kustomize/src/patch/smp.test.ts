import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { schemaFor } from './schema.ts';
import { strategicMerge } from './smp.ts';

const deploy = (containers: unknown[]) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: { containers } } } });

describe('strategic merge', () => {
  it('GIVEN a patch of the second container WHEN merged THEN it moves first, as kustomize orders it', () => {
    const target = deploy([{ name: 'a' }, { name: 'b' }]);
    const out = strategicMerge(target, deploy([{ name: 'b', image: 'x' }, { name: 'c' }]), schemaFor(target));
    assert.deepEqual((out as ReturnType<typeof deploy>).spec.template.spec.containers, [{ name: 'b', image: 'x' }, { name: 'c' }, { name: 'a' }]);
  });
  it('GIVEN a custom resource WHEN a list is patched THEN it is replaced wholesale', () => {
    const target = { apiVersion: 'x/v1', kind: 'W', metadata: { name: 'w' }, spec: { items: [{ name: 'a' }, { name: 'b' }] } };
    const out = strategicMerge(target, { spec: { items: [{ name: 'b', v: 1 }] } }, schemaFor(target));
    assert.deepEqual(out?.['spec'], { items: [{ name: 'b', v: 1 }] });
  });
  it('GIVEN $patch: delete at the root WHEN merged THEN the object is gone', () => {
    assert.equal(strategicMerge(deploy([]), { $patch: 'delete' }, undefined), undefined);
  });
  it('GIVEN a null WHEN merged THEN the field is removed', () => {
    assert.deepEqual(strategicMerge({ a: 1, b: 2 }, { a: null }, undefined), { b: 2 });
  });
});

describe('strategic merge: directives kyaml leaves alone', () => {
  it('GIVEN $setElementOrder and $retainKeys WHEN merged THEN they are copied as fields and do not reorder or prune', () => {
    const target = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
    const out = strategicMerge(target, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, schemaFor(target));
    assert.deepEqual(out?.['spec'], { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 }, $retainKeys: ['type'] } });
  });
  it('GIVEN ports keyed on port and protocol WHEN a patch element lacks the protocol THEN the target element wins unchanged', () => {
    const target = deploy([{ name: 'a', ports: [{ containerPort: 80, protocol: 'TCP' }] }]);
    const out = strategicMerge(target, deploy([{ name: 'a', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 90 }] }]), schemaFor(target));
    assert.deepEqual((out as ReturnType<typeof deploy>).spec.template.spec.containers[0], { name: 'a', ports: [{ containerPort: 90 }, { containerPort: 80, protocol: 'TCP' }] });
  });
});

describe('strategic merge: $patch delete in lists keyed on two fields', () => {
  it('GIVEN a full key WHEN deleted THEN only that element goes; GIVEN a partial key THEN nothing is deleted', () => {
    const target = deploy([{ name: 'a', ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 80, protocol: 'UDP' }, { containerPort: 90, protocol: 'TCP' }] }]);
    const patch = deploy([{ name: 'a', ports: [{ containerPort: 80, protocol: 'UDP', $patch: 'delete' }, { containerPort: 90, $patch: 'delete' }] }]);
    const out = strategicMerge(target, patch, schemaFor(target));
    assert.deepEqual((out as ReturnType<typeof deploy>).spec.template.spec.containers[0], {
      name: 'a', ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 90, protocol: 'TCP' }],
    });
  });
});
