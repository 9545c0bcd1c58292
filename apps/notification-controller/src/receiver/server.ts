// The webhook server on --receiverAddr (reference §4.2). Plain node:http: one route, a raw body that the
// signature checks need byte for byte, and no framework in an idle controller's memory.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ConditionStatus, ConditionType } from '@conflux/api';
import { findCondition, type HttpEndpoint, type KubeClient, listenHttp, type Logger, parseListenAddress, type WatchCache } from '@conflux/runtime';
import { BodyTooLarge, readBody } from '../http-body.ts';
import type { HttpMetrics } from '../metrics.ts';
import { requestValue } from './filter.ts';
import { webhookPathIndex } from './indexes.ts';
import type { ReceiverObject } from './reconciler.ts';
import { requestedAtValue, type TargetResolver } from './targets.ts';
import { readToken } from './token.ts';
import { type AuthenticationDeps, authenticateRequest } from './authenticate.ts';
import type { ReconcileRequestSender } from './reconcile-requests.ts';

export interface ReceiverServerOptions {
  addr: string;
  bodyLimitBytes: number;
  client: KubeClient;
  cache: WatchCache<ReceiverObject>;
  resolver: TargetResolver;
  /** What authenticating a call needs beyond the request and the Secret (the signing keys of gcr and generic-oidc). */
  authentication: AuthenticationDeps;
  /** Publishes reconcile requests for annotated targets; absent without NATS. */
  requests?: ReconcileRequestSender | undefined;
  log: Logger;
  /** gotk_receiver_http_* (reference §4.2); absent, nothing is counted. */
  metrics?: HttpMetrics | undefined;
}

/** The webhook server and where it listens (url: e.g. http://127.0.0.1:9292). */
export type ReceiverServer = HttpEndpoint;

const hookPrefix = '/hook/';
// How long a call waits for the Receiver cache's first list before it is answered 503.
const cacheSyncWaitMs = 10_000;

class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** Starts the server; resolves to undefined when `addr` is "0" or "". */
export async function startReceiverServer(options: ReceiverServerOptions): Promise<ReceiverServer | undefined> {
  const address = parseListenAddress(options.addr);
  if (!address) return undefined;
  const metrics = options.metrics;
  const server = createServer((req, res) => {
    const started = performance.now();
    const handler = metrics?.handlerLabel(req.url) ?? '';
    metrics?.inflight(handler, 1);
    handle(req, res, options)
      .catch((err: unknown) => {
        const status = err instanceof HttpError ? err.status : 500;
        if (status === 500) options.log.error({ error: err, path: req.url }, 'webhook handling failed');
        reply(res, status, err instanceof Error ? err.message : String(err));
      })
      .finally(() => {
        metrics?.inflight(handler, -1);
        metrics?.observe({ handler, method: req.method ?? '', code: res.statusCode, bytes: Number(res.getHeader('Content-Length') ?? 0), seconds: (performance.now() - started) / 1000 });
      });
  });
  return listenHttp(server, address);
}

async function handle(req: IncomingMessage, res: ServerResponse, o: ReceiverServerOptions): Promise<void> {
  // Upstream matches on the request URI, query string included: only the exact path finds a Receiver.
  const uri = req.url ?? '/';
  if (!uri.startsWith(hookPrefix)) throw new HttpError(404, 'not found');
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    throw new HttpError(405, 'method not allowed');
  }
  // The cap applies before the lookup, as upstream's does, so an unknown path cannot be used to make the server buffer.
  const body = await readBody(req, o.bodyLimitBytes).catch((err: unknown) => {
    throw err instanceof BodyTooLarge ? new HttpError(413, err.message) : err;
  });
  const receiver = await lookup(o.cache, uri);
  if (!receiver) throw new HttpError(404, 'not found');
  const ref = { namespace: receiver.metadata.namespace, name: receiver.metadata.name, type: receiver.spec.type };
  const log = o.log.child({ receiver: `${ref.namespace}/${ref.name}` });
  if (receiver.spec.suspend) throw new HttpError(503, 'receiver is suspended');
  if (findCondition(receiver.status?.conditions, ConditionType.Ready)?.status !== ConditionStatus.True) throw new HttpError(503, 'receiver is not ready');

  const token = await readToken(o.client, receiver);
  if (!token.ok) throw new HttpError(400, token.message);
  const verdict = await authenticateRequest(
    { headers: req.headers, body },
    { type: receiver.spec.type, token: token.token, secret: token.data, oidcProviders: receiver.spec.oidcProviders, ...(receiver.spec.events ? { events: receiver.spec.events } : {}) },
    o.authentication,
  );
  if (!verdict.ok) {
    log.info({ type: ref.type, reason: verdict.message }, 'webhook rejected');
    throw new HttpError(400, verdict.message);
  }
  if ('ignore' in verdict) {
    log.info({ type: ref.type, event: verdict.event }, 'webhook event acknowledged without triggering');
    return reply(res, 200, '');
  }
  const requestedAt = requestedAtValue();
  const report = await o.resolver.trigger(receiver, requestedAt, 'req' in verdict && verdict.req !== undefined ? verdict.req : requestValue(body), 'claims' in verdict ? verdict.claims : undefined);
  // The annotated targets are asked for even when others failed: they were annotated all the same.
  const published = o.requests?.send(receiver, report.annotated, requestedAt) ?? 0;
  log.info({ type: ref.type, event: verdict.event, annotated: report.annotated.map((t) => `${t.kind}/${t.namespace}/${t.name}`), published }, 'webhook handled');
  if (report.failures.length > 0) {
    const message = report.failures.map((f) => `${f.resource}: ${f.error}`).join('; ');
    log.error({ failures: report.failures }, 'requesting reconciliation failed');
    throw new HttpError(500, `requesting reconciliation failed: ${message}`);
  }
  reply(res, 200, '');
}

async function lookup(cache: WatchCache<ReceiverObject>, path: string): Promise<ReceiverObject | undefined> {
  if (!cache.hasSynced) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HttpError(503, 'receivers are not loaded yet')), cacheSyncWaitMs);
    });
    try {
      await Promise.race([cache.synced, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
  return cache.byIndex(webhookPathIndex, path)[0];
}

function reply(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) return;
  if (status === 413) res.setHeader('Connection', 'close');
  const body = message ? `${message}\n` : '';
  // Set, not passed to writeHead, so getHeader() hands the response-size metric what was written.
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(body);
}

