import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { marshalTOML } from './toml.ts';

describe('toToml (BurntSushi/toml v1.6 encoder)', () => {
  it('GIVEN a map WHEN encoded THEN plain keys come first, then tables, blank lines only before top-level ones', () => {
    const v = { z: 1, m: { q: 'x', r: { s: [1, 2] } }, a: 'b', e: {} };
    assert.equal(marshalTOML(v), 'a = "b"\nz = 1.0\n\n[e]\n\n[m]\n  q = "x"\n  [m.r]\n    s = [1.0, 2.0]\n');
  });

  it('GIVEN a list of maps WHEN encoded THEN each becomes an [[array]] entry; a mixed list stays inline', () => {
    assert.equal(marshalTOML({ l: [{ x: 1n }, { y: 2n }] }), '[[l]]\n  x = 1\n\n[[l]]\n  y = 2\n');
    assert.equal(marshalTOML({ x: [{ a: 1n }, 2n] }), 'x = [{a = 1}, 2]\n');
  });

  it('GIVEN floats and odd keys WHEN encoded THEN %g gains .0 when bare and keys are quoted unless bare', () => {
    assert.equal(marshalTOML({ a: 1000000, b: 123456, c: -0, 'k y': 1e-5, '': 2 }), '"" = 2.0\na = 1e+06\nb = 123456.0\nc = -0.0\n"k y" = 1e-05\n');
  });

  it('GIVEN nil inside a list or a list of tables at the top WHEN encoded THEN the encoder error is the text', () => {
    assert.equal(marshalTOML({ n: [1n, null] }), 'toml: cannot encode array with nil element');
    assert.equal(marshalTOML([{ a: 1n }]), 'toml: top-level values must be Go maps or structs');
  });

  it('GIVEN nil map values and control characters WHEN encoded THEN nils vanish and controls are \\u escapes', () => {
    assert.equal(marshalTOML({ n: null, s: 'a\u0001"\\\n' }), 's = "a\\u0001\\"\\\\\\n"\n');
  });
});
