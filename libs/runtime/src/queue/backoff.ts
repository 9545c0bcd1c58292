/** Exponential backoff: base, 2×base, 4×base, … capped at max. */
export class Backoff {
  readonly #base: number;
  readonly #max: number;
  #attempt = 0;
  constructor(baseMs: number, maxMs: number) {
    this.#base = baseMs;
    this.#max = maxMs;
  }
  next(): number {
    return backoffDelay(this.#attempt++, this.#base, this.#max);
  }
  reset(): void {
    this.#attempt = 0;
  }
}

/** The delay before retry number `failures` (0-based), as client-go's exponential failure rate limiter. */
export function backoffDelay(failures: number, baseMs: number, maxMs: number): number {
  // 2^failures overflows to Infinity long after it passes any sane max; Math.min handles that.
  return Math.min(baseMs * 2 ** failures, maxMs);
}
