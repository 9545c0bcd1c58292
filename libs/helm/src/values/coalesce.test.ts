import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coalesceValues, mergeMaps, mergeValues, type ValuesChart } from './coalesce.ts';

const sub: ValuesChart = { metadata: { name: 'sub' }, values: { x: 1, keep: 'sub', global: { g: 'sub' } }, dependencies: [] };
const parent: ValuesChart = { metadata: { name: 'p' }, values: { a: { b: 1, c: 2 }, gone: 1, global: { g: 'parent' } }, dependencies: [sub] };

describe('coalesceValues', () => {
  it('GIVEN a user null over a default WHEN coalesced THEN the key is deleted, but kept when merging', () => {
    assert.deepEqual(coalesceValues(parent, { gone: null }).gone, undefined);
    assert.equal(mergeValues(parent, { gone: null }).gone, null);
  });
  it('GIVEN nested user maps WHEN coalesced THEN maps merge with the user winning', () => {
    assert.deepEqual(coalesceValues(parent, { a: { c: 9, d: 4 } }).a, { b: 1, c: 9, d: 4 });
  });
  it('GIVEN a subchart WHEN coalesced THEN it gets its defaults and the parent globals win', () => {
    const v = coalesceValues(parent, { sub: { keep: 'user' } });
    assert.deepEqual(v.sub, { x: 1, keep: 'user', global: { g: 'parent' } });
  });
  it('GIVEN a non-map user value for a subchart WHEN coalesced THEN it is a type mismatch', () => {
    assert.throws(() => coalesceValues(parent, { sub: 'x' }), /type mismatch on sub/);
  });
  it('GIVEN two values files WHEN merged THEN the later wins and maps merge', () => {
    assert.deepEqual(mergeMaps({ a: { x: 1 }, l: [1] }, { a: { y: 2 }, l: [2] }), { a: { x: 1, y: 2 }, l: [2] });
  });
});
