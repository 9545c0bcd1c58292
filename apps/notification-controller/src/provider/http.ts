// The HTTP client of the providers (reference §2.3 "Common HTTP client"): one request at a time over
// node:http(s), with the Provider's CA, client certificate and proxy, retried like retryablehttp with
// RetryMax 4 and 2 s .. 30 s exponential waits, all within the Provider's timeout.
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as tlsConnect } from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import { NotificationError, type NotificationRequest, type NotificationResponse, type Send } from './types.ts';

export interface TLSMaterial {
  ca?: string;
  cert?: string;
  key?: string;
}

export interface ProxySettings {
  url: string;
  username?: string;
  password?: string;
}

export interface TransportOptions {
  tls?: TLSMaterial;
  proxy?: ProxySettings;
  /** Aborted when the Provider's timeout is up. */
  signal: AbortSignal;
}

export interface RetryPolicy {
  /** Retries after the first attempt; upstream's 4. */
  retries: number;
  minWaitMs: number;
  maxWaitMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 4, minWaitMs: 2_000, maxWaitMs: 30_000 };

const maxAnswerBytes = 1024 * 1024;

/** One attempt. Rejects on network errors and on abort; any HTTP status resolves. */
export function sendOnce(req: NotificationRequest, options: TransportOptions): Promise<NotificationResponse> {
  const target = new URL(req.url);
  const secure = target.protocol === 'https:';
  const headers: Record<string, string> = { 'User-Agent': 'conflux-notification-controller', ...req.headers };
  if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
  const base: RequestOptions = { method: req.method, headers, signal: options.signal };
  const tls = { ...(options.tls?.ca ? { ca: options.tls.ca } : {}), ...(options.tls?.cert ? { cert: options.tls.cert } : {}), ...(options.tls?.key ? { key: options.tls.key } : {}) };
  return new Promise((resolve, reject) => {
    const onResponse = (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= maxAnswerBytes) chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    };
    let outgoing;
    const proxy = options.proxy ? new URL(options.proxy.url) : undefined;
    const proxyAuth = options.proxy?.username ? { 'Proxy-Authorization': `Basic ${Buffer.from(`${options.proxy.username}:${options.proxy.password ?? ''}`).toString('base64')}` } : {};
    if (proxy && !secure) {
      // A plain-HTTP target goes through the proxy as an absolute-form request.
      outgoing = httpRequest({ ...base, host: proxy.hostname, port: proxy.port || 80, path: target.href, headers: { ...headers, ...proxyAuth, Host: target.host } }, onResponse);
    } else if (proxy && secure) {
      outgoing = httpsRequest(
        {
          ...base,
          ...tls,
          host: target.hostname,
          port: target.port || 443,
          path: `${target.pathname}${target.search}`,
          // No agent: ClientRequest uses createConnection only without one (agent: false makes a fresh agent,
          // which would resolve and dial the target itself).
          createConnection: (_opts, callback) => {
            const connectReq = httpRequest({ host: proxy.hostname, port: proxy.port || 80, method: 'CONNECT', path: `${target.hostname}:${target.port || 443}`, headers: proxyAuth, signal: options.signal });
            connectReq.on('connect', (res, socket) => {
              if (res.statusCode !== 200) {
                socket.destroy();
                callback(new Error(`proxy refused CONNECT: HTTP ${res.statusCode}`), undefined as never);
                return;
              }
              callback(null, tlsConnect({ socket, servername: target.hostname, ...tls }));
            });
            connectReq.on('error', (err) => callback(err, undefined as never));
            connectReq.end();
            return undefined;
          },
        },
        onResponse,
      );
    } else {
      const fn = secure ? httpsRequest : httpRequest;
      outgoing = fn({ ...base, ...(secure ? tls : {}), host: target.hostname, port: target.port || (secure ? 443 : 80), path: `${target.pathname}${target.search}` }, onResponse);
    }
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/** retryablehttp's default policy: network errors, 429 and 5xx (except 501) are worth another try. */
export function retryable(status: number | undefined): boolean {
  if (status === undefined) return true;
  return status === 429 || (status >= 500 && status !== 501);
}

export function backoffMs(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.maxWaitMs, policy.minWaitMs * 2 ** attempt);
}

/** A Send that retries per `policy` and masks `secret` (the token) in every error. */
export function retryingSender(options: TransportOptions, policy: RetryPolicy, secret?: string): Send {
  const mask = (text: string) => (secret ? text.replaceAll(secret, '*****') : text);
  return async (req) => {
    let last: NotificationError | undefined;
    for (let attempt = 0; attempt <= policy.retries; attempt++) {
      if (attempt > 0) {
        try {
          await sleep(backoffMs(attempt - 1, policy), undefined, { signal: options.signal });
        } catch {
          break;
        }
      }
      let status: number | undefined;
      try {
        const res = await sendOnce(req, options);
        if (res.status >= 200 && res.status < 300) return res;
        status = res.status;
        last = new NotificationError(mask(`${req.method} ${req.url} failed with status code ${res.status}: ${res.body.slice(0, 500)}`), res.status);
      } catch (err) {
        if (options.signal.aborted) break;
        last = new NotificationError(mask(`${req.method} ${req.url} failed: ${(err as Error).message}`));
      }
      if (!retryable(status)) throw last;
    }
    const attempts = `giving up after ${policy.retries + 1} attempt(s)`;
    if (options.signal.aborted) throw new NotificationError(mask(`${req.method} ${req.url}: timed out (${attempts})${last ? `: ${last.message}` : ''}`), last?.status);
    throw new NotificationError(`${last?.message ?? mask(`${req.method} ${req.url} failed`)} (${attempts})`, last?.status);
  };
}
