import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimiter, rfc1123 } from './rate-limiter.ts';

const minute = 60_000;

describe('RateLimiter', () => {
  it('GIVEN a key seen once WHEN seen again within the interval THEN it is refused until the next slot', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(5 * minute, () => now);
    const first = limiter.take('k');
    assert.deepEqual(first, { allowed: true, limit: 1, remaining: 0, resetAt: 1_000_000 + 5 * minute });
    now += 4 * minute;
    assert.equal(limiter.take('k').allowed, false);
    assert.equal(limiter.take('other').allowed, true);
    now += minute;
    assert.equal(limiter.take('k').allowed, true);
  });

  it('GIVEN slots counted from the first sighting WHEN a key comes back after 7 minutes THEN its next token is at 10 minutes, not 12', () => {
    let now = 0;
    const limiter = new RateLimiter(5 * minute, () => now);
    limiter.take('k');
    now = 7 * minute;
    const d = limiter.take('k');
    assert.equal(d.allowed, true);
    assert.equal(d.resetAt, 10 * minute);
    now = 9 * minute;
    assert.equal(limiter.take('k').allowed, false);
  });

  it('GIVEN keys idle for two intervals WHEN time passes THEN they are forgotten', () => {
    let now = 0;
    const limiter = new RateLimiter(minute, () => now);
    limiter.take('a');
    limiter.take('b');
    now = 3 * minute;
    limiter.take('c');
    assert.equal(limiter.size, 1);
  });
});

describe('rfc1123', () => {
  it('GIVEN a time WHEN formatted THEN it reads as Go’s time.RFC1123 in UTC', () => {
    assert.equal(rfc1123(Date.UTC(2006, 0, 2, 15, 4, 5)), 'Mon, 02 Jan 2006 15:04:05 UTC');
  });
});
