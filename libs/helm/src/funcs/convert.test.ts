import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeYAML, fromJson, fromJsonArray, fromYaml, fromYamlArray } from './convert.ts';
import { decodeJSON } from './gojson.ts';

describe('fromYaml / fromJson (Helm)', () => {
  it('GIVEN YAML 1.1 text WHEN decoded THEN numbers are float64, yes is true and timestamps stay text', () => {
    assert.deepEqual(decodeYAML('a: 0755\nb: yes\nc: 2024-01-02\nd: [1, x]'), { a: 493, b: true, c: '2024-01-02', d: [1, 'x'] });
  });

  it('GIVEN a document of the wrong kind WHEN converted THEN the error is the result, as helm returns it', () => {
    assert.deepEqual(fromYaml('- 1'), { Error: 'error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}' });
    assert.deepEqual(fromYamlArray('a: 1'), ['error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}']);
    assert.deepEqual(fromJson('[1]'), { Error: 'json: cannot unmarshal array into Go value of type map[string]interface {}' });
  });

  it('GIVEN empty or null input WHEN converted THEN the empty map or list comes back', () => {
    assert.deepEqual(fromYaml(''), {});
    assert.deepEqual(fromJson('null'), {});
    assert.deepEqual(fromJsonArray('null'), []);
  });

  it('GIVEN broken JSON WHEN decoded THEN the message is Go scanner\'s, naming a space at the end of a literal', () => {
    const cases: [string, string][] = [
      ['{bad', "invalid character 'b' looking for beginning of object key string"],
      ['', 'unexpected end of JSON input'],
      ['{} x', "invalid character 'x' after top-level value"],
      ['[1 2]', "invalid character '2' after array element"],
      ['1e+', "invalid character ' ' in exponent of numeric literal"],
      ['tru', "invalid character ' ' in literal true (expecting 'e')"],
      ['"\\q"', "invalid character 'q' in string escape code"],
      ['{"a" 1}', "invalid character '1' after object key"],
    ];
    for (const [text, want] of cases) assert.throws(() => decodeJSON(text), { message: want }, text);
  });

  it('GIVEN valid JSON WHEN decoded THEN escapes are resolved and numbers are float64', () => {
    assert.deepEqual(decodeJSON('{"a": [1.5e3, null, "\\u00e9\\n"], "b": {}}'), { a: [1500, null, 'é\n'], b: {} });
  });
});
