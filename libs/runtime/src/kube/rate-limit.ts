/**
 * A token bucket: `qps` tokens a second, at most `burst` saved up. Like client-go's default limiter, it
 * keeps one controller from flooding the API server (--kube-api-qps, --kube-api-burst).
 */
export class TokenBucket {
  #tokens: number;
  #last: number;
  readonly #qps: number;
  readonly #burst: number;

  constructor(qps: number, burst: number, now = Date.now()) {
    this.#qps = qps;
    this.#burst = Math.max(1, burst);
    this.#tokens = this.#burst;
    this.#last = now;
  }

  /** False for a bucket that never makes anyone wait (qps 0). */
  get limited(): boolean {
    return this.#qps > 0;
  }

  /** Milliseconds to wait before the next request may go, taking its token. 0 means at once. */
  reserve(now = Date.now()): number {
    if (this.#qps <= 0) return 0;
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#last) / 1000) * this.#qps);
    this.#last = now;
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : Math.ceil((-this.#tokens / this.#qps) * 1000);
  }

  async take(): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}
