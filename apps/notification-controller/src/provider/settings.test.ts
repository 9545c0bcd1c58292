import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHeaders } from './settings.ts';

describe('parseHeaders', () => {
  it('GIVEN a YAML map with quotes and comments WHEN parsed THEN each header is read as a string', () => {
    assert.deepEqual(parseHeaders('X-Team: platform\n# a comment\n"X-Quoted": "a: b"\nX-Single: \'it\'\'s\'\nX-Num: 42 # trailing\n'), {
      'X-Team': 'platform',
      'X-Quoted': 'a: b',
      'X-Single': "it's",
      'X-Num': '42',
    });
  });

  it('GIVEN JSON (which is YAML) WHEN parsed THEN it is read too', () => {
    assert.deepEqual(parseHeaders('{"A": "1", "B": 2}'), { A: '1', B: '2' });
  });

  it('GIVEN a line that is no key: value WHEN parsed THEN it fails naming the line', () => {
    assert.throws(() => parseHeaders('just text'), /cannot read "just text"/);
  });
});
