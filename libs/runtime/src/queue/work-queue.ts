// The work queue of a controller, with client-go's guarantees: a key is never handed to two workers at
// once, a key added several times before a worker takes it is reconciled once, and a key added while it
// is being reconciled is reconciled again afterwards (so no change is lost).
import { backoffDelay } from './backoff.ts';

export interface WorkQueueOptions {
  /** First retry delay after a failure (--min-retry-delay, upstream 750 ms). */
  minRetryDelayMs?: number;
  /** Cap on the retry delay (--max-retry-delay, upstream 15 min). */
  maxRetryDelayMs?: number;
}

export class WorkQueue {
  readonly #queue: string[] = [];
  readonly #dirty = new Set<string>();
  readonly #processing = new Set<string>();
  readonly #waiting = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  readonly #failures = new Map<string, number>();
  readonly #waiters: Array<(key: string | undefined) => void> = [];
  readonly #minRetry: number;
  readonly #maxRetry: number;
  #shuttingDown = false;

  constructor(options: WorkQueueOptions = {}) {
    this.#minRetry = options.minRetryDelayMs ?? 750;
    this.#maxRetry = options.maxRetryDelayMs ?? 15 * 60_000;
  }

  /** Keys ready to be handed out now. */
  get depth(): number {
    return this.#queue.length;
  }

  /** Keys waiting for a requeue-after or a backoff delay. */
  get delayed(): number {
    return this.#waiting.size;
  }

  get inFlight(): number {
    return this.#processing.size;
  }

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  add(key: string): void {
    if (this.#shuttingDown || this.#dirty.has(key)) return;
    this.#dirty.add(key);
    if (this.#processing.has(key)) return;
    this.#hand(key);
  }

  /** Adds the key after `delayMs`; an earlier pending add of the same key wins. */
  addAfter(key: string, delayMs: number): void {
    if (this.#shuttingDown) return;
    if (delayMs <= 0) return this.add(key);
    const at = Date.now() + delayMs;
    const pending = this.#waiting.get(key);
    if (pending && pending.at <= at) return;
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => {
      this.#waiting.delete(key);
      this.add(key);
    }, delayMs);
    timer.unref();
    this.#waiting.set(key, { at, timer });
  }

  /** Adds the key after its per-key exponential backoff, and counts one more failure. */
  addRateLimited(key: string): number {
    const failures = this.#failures.get(key) ?? 0;
    this.#failures.set(key, failures + 1);
    const delay = backoffDelay(failures, this.#minRetry, this.#maxRetry);
    this.addAfter(key, delay);
    return delay;
  }

  /** Resets the key's backoff after a success. */
  forget(key: string): void {
    this.#failures.delete(key);
  }

  failures(key: string): number {
    return this.#failures.get(key) ?? 0;
  }

  /** The next key to reconcile; undefined once the queue shuts down and nothing is left. */
  get(): Promise<string | undefined> {
    const key = this.#queue.shift();
    if (key !== undefined) return Promise.resolve(this.#take(key));
    if (this.#shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Marks the key's reconcile finished. If it was added meanwhile, it goes back in line. */
  done(key: string): void {
    this.#processing.delete(key);
    if (this.#dirty.has(key) && !this.#shuttingDown) this.#hand(key);
  }

  /** Stops handing out keys; waiting workers get undefined. Keys being processed finish normally. */
  shutdown(): void {
    this.#shuttingDown = true;
    for (const { timer } of this.#waiting.values()) clearTimeout(timer);
    this.#waiting.clear();
    this.#queue.length = 0;
    for (const resolve of this.#waiters.splice(0)) resolve(undefined);
  }

  #hand(key: string): void {
    const waiter = this.#waiters.shift();
    if (waiter) waiter(this.#take(key));
    else this.#queue.push(key);
  }

  #take(key: string): string {
    this.#processing.add(key);
    this.#dirty.delete(key);
    return key;
  }
}
