import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GoInt } from '../template/values.ts';
import { parseLiteralInto, parseSet } from './strvals.ts';

describe('parseSet (helm --set)', () => {
  it('GIVEN nested keys and typed values WHEN parsed THEN integers are int64, floats stay strings, null is nil', () => {
    assert.deepEqual(parseSet('a.b=1,c=1.5,d=true,e=null,f=007,g=0'), {
      a: { b: new GoInt('int64', 1n) },
      c: '1.5',
      d: true,
      e: null,
      f: '007',
      g: new GoInt('int64', 0n),
    });
  });
  it('GIVEN list indexes, list literals and escapes WHEN parsed THEN lists pad with nil and escapes are literal', () => {
    assert.deepEqual(parseSet('l[1].n=x,m={a,b},k=a\\,b,dot\\.key=v'), { l: [null, { n: 'x' }], m: ['a', 'b'], k: 'a,b', 'dot.key': 'v' });
  });
  it('GIVEN --set-string WHEN parsed THEN every value stays a string', () => {
    assert.deepEqual(parseSet('a=1,b=true', { asString: true }), { a: '1', b: 'true' });
  });
  it('GIVEN a key without a value WHEN parsed THEN it fails with helm\'s message', () => {
    assert.throws(() => parseSet('a'), /key "a" has no value/);
    assert.throws(() => parseSet('a,b=1'), /key "a" has no value \(cannot end with ,\)/);
  });
  it('GIVEN --set-json WHEN parsed THEN each value is one JSON document, an empty one is null, and a blank after a comma starts the next key', () => {
    assert.deepEqual(parseSet('a={"b":[1,"x",null]}, c=,d[1]=true,e="s,t"', { json: true }), { a: { b: [1, 'x', null] }, ' c': null, d: [null, true], e: 's,t' });
    assert.throws(() => parseSet('a={nope', { json: true }), /invalid character 'n' looking for beginning of object key string/);
  });
  it('GIVEN --set-file WHEN parsed THEN the reader turns each path into the value', () => {
    assert.deepEqual(parseSet('a=p1,l[0]=p2', { reader: (path) => `read ${path}` }), { a: 'read p1', l: ['read p2'] });
  });
});

describe('parseLiteralInto (helm --set-literal)', () => {
  it('GIVEN a value with commas, equals signs and backslashes WHEN parsed THEN all of it is one string', () => {
    assert.deepEqual(parseLiteralInto('a.b[1]=x,y=z\\n', {}), { a: { b: [null, 'x,y=z\\n'] } });
  });
  it('GIVEN a key without a value WHEN parsed THEN it fails with helm\'s message', () => {
    assert.throws(() => parseLiteralInto('a.b', {}), /key "b" has no value/);
  });
});
