// Upstream's event rate limiter (reference §1.4): sethvargo/go-limiter's memory store with one token per
// key per interval. A key's bucket refills at fixed ticks counted from the first time the key was seen,
// so "one per 5 minutes" means per 5-minute slot since then, not 5 minutes after the last accepted one.

export interface RateLimitDecision {
  allowed: boolean;
  /** Tokens per interval: always 1, as upstream. */
  limit: number;
  remaining: number;
  /** When the key's next token is available, in ms since the epoch. */
  resetAt: number;
}

interface Bucket {
  start: number;
  lastTick: number;
  tokens: number;
  lastSeen: number;
}

export class RateLimiter {
  readonly intervalMs: number;
  readonly #buckets = new Map<string, Bucket>();
  readonly #now: () => number;
  #lastSweep: number;

  constructor(intervalMs: number, now: () => number = Date.now) {
    this.intervalMs = intervalMs;
    this.#now = now;
    this.#lastSweep = now();
  }

  get size(): number {
    return this.#buckets.size;
  }

  take(key: string): RateLimitDecision {
    const now = this.#now();
    this.#sweep(now);
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = { start: now, lastTick: 0, tokens: 1, lastSeen: now };
      this.#buckets.set(key, bucket);
    }
    const tick = Math.floor((now - bucket.start) / this.intervalMs);
    if (tick > bucket.lastTick) {
      bucket.lastTick = tick;
      bucket.tokens = 1;
    }
    bucket.lastSeen = now;
    const resetAt = bucket.start + (tick + 1) * this.intervalMs;
    if (bucket.tokens > 0) {
      bucket.tokens--;
      return { allowed: true, limit: 1, remaining: bucket.tokens, resetAt };
    }
    return { allowed: false, limit: 1, remaining: 0, resetAt };
  }

  /** Forgets keys idle for two intervals (upstream's SweepMinTTL), at most once per interval. */
  #sweep(now: number): void {
    if (now - this.#lastSweep < this.intervalMs) return;
    this.#lastSweep = now;
    for (const [key, bucket] of this.#buckets) if (now - bucket.lastSeen >= 2 * this.intervalMs) this.#buckets.delete(key);
  }
}

/** Go's time.RFC1123 of a UTC time, as go-limiter's headers carry it: `Mon, 02 Jan 2006 15:04:05 UTC`. */
export function rfc1123(ms: number): string {
  return new Date(ms).toUTCString().replace(/GMT$/, 'UTC');
}
