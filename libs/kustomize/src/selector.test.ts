import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileSelector, parseLabelSelector } from './selector.ts';

describe('selectors', () => {
  it('GIVEN set-based terms WHEN matched THEN each term must hold', () => {
    const sel = parseLabelSelector('app in (a, b),tier!=db,!legacy');
    assert.equal(sel({ app: 'a', tier: 'web' }), true);
    assert.equal(sel({ app: 'a', tier: 'db' }), false);
    assert.equal(sel({ app: 'c' }), false);
    assert.equal(sel({ app: 'b', legacy: '' }), false);
  });
  it('GIVEN a renamed object WHEN selected by its original name THEN it matches, and the regex is anchored', () => {
    const res = { obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'p-cm' } }, previous: [{ name: 'cm', namespace: '' }] };
    assert.equal(compileSelector({ name: 'cm' }, {})(res), true);
    assert.equal(compileSelector({ name: 'c' }, {})(res), false);
  });
});
