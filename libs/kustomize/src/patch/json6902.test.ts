import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyJsonPatch } from './json6902.ts';

describe('JSON 6902', () => {
  it('GIVEN escaped pointers and an append WHEN applied THEN the document changes in order', () => {
    const doc: Record<string, unknown> = { metadata: { annotations: {} }, list: [1] };
    applyJsonPatch(doc, [
      { op: 'add', path: '/metadata/annotations/a~1b', value: 'x' },
      { op: 'add', path: '/list/-', value: 2 },
      { op: 'move', from: '/list/0', path: '/first' },
    ], {});
    assert.deepEqual(doc, { metadata: { annotations: { 'a/b': 'x' } }, list: [2], first: 1 });
  });
  it('GIVEN a failing test op WHEN applied THEN it throws naming the path', () => {
    assert.throws(() => applyJsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }], { file: 'k.yaml' }), /k\.yaml: test operation on "\/a"/);
  });
});
