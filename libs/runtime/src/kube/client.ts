// A small Kubernetes REST client over node:https: the verbs the runtime and the controllers need, and
// nothing else. See config.ts for why it is not @kubernetes/client-node.
import { readFileSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { createInterface } from 'node:readline';
import type { ClusterAccess } from './config.ts';
import { KubeApiError } from './errors.ts';
import type { KubeList, KubeObject } from './object.ts';
import { TokenBucket } from './rate-limit.ts';
import { collectionPath, objectPath, type ResourceType } from './resources.ts';

export const PatchType = {
  Merge: 'application/merge-patch+json',
  JSON: 'application/json-patch+json',
  Strategic: 'application/strategic-merge-patch+json',
  Apply: 'application/apply-patch+yaml',
} as const;
export type PatchType = (typeof PatchType)[keyof typeof PatchType];

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
}

export interface WatchOptions {
  namespace?: string;
  labelSelector?: string;
  resourceVersion?: string;
  /** The server ends the watch after this long; the cache then resumes from the last resourceVersion. */
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  object: T;
}

export interface KubeClientOptions {
  qps?: number;
  burst?: number;
  userAgent?: string;
  /** Per-request timeout for non-watch requests. */
  timeoutMs?: number;
  /**
   * Act as this user (Impersonate-User), e.g. `system:serviceaccount:<ns>:<name>`; the API server then
   * authorises every request as that user. For a ServiceAccount name it adds the account's groups itself.
   */
  impersonateUser?: string;
}

interface RawResponse {
  status: number;
  body: string;
  headers: IncomingMessage['headers'];
}

export class KubeClient {
  readonly access: ClusterAccess;
  readonly #agent: Agent | undefined;
  #limiter: TokenBucket;
  readonly #userAgent: string;
  readonly #timeoutMs: number;
  readonly #impersonateUser: string | undefined;
  #token: { value: string; readAt: number } | undefined;

  constructor(access: ClusterAccess, options: KubeClientOptions = {}) {
    this.access = access;
    const secure = access.server.startsWith('https:');
    this.#agent = secure
      ? new Agent({
          keepAlive: true,
          ...(access.ca ? { ca: access.ca } : {}),
          ...(access.cert ? { cert: access.cert } : {}),
          ...(access.key ? { key: access.key } : {}),
          rejectUnauthorized: !access.insecureSkipTLSVerify,
        })
      : undefined;
    this.#limiter = new TokenBucket(options.qps ?? 50, options.burst ?? 300);
    this.#userAgent = options.userAgent ?? 'conflux';
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#impersonateUser = options.impersonateUser;
  }

  async get<T extends KubeObject>(r: ResourceType, namespace: string | undefined, name: string): Promise<T> {
    return this.#json<T>('GET', objectPath(r, namespace, name));
  }

  async list<T extends KubeObject>(r: ResourceType, options: ListOptions = {}): Promise<KubeList<T>> {
    const query: Record<string, string | undefined> = {
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
      limit: options.limit?.toString(),
      continue: options.continue,
      resourceVersion: options.resourceVersion,
    };
    return this.#json<KubeList<T>>('GET', collectionPath(r, options.namespace), { query });
  }

