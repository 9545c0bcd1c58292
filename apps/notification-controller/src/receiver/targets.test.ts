import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestedAtValue } from './targets.ts';

test("GIVEN a moment WHEN requestedAt is formatted THEN it uses Go's time.String() layout in UTC, trailing zeros trimmed", () => {
  assert.equal(requestedAtValue(new Date('2031-04-05T06:07:08.120Z')), '2031-04-05 06:07:08.12 +0000 UTC');
});

test('GIVEN two webhooks in the same millisecond WHEN their values are made THEN they differ, so both trigger', () => {
  const at = new Date('2031-04-05T06:07:09Z');
  const first = requestedAtValue(at);
  const second = requestedAtValue(at);
  assert.equal(first, '2031-04-05 06:07:09 +0000 UTC');
  assert.equal(second, '2031-04-05 06:07:09.000000001 +0000 UTC');
});
