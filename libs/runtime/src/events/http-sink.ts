import type { EventSink, ToolkitEvent } from './types.ts';

export interface HttpEventSinkOptions {
  /** The --events-addr URL, e.g. `http://notification-controller.flux-system.svc.cluster.local./`. */
  address: string;
  /** Per attempt; upstream's HTTP client times out after 5 s. */
  timeoutMs?: number;
  /** Retries after the first attempt; upstream's retryablehttp default is 4. */
  retryMax?: number;
  /** Backoff doubles from this wait... */
  retryWaitMinMs?: number;
  /** ...up to this one. */
  retryWaitMaxMs?: number;
}

export const httpEventSinkDefaults = {
  timeoutMs: 5_000,
  retryMax: 4,
  retryWaitMinMs: 1_000,
  retryWaitMaxMs: 30_000,
} as const;

/** A POST that was not accepted, after any retries. */
export class EventPostError extends Error {
  readonly status: number | undefined;
  readonly attempts: number;
  constructor(message: string, status: number | undefined, attempts: number, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'EventPostError';
    this.status = status;
    this.attempts = attempts;
  }
}

/**
 * POSTs events as JSON to notification-controller's event API with the retry rules of upstream's
 * recorder: connection errors, timeouts and 5xx (but 501) are retried with exponential backoff; 429 is
 * notification-controller saying "duplicate" and is accepted as final, never retried.
 */
export class HttpEventSink implements EventSink {
  readonly address: string;
  private readonly timeoutMs: number;
  private readonly retryMax: number;
  private readonly retryWaitMinMs: number;
  private readonly retryWaitMaxMs: number;

  constructor(options: HttpEventSinkOptions) {
    // Parse now so a malformed --events-addr fails at start-up, not on every event.
    this.address = new URL(options.address).toString();
    this.timeoutMs = options.timeoutMs ?? httpEventSinkDefaults.timeoutMs;
    this.retryMax = options.retryMax ?? httpEventSinkDefaults.retryMax;
    this.retryWaitMinMs = options.retryWaitMinMs ?? httpEventSinkDefaults.retryWaitMinMs;
    this.retryWaitMaxMs = options.retryWaitMaxMs ?? httpEventSinkDefaults.retryWaitMaxMs;
  }

  async send(event: ToolkitEvent): Promise<void> {
    const body = JSON.stringify(event);
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.post(body);
      const attempts = attempt + 1;
      if (outcome.kind === 'done') return;
      if (outcome.kind === 'fail') throw new EventPostError(outcome.message, outcome.status, attempts);
      if (attempt >= this.retryMax) {
        throw new EventPostError(`POST ${this.address} giving up after ${attempts} attempt(s): ${outcome.message}`, outcome.status, attempts, outcome.cause);
      }
      await delay(this.backoffMs(attempt, outcome.retryAfterMs));
    }
  }

  private async post(body: string): Promise<PostOutcome> {
    let response: Response;
    try {
      response = await fetch(this.address, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      return { kind: 'retry', message: describeFetchError(err), cause: err };
    }
    // Drain the body so the keep-alive connection can be reused.
    const text = await response.text().catch(() => '');
    const status = response.status;
    if (status >= 200 && status < 300) return { kind: 'done' };
    if (status === 429) return { kind: 'done' };
    const message = `POST ${this.address} answered ${status}${text ? `: ${text.slice(0, 200)}` : ''}`;
    if (status >= 500 && status !== 501) {
      return { kind: 'retry', message, status, retryAfterMs: status === 503 ? retryAfterMs(response.headers.get('retry-after')) : undefined };
    }
    return { kind: 'fail', message, status };
  }

  private backoffMs(attempt: number, retryAfter: number | undefined): number {
    if (retryAfter !== undefined) return Math.min(retryAfter, this.retryWaitMaxMs);
    return Math.min(this.retryWaitMinMs * 2 ** attempt, this.retryWaitMaxMs);
  }
}

type PostOutcome =
  | { kind: 'done' }
  | { kind: 'fail'; message: string; status: number }
  | { kind: 'retry'; message: string; status?: number; retryAfterMs?: number; cause?: unknown };

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function describeFetchError(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return 'request timed out';
  const cause = (err as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return err instanceof Error ? err.message : String(err);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
