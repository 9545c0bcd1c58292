import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTimeJSON, readChartLock } from './lock.ts';

describe('Chart.lock', () => {
  it('GIVEN RFC 3339 times WHEN re-encoded THEN they read as Go writes time.Time: trailing zeros dropped, zero offsets as Z', () => {
    assert.equal(goTimeJSON('2024-05-04T12:37:54.010200+02:00'), '2024-05-04T12:37:54.0102+02:00');
    assert.equal(goTimeJSON('2024-05-04T12:37:54.000Z'), '2024-05-04T12:37:54Z');
    assert.equal(goTimeJSON('2024-05-04T12:37:54+00:00'), '2024-05-04T12:37:54Z');
    assert.equal(goTimeJSON('2024-05-04T12:37:54.123456789123-05:30'), '2024-05-04T12:37:54.123456789-05:30');
  });

  it('GIVEN a lock without generated or dependencies WHEN read THEN Go\'s zero time and a nil list stand in', () => {
    assert.deepEqual(readChartLock('digest: sha256:x\n', 'Chart.lock'), { generated: '0001-01-01T00:00:00Z', digest: 'sha256:x', dependencies: null });
  });

  it('GIVEN a lock whose time is not RFC 3339 WHEN read THEN loading fails naming the file, in helm\'s words', () => {
    assert.throws(
      () => readChartLock('generated: yesterday\n', 'requirements.lock'),
      new Error('cannot load requirements.lock: error unmarshaling JSON: while decoding JSON: parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"'),
    );
    assert.throws(
      () => readChartLock('generated: "2024-05-04T12:37:54"\n', 'Chart.lock'),
      new Error('cannot load Chart.lock: error unmarshaling JSON: while decoding JSON: parsing time "2024-05-04T12:37:54" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"'),
    );
  });
});