  async create<T extends KubeObject>(r: ResourceType, object: T, options: { fieldManager?: string } = {}): Promise<T> {
    return this.#json<T>('POST', collectionPath(r, object.metadata.namespace), {
      body: JSON.stringify(object),
      query: { fieldManager: options.fieldManager },
    });
  }

  async update<T extends KubeObject>(r: ResourceType, object: T, options: { subresource?: string; fieldManager?: string } = {}): Promise<T> {
    return this.#json<T>('PUT', objectPath(r, object.metadata.namespace, object.metadata.name, options.subresource), {
      body: JSON.stringify(object),
      query: { fieldManager: options.fieldManager },
    });
  }

  async patch<T extends KubeObject>(
    r: ResourceType,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    options: { type?: PatchType; subresource?: string; fieldManager?: string; force?: boolean; dryRun?: boolean } = {},
  ): Promise<T> {
    const type = options.type ?? PatchType.Merge;
    return this.#json<T>('PATCH', objectPath(r, namespace, name, options.subresource), {
      body: JSON.stringify(patch),
      contentType: type,
      query: {
        fieldManager: options.fieldManager,
        force: options.force ? 'true' : undefined,
        dryRun: options.dryRun ? 'All' : undefined,
      },
    });
  }

  async delete(r: ResourceType, namespace: string | undefined, name: string, options: { propagationPolicy?: string } = {}): Promise<void> {
    const body = options.propagationPolicy ? JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: options.propagationPolicy }) : undefined;
    await this.#json('DELETE', objectPath(r, namespace, name), body === undefined ? {} : { body });
  }

  /**
   * Streams watch events until the server closes the watch, the signal aborts, or the connection fails.
   * An HTTP error (for example 410 Gone for a too-old resourceVersion) is thrown as a KubeApiError; an
   * ERROR event inside the stream is yielded for the caller to interpret.
   */
  async *watch<T extends KubeObject>(r: ResourceType, options: WatchOptions = {}): AsyncGenerator<WatchEvent<T>> {
    const query: Record<string, string | undefined> = {
      watch: 'true',
      allowWatchBookmarks: 'true',
      labelSelector: options.labelSelector,
      resourceVersion: options.resourceVersion,
      timeoutSeconds: options.timeoutSeconds?.toString(),
    };
    await this.#limiter.take();
    const res = await this.#open('GET', collectionPath(r, options.namespace), { query, signal: options.signal, stream: true });
    if (res.statusCode !== 200) {
      const body = await readBody(res);
      throw toApiError(res.statusCode ?? 0, body);
    }
    const lines = createInterface({ input: res, crlfDelay: Infinity });
    const abort = () => res.destroy();
    options.signal?.addEventListener('abort', abort, { once: true });
    try {
      for await (const line of lines) {
        if (!line) continue;
        yield JSON.parse(line) as WatchEvent<T>;
      }
    } finally {
      options.signal?.removeEventListener('abort', abort);
      res.destroy();
    }
  }

  /** A raw request, for the odd endpoint without a verb here (for example /version or /readyz). */
  async raw(method: string, path: string, options: { body?: string; contentType?: string; accept?: string } = {}): Promise<RawResponse> {
    await this.#limiter.take();
    const res = await this.#open(method, path, options);
    return { status: res.statusCode ?? 0, headers: res.headers, body: await readBody(res) };
  }

  /** Sends every request at once from now on (see flow-control.ts for when that is right). */
  disableRateLimit(): void {
    this.#limiter = new TokenBucket(0, 0);
  }

  /** True while the client spaces its requests out with a token bucket. */
  get rateLimited(): boolean {
    return this.#limiter.limited;
  }

  close(): void {
    this.#agent?.destroy();
  }

  async #json<T>(
    method: string,
    path: string,
    options: { body?: string; contentType?: string; query?: Record<string, string | undefined> } = {},
  ): Promise<T> {
    await this.#limiter.take();
    const res = await this.#open(method, path, options);
    const body = await readBody(res);
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw toApiError(status, body);
    return (body ? JSON.parse(body) : undefined) as T;
  }

  #open(
    method: string,
    path: string,
    options: { body?: string; contentType?: string; accept?: string; query?: Record<string, string | undefined>; signal?: AbortSignal | undefined; stream?: boolean },
  ): Promise<IncomingMessage> {
    const url = new URL(this.access.server + path);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const headers: Record<string, string> = {
      Accept: options.accept ?? 'application/json',
      'User-Agent': this.#userAgent,
    };
    const token = this.#bearer();
    if (token) headers['Authorization'] = `Bearer ${token}`;
    if (this.#impersonateUser) headers['Impersonate-User'] = this.#impersonateUser;
    if (options.body !== undefined) {
      headers['Content-Type'] = options.contentType ?? 'application/json';
      headers['Content-Length'] = Buffer.byteLength(options.body).toString();
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(url, { method, headers, ...(this.#agent ? { agent: this.#agent } : {}), ...(options.signal ? { signal: options.signal } : {}) }, resolve);
      if (!options.stream) {
        req.setTimeout(this.#timeoutMs, () => req.destroy(new Error(`${method} ${url.pathname}: no answer within ${this.#timeoutMs} ms`)));
      }
      req.on('error', reject);
      req.end(options.body);
    });
  }

  #bearer(): string | undefined {
    if (this.access.token) return this.access.token;
    if (!this.access.tokenFile) return undefined;
    // Projected ServiceAccount tokens rotate; re-reading once a minute keeps up without a read per request.
    if (!this.#token || Date.now() - this.#token.readAt > 60_000) {
      this.#token = { value: readFileSync(this.access.tokenFile, 'utf8').trim(), readAt: Date.now() };
    }
    return this.#token.value;
  }
}

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

function toApiError(status: number, body: string): KubeApiError {
  try {
    const parsed = JSON.parse(body) as { reason?: string; message?: string };
    return new KubeApiError(status, parsed.reason ?? '', parsed.message ?? `HTTP ${status}`, parsed);
  } catch {
    return new KubeApiError(status, '', `HTTP ${status}: ${body.slice(0, 200)}`, body);
  }
}
