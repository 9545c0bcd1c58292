import { authHeaders, type GitAuth } from './auth.ts';
import { GitError, GitErrorCode } from './errors.ts';
import { createHttpClient, type GitHttpClient, type GitHttpResponse } from './http.ts';
import type { ProxyConfig } from './proxy.ts';
import { parseRepositoryURL, type RepositoryURL } from './url.ts';

/** Where the repository is and how to reach it; shared by the remote check and the checkout. */
export interface ConnectOptions {
  url: string;
  auth?: GitAuth;
  proxy?: ProxyConfig;
  /** The whole operation's deadline (`spec.timeout`); default 60 s, as upstream. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export const defaultTimeoutMs = 60_000;

/** One operation against one remote: the clean URL, an HTTP client bound to the deadline, the auth headers. */
export interface Session {
  repo: RepositoryURL;
  http: GitHttpClient;
  signal: AbortSignal;
  timeoutMs: number;
  /** A fresh copy per call: isomorphic-git writes into the headers object it is given. */
  headers(): Record<string, string>;
}

export function openSession(options: ConnectOptions): Session {
  const repo = parseRepositoryURL(options.url);
  const auth = options.auth ?? {};
  const credentials = authHeaders(auth, repo);
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const http = rememberAdvertisement(
    createHttpClient({
      ...(auth.tls ? { tls: auth.tls } : {}),
      ...(options.proxy ? { proxy: options.proxy } : {}),
      signal,
    }),
  );
  return { repo, http, signal, timeoutMs, headers: () => ({ ...credentials }) };
}

/**
 * Replays a successful ref advertisement within one session. A checkout lists the remote's refs to
 * resolve its target and isomorphic-git's fetch then asks for the same advertisement again; answering
 * the second from memory saves a round trip and an upload-pack process on the server for every clone,
 * and the pack is then requested against exactly the refs the target was resolved from.
 */
function rememberAdvertisement(client: GitHttpClient): GitHttpClient {
  const seen = new Map<string, { response: GitHttpResponse; body: Buffer }>();
  return {
    async request(req) {
      const cacheable = (req.method ?? 'GET') === 'GET' && req.url.endsWith('/info/refs?service=git-upload-pack');
      const hit = cacheable ? seen.get(req.url) : undefined;
      if (hit) return { ...hit.response, headers: { ...hit.response.headers }, body: once(hit.body) };
      const response = await client.request(req);
      if (!cacheable || response.statusCode !== 200) return response;
      const chunks: Uint8Array[] = [];
      for await (const chunk of response.body) chunks.push(chunk);
      const body = Buffer.concat(chunks);
      seen.set(req.url, { response, body });
      return { ...response, body: once(body) };
    },
  };
}

async function* once(body: Buffer): AsyncIterableIterator<Uint8Array> {
  yield body;
}

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  data?: { statusCode?: unknown };
}

/**
 * Turns whatever isomorphic-git or Node threw into a GitError whose message says what was being done
 * to which URL. Messages are built from status codes and error codes, never from request headers, so
 * a credential cannot leak into a condition.
 */
export function translateError(err: unknown, session: Session, action: string): GitError {
  const where = `${action} '${session.repo.url}'`;
  if (err instanceof GitError) {
    return err.code === GitErrorCode.AuthenticationFailed || err.code === GitErrorCode.Unreachable
      ? new GitError(err.code, `${where}: ${err.message}`)
      : err;
  }
  if (session.signal.aborted) {
    const reason: unknown = session.signal.reason;
    if (reason instanceof Error && reason.name === 'TimeoutError') {
      return new GitError(GitErrorCode.Timeout, `${where}: timed out after ${formatSeconds(session.timeoutMs)}`);
    }
    return new GitError(GitErrorCode.Timeout, `${where}: canceled`);
  }
  const e = (typeof err === 'object' && err !== null ? err : {}) as ErrorLike;
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (e.code === 'HttpError') {
    const status = Number(e.data?.statusCode);
    if (status === 401 || status === 403 || status === 407) {
      return new GitError(
        GitErrorCode.AuthenticationFailed,
        `${where}: authentication failed (HTTP ${status}); check the credentials in the Secret`,
      );
    }
    if (status === 404) return new GitError(GitErrorCode.ProtocolError, `${where}: repository not found (HTTP 404)`);
    return new GitError(GitErrorCode.ProtocolError, `${where}: unexpected HTTP status ${status}`);
  }
  if (e.code === 'SmartHttpError') {
    return new GitError(GitErrorCode.ProtocolError, `${where}: the server did not answer as a Git smart-HTTP server`);
  }
  if (typeof e.code === 'string' && /^(E[A-Z]+|ERR_TLS_|UNABLE_|DEPTH_|SELF_SIGNED|CERT_)/.test(e.code)) {
    return new GitError(GitErrorCode.Unreachable, `${where}: ${message}`, { cause: err });
  }
  return new GitError(GitErrorCode.ProtocolError, `${where}: ${message}`, { cause: err });
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
