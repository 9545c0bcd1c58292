import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { date, fixedZone, format, loadLocation, parseInLocation, UTC, zeroTime } from './gotime.ts';

const ref = date(2006, 1, 2, 15, 4, 5, 123456789, fixedZone('MST', -7 * 3600));

describe('gotime: Go time layouts', () => {
  it('GIVEN the reference time WHEN formatted with standard layouts THEN Go prints the same', () => {
    assert.equal(format(ref, '2006-01-02T15:04:05Z07:00'), '2006-01-02T15:04:05-07:00');
    assert.equal(format(ref, 'Mon Jan _2 15:04:05 MST 2006'), 'Mon Jan  2 15:04:05 MST 2006');
    assert.equal(format(ref, 'Monday, 02-Jan-06 03:04:05.000 PM -0700'), 'Monday, 02-Jan-06 03:04:05.123 PM -0700');
    assert.equal(format(ref, '.999999 002 __2'), '.123456 002   2');
  });
  it('GIVEN UTC WHEN formatted with ISO zone elements THEN Z stands for the zero offset', () => {
    assert.equal(format(date(2024, 6, 1, 0, 0, 0, 0, UTC), 'Z07:00 -07:00 MST'), 'Z +00:00 UTC');
  });
  it('GIVEN the zero time WHEN formatted THEN it is year 1', () => {
    assert.equal(format(zeroTime, '2006-01-02 15:04:05 Monday'), '0001-01-01 00:00:00 Monday');
  });
  it('GIVEN a value with an offset WHEN parsed THEN the instant is right', () => {
    const t = parseInLocation('2006-01-02T15:04:05Z07:00', '2024-02-29T23:00:00-05:00', UTC);
    assert.equal(t.sec, 1709265600n);
  });
  it('GIVEN bad values WHEN parsed THEN Go parse errors are thrown', () => {
    assert.throws(() => parseInLocation('2006-01-02', '2024-1-05', UTC), { message: 'parsing time "2024-1-05" as "2006-01-02": cannot parse "1-05" as "01"' });
    assert.throws(() => parseInLocation('2006-01-02', '2023-02-29', UTC), { message: 'parsing time "2023-02-29": day out of range' });
    assert.throws(() => parseInLocation('2006', '2024x', UTC), { message: 'parsing time "2024x": extra text: "x"' });
  });
  it('GIVEN a fixed-offset tz database zone WHEN loaded THEN its offset and abbreviation are Go\'s', () => {
    const loc = loadLocation('Etc/GMT-3');
    assert.deepEqual(loc.lookup(0n), { offset: 3 * 3600, abbrev: '+03' });
    assert.throws(() => loadLocation('No/Such_Zone'));
  });
});
