import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { durationString, Hour, Millisecond, parseDuration, roundDuration, Second } from './duration.ts';

describe('duration: Go time.Duration', () => {
  it('GIVEN Go duration strings WHEN parsed THEN units, fractions and signs combine', () => {
    assert.equal(parseDuration('1h30m'), Hour + 30n * 60n * Second);
    assert.equal(parseDuration('1.5s'), 1500n * Millisecond);
    assert.equal(parseDuration('-2µs'), -2000n);
    assert.equal(parseDuration('0'), 0n);
    assert.equal(parseDuration('.5ms'), 500000n);
  });
  it('GIVEN bad duration strings WHEN parsed THEN Go error messages are thrown', () => {
    assert.throws(() => parseDuration('5'), /^Error: time: missing unit in duration "5"$/);
    assert.throws(() => parseDuration('5 minutes'), /^Error: time: unknown unit " minutes" in duration "5 minutes"$/);
    assert.throws(() => parseDuration(''), /^Error: time: invalid duration ""$/);
    assert.throws(() => parseDuration('9999999999h'), /invalid duration/);
  });
  it('GIVEN durations WHEN printed THEN Duration.String forms appear', () => {
    assert.equal(durationString(0n), '0s');
    assert.equal(durationString(Hour), '1h0m0s');
    assert.equal(durationString(1500n * Millisecond), '1.5s');
    assert.equal(durationString(1500n), '1.5µs');
    assert.equal(durationString(-90n * Second), '-1m30s');
    assert.equal(durationString(12n), '12ns');
  });
  it('GIVEN a duration WHEN rounded to seconds THEN halves round away from zero', () => {
    assert.equal(roundDuration(1500n * Millisecond, Second), 2n * Second);
    assert.equal(roundDuration(-1500n * Millisecond, Second), -2n * Second);
    assert.equal(roundDuration(1499n * Millisecond, Second), Second);
  });
});
