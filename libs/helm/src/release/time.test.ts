import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { helmTime, parseHelmTime } from './time.ts';

describe('helm times', () => {
  it('GIVEN dates WHEN formatted THEN trailing fraction zeros go, as in Go\'s RFC3339Nano', () => {
    assert.equal(helmTime(new Date('2024-05-04T12:37:54.120Z')), '2024-05-04T12:37:54.12Z');
    assert.equal(helmTime(new Date('2024-05-04T12:37:54.000Z')), '2024-05-04T12:37:54Z');
    assert.equal(helmTime(new Date('2024-05-04T12:37:54.007Z')), '2024-05-04T12:37:54.007Z');
  });

  it('GIVEN helm\'s nanosecond and zero times WHEN parsed THEN the instant or undefined comes back', () => {
    assert.equal(parseHelmTime('2022-05-04T12:37:54.016495582Z')?.toISOString(), '2022-05-04T12:37:54.016Z');
    assert.equal(parseHelmTime('2022-05-04T14:37:54+02:00')?.toISOString(), '2022-05-04T12:37:54.000Z');
    assert.equal(parseHelmTime(''), undefined);
  });
});
