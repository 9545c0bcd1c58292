import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyLess, marshalYAML } from './yaml.ts';

describe('toYaml (go-yaml v2 through JSON)', () => {
  it('GIVEN nested values WHEN marshalled THEN sequences sit at their key and maps indent by two', () => {
    assert.equal(marshalYAML({ b: ['x', { c: 1n }], a: { d: 'e' }, e: [], f: {} }), 'a:\n  d: e\nb:\n- x\n- c: 1\ne: []\nf: {}\n');
  });

  it('GIVEN strings that YAML 1.1 would read as something else WHEN marshalled THEN they are double-quoted', () => {
    assert.equal(marshalYAML(['true', 'yes', '1', '0755', '', '~', '2021-01-01']), '- "true"\n- "yes"\n- "1"\n- "0755"\n- ""\n- "~"\n- "2021-01-01"\n');
  });

  it('GIVEN strings with indicators WHEN marshalled THEN they are single-quoted; multi-line ones are literal blocks', () => {
    assert.equal(marshalYAML({ a: 'a: b', b: '- x', c: 'x\ny', d: 'x\n' }), "a: 'a: b'\nb: '- x'\nc: |-\n  x\n  y\nd: |\n  x\n");
  });

  it('GIVEN numbers WHEN marshalled THEN whole floats become ints as JSON reads them, others keep Go\'s %g', () => {
    assert.equal(marshalYAML([1000000, 1.5, 1500000.5]), '- 1000000\n- 1.5\n- 1.5000005e+06\n');
  });

  it('GIVEN keys with digits WHEN sorted THEN digit runs compare as numbers', () => {
    assert.deepEqual(['a10', 'a9', 'b', 'A'].sort((x, y) => (keyLess(x, y) ? -1 : keyLess(y, x) ? 1 : 0)), ['A', 'a9', 'a10', 'b']);
  });
});
