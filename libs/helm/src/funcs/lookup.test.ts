import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type LookupClient, lookupFuncs } from './lookup.ts';

describe('lookup', () => {
  it('GIVEN no cluster WHEN looked up THEN the answer is an empty map, as in helm template', () => {
    assert.deepEqual(lookupFuncs().lookup!.fn('v1', 'Secret', 'ns', 'x'), {});
  });

  it('GIVEN a client WHEN looked up THEN it receives the four arguments and its object is returned', () => {
    const seen: string[][] = [];
    const client: LookupClient = {
      lookup: (...args) => {
        seen.push(args);
        return args[3] === 'found' ? { kind: 'ConfigMap', data: { k: 'v' } } : undefined;
      },
    };
    const f = lookupFuncs(client).lookup!;
    assert.deepEqual(f.fn('v1', 'ConfigMap', 'ns', 'found'), { kind: 'ConfigMap', data: { k: 'v' } });
    assert.deepEqual(f.fn('v1', 'ConfigMap', 'ns', 'missing'), {});
    assert.deepEqual(seen, [['v1', 'ConfigMap', 'ns', 'found'], ['v1', 'ConfigMap', 'ns', 'missing']]);
  });
});
