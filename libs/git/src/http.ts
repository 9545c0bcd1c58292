import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';
import * as tls from 'node:tls';
import type { TLSMaterial } from './auth.ts';
import { GitError, GitErrorCode } from './errors.ts';
import { type ProxyConfig, proxyAuthorization } from './proxy.ts';

/** The request and response shapes isomorphic-git expects from an `http` plugin. */
export interface GitHttpRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
}

export interface GitHttpResponse {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: AsyncIterableIterator<Uint8Array>;
  statusCode: number;
  statusMessage: string;
}

export interface GitHttpClient {
  request(req: GitHttpRequest): Promise<GitHttpResponse>;
}

export interface HttpClientOptions {
  tls?: TLSMaterial;
  proxy?: ProxyConfig;
  /** Aborts every request, including a response body still being read. */
  signal?: AbortSignal;
}

// Keep-alive lets the ref advertisement and the pack request of one fetch share a connection; Node keys
// pooled sockets by TLS options too, so repositories with different CAs never share one.
const httpAgent = new http.Agent({ keepAlive: true });
const httpsAgent = new https.Agent({ keepAlive: true });
const maxRedirects = 5;

/**
 * An isomorphic-git `http` plugin over node:http/node:https. isomorphic-git's bundled Node client cannot
 * take a custom CA, a client certificate or a proxy, all of which GitRepository supports.
 */
export function createHttpClient(options: HttpClientOptions = {}): GitHttpClient {
  return {
    async request(req) {
      const method = req.method ?? 'GET';
      const body = req.body ? await collect(req.body) : undefined;
      let headers: Record<string, string> = { ...req.headers };
      if (body) headers['content-length'] = String(body.length);
      let url = new URL(req.url);
      for (let hop = 0; ; hop++) {
        const res = await send(url, method, headers, body, options);
        const location = res.headers.location;
        const status = res.statusCode ?? 0;
        const followable = status === 307 || status === 308 || ([301, 302, 303].includes(status) && method === 'GET');
        if (location && followable && hop < maxRedirects) {
          res.resume();
          const next = new URL(location, url);
          // Credentials stay with the origin they were meant for.
          if (next.origin !== url.origin) headers = withoutAuthorization(headers);
          url = next;
          continue;
        }
        return {
          url: url.toString(),
          method,
          headers: flattenHeaders(res.headers),
          body: res[Symbol.asyncIterator]() as AsyncIterableIterator<Uint8Array>,
          statusCode: status,
          statusMessage: res.statusMessage ?? '',
        };
      }
    },
  };
}

async function collect(body: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== 'authorization'));
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

function portOf(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

function tlsOptions(material: TLSMaterial | undefined): tls.ConnectionOptions {
  return {
    ...(material?.ca ? { ca: material.ca } : {}),
    ...(material?.cert ? { cert: material.cert } : {}),
    ...(material?.key ? { key: material.key } : {}),
  };
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  options: HttpClientOptions,
): Promise<http.IncomingMessage> {
  const signal = options.signal;
  const proxy = options.proxy;
  if (proxy && url.protocol === 'https:') {
    return tunnel(proxy, url, signal).then((socket) =>
      dispatch(
        https.request({
          host: hostOf(url),
          port: portOf(url),
          path: url.pathname + url.search,
          method,
          headers,
          ...(signal ? { signal } : {}),
          createConnection: () => tls.connect({ ...tlsOptions(options.tls), socket, ...serverName(url) }),
        }),
        body,
      ),
    );
  }
  if (proxy) {
    // A plain-HTTP target is requested from the proxy in absolute form, the way HTTP proxies expect.
    return dispatch(
      http.request({
        host: hostOf(proxy.url),
        port: portOf(proxy.url),
        path: url.toString(),
        method,
        headers: { ...headers, host: url.host, ...proxyAuthorization(proxy) },
        agent: httpAgent,
        ...(signal ? { signal } : {}),
      }),
      body,
    );
  }
  const common = { host: hostOf(url), port: portOf(url), path: url.pathname + url.search, method, headers, ...(signal ? { signal } : {}) };
  const req =
    url.protocol === 'https:'
      ? https.request({ ...common, ...tlsOptions(options.tls), ...serverName(url), agent: httpsAgent })
      : http.request({ ...common, agent: httpAgent });
  return dispatch(req, body);
}

// SNI must not carry an IP address; certificate checks still use the host.
function serverName(url: URL): { servername?: string; host: string } {
  const host = hostOf(url);
  return isIP(host) === 0 ? { servername: host, host } : { host };
}

function dispatch(req: http.ClientRequest, body: Buffer | undefined): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    req.once('response', resolve);
    req.once('error', reject);
    req.end(body);
  });
}

/** Opens a CONNECT tunnel through an HTTP proxy to the target's host and port. */
function tunnel(proxy: ProxyConfig, target: URL, signal: AbortSignal | undefined): Promise<import('node:net').Socket> {
  const authority = `${target.hostname}:${portOf(target)}`;
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: hostOf(proxy.url),
      port: portOf(proxy.url),
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...proxyAuthorization(proxy) },
      agent: false,
      ...(signal ? { signal } : {}),
    });
    req.once('connect', (res, socket) => {
      if (res.statusCode === 200) {
        resolve(socket);
        return;
      }
      socket.destroy();
      const where = `proxy ${proxy.url.host}`;
      if (res.statusCode === 407) {
        reject(new GitError(GitErrorCode.AuthenticationFailed, `${where} refused the credentials (HTTP 407)`));
      } else {
        reject(new GitError(GitErrorCode.Unreachable, `${where} could not open a tunnel to ${authority} (HTTP ${res.statusCode})`));
      }
    });
    req.once('error', reject);
    req.end();
  });
}
