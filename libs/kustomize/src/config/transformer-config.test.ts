import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyConfig, isEmptyConfig, mergeConfig, parseTransformerConfig } from './transformer-config.ts';

describe('transformer configuration', () => {
  it('GIVEN a configurations file WHEN parsed THEN field specs and name references are read', () => {
    const c = parseTransformerConfig('nameReference:\n- kind: Secret\n  fieldSpecs:\n  - kind: W\n    path: spec/secretRef/name\ncommonLabels:\n- kind: W\n  path: spec/sel\n  create: true\n', 'c.yaml');
    assert.deepEqual(c.nameReference, [{ kind: 'Secret', fieldSpecs: [{ kind: 'W', path: 'spec/secretRef/name' }] }]);
    assert.deepEqual(c.commonLabels, [{ kind: 'W', path: 'spec/sel', create: true }]);
  });
  it('GIVEN an unknown key WHEN parsed THEN it fails, as kustomize decodes strictly', () => {
    assert.throws(() => parseTransformerConfig('bogus: []\n', 'c.yaml'), /unknown field "bogus"/);
  });
  it('GIVEN two configs naming the same target WHEN merged THEN referrers are unioned without duplicates', () => {
    const a = parseTransformerConfig('nameReference:\n- kind: Secret\n  fieldSpecs:\n  - {kind: W, path: a}\n', 'a');
    const b = parseTransformerConfig('nameReference:\n- kind: Secret\n  fieldSpecs:\n  - {kind: W, path: a}\n  - {kind: W, path: b}\n', 'b');
    assert.deepEqual(mergeConfig(a, b).nameReference[0]?.fieldSpecs.map((s) => s.path), ['a', 'b']);
  });
  it('GIVEN the same field with different create flags WHEN merged THEN they conflict', () => {
    const a = parseTransformerConfig('images:\n- {path: x, create: true}\n', 'a');
    const b = parseTransformerConfig('images:\n- {path: x}\n', 'b');
    assert.throws(() => mergeConfig(a, b), /conflicting fieldspecs/);
  });
  it('GIVEN an empty config WHEN checked THEN it is empty', () => {
    assert.ok(isEmptyConfig(emptyConfig()));
  });
});
