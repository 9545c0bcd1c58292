import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configFromCRDs } from './crds.ts';

const defs = {
  'x/v1.Bee': { Schema: { properties: { apiVersion: {}, kind: {}, metadata: {}, spec: { $ref: 'x/v1.BeeSpec' } } } },
  'x/v1.BeeSpec': { Schema: { properties: {
    secret: { 'x-kubernetes-object-ref-api-version': 'v1', 'x-kubernetes-object-ref-kind': 'Secret', 'x-kubernetes-object-ref-name-key': 'key' },
    sel: { 'x-kubernetes-label-selector': '' },
    notes: { 'x-kubernetes-annotation': '' },
    loop: { $ref: 'x/v1.BeeSpec' },
  } } },
  'x/v1.NotAKind': { Schema: { properties: { a: { 'x-kubernetes-annotation': '' } } } },
};

describe('crds', () => {
  it('GIVEN OpenAPI definitions with extensions WHEN loaded THEN the kind gains references, selectors and annotations, and a self-reference stops', () => {
    const c = configFromCRDs(JSON.stringify(defs), 'bee.json');
    assert.deepEqual(c.nameReference, [{ kind: 'Secret', version: 'v1', fieldSpecs: [{ kind: 'Bee', path: 'spec/secret/key' }] }]);
    assert.deepEqual(c.commonLabels, [{ kind: 'Bee', path: 'spec/sel' }]);
    assert.deepEqual(c.commonAnnotations.map((s) => s.path), ['spec/notes']);
  });
});
