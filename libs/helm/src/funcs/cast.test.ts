import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GoInt } from '../template/values.ts';
import { reflectKind, sliceBytes, toFloat64, toInt64 } from './cast.ts';

describe('cast: Sprig coercions', () => {
  it('GIVEN strings with base prefixes and a ".00" tail WHEN cast to int64 THEN they parse as Go base 0', () => {
    assert.equal(toInt64('0x1F'), 31n);
    assert.equal(toInt64('010'), 8n);
    assert.equal(toInt64('8.00'), 8n);
    // GIVEN a real fraction THEN the conversion fails and cast's zero comes back
    assert.equal(toInt64('8.5'), 0n);
  });
  it('GIVEN floats, bools, nil and sized ints WHEN cast THEN floats truncate and the rest map as Go does', () => {
    assert.equal(toInt64(-3.9), -3n);
    assert.equal(toInt64(true), 1n);
    assert.equal(toInt64(null), 0n);
    assert.equal(toInt64(new GoInt('uint8', 255n)), 255n);
    assert.equal(toFloat64('1.5e3'), 1500);
    assert.equal(toFloat64('nope'), 0);
  });
  it('GIVEN nil WHEN its reflect kind is asked THEN it panics like reflect.TypeOf(nil).Kind()', () => {
    assert.throws(() => reflectKind(null), /nil pointer dereference/);
    assert.equal(reflectKind(1.5), 'float64');
  });
  it('GIVEN byte indexes past the end WHEN slicing THEN the runtime panic text is Go\'s', () => {
    assert.equal(sliceBytes('héllo', 0, 3), 'hé');
    assert.throws(() => sliceBytes('abc', undefined, 10), /slice bounds out of range \[:10\] with length 3/);
    assert.throws(() => sliceBytes('abcdef', 3, 2), /slice bounds out of range \[3:2\]/);
  });
});
