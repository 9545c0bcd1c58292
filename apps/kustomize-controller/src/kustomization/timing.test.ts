import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { intervalMs, retryIntervalMs, timeoutMs } from './timing.ts';

describe('Kustomization durations', () => {
  it('GIVEN no retryInterval THEN retries happen at the interval', () => {
    assert.equal(retryIntervalMs({ interval: '10m' }), 600_000);
    assert.equal(retryIntervalMs({ interval: '10m', retryInterval: '1m' }), 60_000);
    assert.equal(intervalMs({ interval: '1h30m' }), 5_400_000);
  });

  it('GIVEN no timeout THEN it is interval minus 30s', () => {
    assert.equal(timeoutMs({ interval: '5m' }), 270_000);
  });

  it('GIVEN a short interval or an explicit timeout under 30s THEN the timeout is floored at 30s', () => {
    assert.equal(timeoutMs({ interval: '40s' }), 30_000);
    assert.equal(timeoutMs({ interval: '10m', timeout: '5s' }), 30_000);
    assert.equal(timeoutMs({ interval: '10m', timeout: '2m' }), 120_000);
  });
});
