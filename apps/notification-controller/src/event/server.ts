// The event API on --events-addr (reference §1.3): any method on any path, a JSON Event in the body.
// 202 once the event is taken in (matched or not), 400 for a body that is not an Event, 413 above 3 MiB,
// 429 for a duplicate within --rate-limit-interval, with go-limiter's X-RateLimit-* headers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { NotificationEvent } from '@conflux/bus';
import { parseListenAddress } from '@conflux/runtime';
import { BodyTooLarge, readBody } from '../http-body.ts';
import type { HttpMetrics } from '../metrics.ts';
import { eventKey } from './key.ts';
import { cleanupMetadata } from './metadata.ts';
import { maxEventBodyBytes, parseEvent } from './parse.ts';
import { type RateLimitDecision, type RateLimiter, rfc1123 } from './rate-limiter.ts';

export const IntakeOutcome = {
  Accepted: 'Accepted',
  /** Another replica, or another path (NATS), already took this event in within the window. */
  Duplicate: 'Duplicate',
} as const;
export type IntakeOutcome = (typeof IntakeOutcome)[keyof typeof IntakeOutcome];

/** Takes in a cleaned-up event whose rate-limit key was already computed. */
export type EventIntake = (event: NotificationEvent, key: string) => Promise<IntakeOutcome>;

export interface EventServerOptions {
  addr: string;
  limiter: RateLimiter;
  intake: EventIntake;
  log: { debug(fields: object, message: string): void; error(fields: object, message: string): void };
  /** gotk_event_http_*: each request is counted in flight, then observed once answered. */
  metrics?: HttpMetrics;
}

/** What a request was answered with: the status and the body's size in bytes. */
export interface Answer {
  code: number;
  bytes: number;
}

export interface EventServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

// Upstream's limits, shared with the receiver server (NC:internal/server/limits.go).
const readTimeoutMs = 30_000;
const readHeaderTimeoutMs = 10_000;
const maxHeaderBytes = 256 * 1024;
const shutdownGraceMs = 5_000;

function send(res: ServerResponse, code: number, body = ''): Answer {
  if (body) res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.writeHead(code);
  res.end(body);
  return { code, bytes: Buffer.byteLength(body) };
}

function setRateLimitHeaders(res: ServerResponse, d: RateLimitDecision): void {
  res.setHeader('x-ratelimit-limit', String(d.limit));
  res.setHeader('x-ratelimit-remaining', String(d.remaining));
  res.setHeader('x-ratelimit-reset', rfc1123(d.resetAt));
}

export function eventHandler(options: Omit<EventServerOptions, 'addr'>): (req: IncomingMessage, res: ServerResponse) => Promise<Answer> {
  const { limiter, intake, log } = options;
  return async (req, res) => {
    let body: Buffer;
    try {
      body = await readBody(req, maxEventBodyBytes);
    } catch (err) {
      return err instanceof BodyTooLarge ? send(res, 413, 'http: request body too large\n') : send(res, 400);
    }
    const parsed = parseEvent(body);
    if (!parsed.ok) {
      log.debug({ error: parsed.message }, 'refusing an event that does not decode');
      return send(res, 400, `${parsed.message}\n`);
    }
    const event = cleanupMetadata(parsed.event);
    const key = eventKey(event);
    const decision = limiter.take(key);
    setRateLimitHeaders(res, decision);
    const io = event.involvedObject;
    if (!decision.allowed) {
      log.debug({ kind: io.kind, namespace: io.namespace, name: io.name }, 'Discarding event, rate limiting duplicate events');
      res.setHeader('retry-after', rfc1123(decision.resetAt));
      return send(res, 429, 'Too Many Requests\n');
    }
    try {
      const outcome = await intake(event, key);
      if (outcome === IntakeOutcome.Duplicate) {
        log.debug({ kind: io.kind, namespace: io.namespace, name: io.name }, 'Discarding event, rate limiting duplicate events');
        res.setHeader('retry-after', rfc1123(decision.resetAt));
        return send(res, 429, 'Too Many Requests\n');
      }
    } catch (error) {
      // Dispatch failures are reported on the Alerts; an error here is a bug, and the producer retrying helps nobody.
      log.error({ error, kind: io.kind, namespace: io.namespace, name: io.name }, 'taking in an event failed');
    }
    return send(res, 202);
  };
}

/** Serves the event API on a Go-style listen address (":9090", "127.0.0.1:0"). */
export async function startEventServer(options: EventServerOptions): Promise<EventServer> {
  const listen = parseListenAddress(options.addr);
  if (!listen) throw new Error(`--events-addr "${options.addr}" disables the event server, but producers need it`);
  const handle = eventHandler(options);
  const metrics = options.metrics;
  const server: Server = createServer({ maxHeaderSize: maxHeaderBytes, requestTimeout: readTimeoutMs, headersTimeout: readHeaderTimeoutMs }, (req, res) => {
    const started = performance.now();
    const handler = metrics?.handlerLabel(req.url) ?? '';
    metrics?.inflight(handler, 1);
    void handle(req, res)
      .catch((error: unknown): Answer => {
        options.log.error({ error }, 'event request failed');
        return res.headersSent ? { code: res.statusCode, bytes: 0 } : send(res, 500);
      })
      .then((answer) => {
        metrics?.inflight(handler, -1);
        metrics?.observe({ handler, method: req.method ?? '', code: answer.code, bytes: answer.bytes, seconds: (performance.now() - started) / 1000 });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : listen.port;
  const host = listen.host === undefined || listen.host === '::' || listen.host === '0.0.0.0' ? 'localhost' : listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), shutdownGraceMs);
    force.unref();
    server.closeIdleConnections();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
  });
}
