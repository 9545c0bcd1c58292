import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32Decode, base64Decode, indentJSON } from './encoding.ts';

const dec = (f: (b: Uint8Array) => Uint8Array, s: string): string => Buffer.from(f(Buffer.from(s))).toString();

describe('encoding: Go decoders and JSON indentation', () => {
  it('GIVEN valid base64 with a newline WHEN decoded THEN newlines are skipped', () => {
    assert.equal(dec(base64Decode, 'YWJj\nZGVm'), 'abcdef');
  });
  it('GIVEN corrupt base64 WHEN decoded THEN the error names Go\'s byte offset', () => {
    assert.throws(() => dec(base64Decode, 'abc'), { message: 'illegal base64 data at input byte 0' });
    assert.throws(() => dec(base64Decode, 'a!bc'), { message: 'illegal base64 data at input byte 1' });
  });
  it('GIVEN base32 with padding WHEN decoded THEN the bytes come back', () => {
    assert.equal(dec(base32Decode, 'NBSWY3DP'), 'hello');
    assert.equal(dec(base32Decode, 'ME======'), 'a');
  });
  it('GIVEN compact JSON WHEN indented THEN empty containers stay on one line as json.Indent does', () => {
    assert.equal(indentJSON('{"a":[1,{}],"b":"x,y"}'), '{\n  "a": [\n    1,\n    {}\n  ],\n  "b": "x,y"\n}');
  });
});
