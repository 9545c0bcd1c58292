import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultRetentionRecords, defaultRetentionTTLMs, selectGarbage } from './gc.ts';

const now = 1_000_000;
const policy = { ttlMs: defaultRetentionTTLMs, records: defaultRetentionRecords, now };
const file = (path: string, ageMs: number) => ({ path, mtimeMs: now - ageMs });

describe('garbage selection', () => {
  it('GIVEN upstream defaults WHEN read THEN they are a 1 minute TTL and 2 records', () => {
    assert.deepEqual([defaultRetentionTTLMs, defaultRetentionRecords], [60_000, 2]);
  });

  it('GIVEN files younger than the TTL WHEN more than `records` exist THEN the oldest go until `records` remain', () => {
    const files = [file('a', 40_000), file('b', 30_000), file('c', 20_000), file('d', 10_000)];
    assert.deepEqual(selectGarbage(files, 'd', policy), ['a', 'b']);
  });

  it('GIVEN files older than the TTL WHEN selected THEN all expired ones go, except the current artifact', () => {
    const files = [file('old-current', 600_000), file('old', 500_000), file('new', 1_000)];
    assert.deepEqual(selectGarbage(files, 'old-current', policy), ['old']);
  });

  it('GIVEN the current artifact is the oldest file WHEN the records limit applies THEN it is kept and newer ones go instead', () => {
    const files = [file('current', 50_000), file('b', 30_000), file('c', 20_000), file('d', 10_000)];
    assert.deepEqual(selectGarbage(files, 'current', policy), ['b', 'c']);
  });

  it('GIVEN no more files than `records` WHEN none expired THEN nothing is garbage', () => {
    assert.deepEqual(selectGarbage([file('a', 1), file('b', 2)], 'a', policy), []);
  });
});
