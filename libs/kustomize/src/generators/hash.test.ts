import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentHash, goJSON, hashInput } from './hash.ts';

describe('hash suffix', () => {
  it('GIVEN HTML characters WHEN encoded THEN they are escaped as Go does', () => {
    assert.equal(goJSON({ b: '<a&b>', a: 1 }), '{"a":1,"b":"\\u003ca\\u0026b\\u003e"}');
  });
  it('GIVEN two ConfigMaps differing only in name WHEN hashed THEN the hash is the same (kustomize hashes an empty name)', () => {
    const a = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { k: 'v' } };
    const b = { ...a, metadata: { name: 'b' } };
    assert.equal(contentHash(a), contentHash(b));
    assert.equal(hashInput(a), '{"data":{"k":"v"},"kind":"ConfigMap","name":""}');
  });
  it('GIVEN different data WHEN hashed THEN the suffixes differ and avoid the digits 0, 1, 3 and letters a, e', () => {
    const h1 = contentHash({ kind: 'Secret', type: 'Opaque', data: { k: 'dg==' } });
    const h2 = contentHash({ kind: 'Secret', type: 'Opaque', data: { k: 'dw==' } });
    assert.notEqual(h1, h2);
    assert.match(h1, /^[2456789bcdfghkmt]{10}$/);
  });
});
