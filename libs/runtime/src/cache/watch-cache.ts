// A watch cache per kind: list, then watch from the list's resourceVersion with bookmarks; re-list on
// 410 Gone; reconnect with backoff. Handlers see every change exactly once in order, including changes
// made while the watch was down (a re-list diffs against what the cache holds).
import type { KubeClient } from '../kube/client.ts';
import { isGone, KubeApiError } from '../kube/errors.ts';
import { type KubeObject, objectKey } from '../kube/object.ts';
import type { ResourceType } from '../kube/resources.ts';
import { Backoff } from '../queue/backoff.ts';

export interface CacheHandler<T extends KubeObject> {
  add?(object: T): void;
  update?(previous: T, current: T): void;
  delete?(object: T): void;
}

export interface WatchCacheOptions<T extends KubeObject> {
  /** Watch one namespace; all namespaces when undefined (--watch-all-namespaces). */
  namespace?: string;
  /** Sharding and scoping (--watch-label-selector), e.g. "!sharding.fluxcd.io/key". */
  labelSelector?: string;
  /** Applied to every object before it is stored. The default drops managedFields, which nothing reads. */
  transform?: (object: T) => T;
  /** Called on watch failures the cache recovers from by itself. */
  onError?: (error: unknown) => void;
  /** Page size of the initial and recovery lists. */
  pageSize?: number;
}

export type IndexFunction<T> = (object: T) => string[];

const stripManagedFields = <T extends KubeObject>(o: T): T => {
  if (o.metadata.managedFields) delete o.metadata.managedFields;
  return o;
};

export class WatchCache<T extends KubeObject> {
  readonly resource: ResourceType;
  readonly #client: KubeClient;
  readonly #options: WatchCacheOptions<T>;
  readonly #store = new Map<string, T>();
  readonly #handlers: CacheHandler<T>[] = [];
  readonly #indexFns = new Map<string, IndexFunction<T>>();
  readonly #indexes = new Map<string, Map<string, Set<string>>>();
  #resourceVersion: string | undefined;
  #markSynced!: () => void;
  /** Resolves once the first list is in the cache. */
  readonly synced: Promise<void>;
  #isSynced = false;
  /** How many times the cache has re-listed (after 410 Gone or a failed watch it could not resume). */
  relists = 0;

  constructor(client: KubeClient, resource: ResourceType, options: WatchCacheOptions<T> = {}) {
    this.#client = client;
    this.resource = resource;
    this.#options = options;
    this.synced = new Promise((resolve) => {
      this.#markSynced = resolve;
    });
  }

  get size(): number {
    return this.#store.size;
  }

  get hasSynced(): boolean {
    return this.#isSynced;
  }

  get resourceVersion(): string | undefined {
    return this.#resourceVersion;
  }

  /** Register before start() to see the initial list as adds. */
  on(handler: CacheHandler<T>): void {
    this.#handlers.push(handler);
  }

  /** An index, e.g. "the Kustomizations that use GitRepository ns/name". Register before start(). */
  addIndex(name: string, fn: IndexFunction<T>): void {
    this.#indexFns.set(name, fn);
    const index = new Map<string, Set<string>>();
    this.#indexes.set(name, index);
    for (const [key, object] of this.#store) this.#indexAdd(index, fn(object), key);
  }

  byIndex(name: string, value: string): T[] {
    const keys = this.#indexes.get(name)?.get(value);
    if (!this.#indexes.has(name)) throw new Error(`no index named "${name}" on the ${this.resource.kind} cache`);
    return keys ? [...keys].map((k) => this.#store.get(k)!).filter(Boolean) : [];
  }

  get(key: string): T | undefined {
    return this.#store.get(key);
  }

  list(): T[] {
    return [...this.#store.values()];
  }

  keys(): string[] {
    return [...this.#store.keys()];
  }

  /** Runs until the signal aborts. Never throws: failures are retried with backoff and reported to onError. */
  async run(signal: AbortSignal): Promise<void> {
    // Capped at 5 s, not client-go's 30 s: a re-watch is cheap, and a controller blind for 30 s after an
    // API server restart is the kind of latency Conflux exists to remove.
    const backoff = new Backoff(200, 5_000);
    while (!signal.aborted) {
      try {
        if (this.#resourceVersion === undefined) await this.#relist();
        await this.#watch(signal);
        backoff.reset();
      } catch (err) {
        if (signal.aborted) break;
        if (isGone(err)) {
          // Our resourceVersion was compacted away: only a fresh list can tell us what changed.
          this.#resourceVersion = undefined;
          continue;
        }
        this.#options.onError?.(err);
        await sleep(backoff.next(), signal);
      }
    }
  }

  async #relist(): Promise<void> {
    const seen = new Map<string, T>();
    let continueToken: string | undefined;
    let resourceVersion = '';
    do {
      const page = await this.#client.list<T>(this.resource, {
        ...(this.#options.namespace !== undefined ? { namespace: this.#options.namespace } : {}),
        ...(this.#options.labelSelector ? { labelSelector: this.#options.labelSelector } : {}),
        limit: this.#options.pageSize ?? 500,
        ...(continueToken ? { continue: continueToken } : {}),
      });
      for (const item of page.items) {
        // List items carry no apiVersion/kind; watch events do. Keep them uniform.
        item.apiVersion ??= this.resource.group ? `${this.resource.group}/${this.resource.version}` : this.resource.version;
        item.kind ??= this.resource.kind;
        seen.set(objectKey(item), this.#transform(item));
      }
      continueToken = page.metadata.continue || undefined;
      resourceVersion = page.metadata.resourceVersion;
    } while (continueToken);

    if (this.#isSynced) this.relists++;
    for (const [key, object] of this.#store) if (!seen.has(key)) this.#remove(key, object);
    for (const [key, object] of seen) this.#upsert(key, object);
    this.#resourceVersion = resourceVersion;
    if (!this.#isSynced) {
      this.#isSynced = true;
      this.#markSynced();
    }
  }

  async #watch(signal: AbortSignal): Promise<void> {
    // A randomised server-side timeout, as client-go does, so many watches do not all reconnect at once.
    const timeoutSeconds = 300 + Math.floor(Math.random() * 300);
    const events = this.#client.watch<T>(this.resource, {
      ...(this.#options.namespace !== undefined ? { namespace: this.#options.namespace } : {}),
      ...(this.#options.labelSelector ? { labelSelector: this.#options.labelSelector } : {}),
      ...(this.#resourceVersion ? { resourceVersion: this.#resourceVersion } : {}),
      timeoutSeconds,
      signal,
    });
    for await (const event of events) {
      if (event.type === 'ERROR') {
        const status = event.object as unknown as { code?: number; reason?: string; message?: string };
        throw new KubeApiError(status.code ?? 500, status.reason ?? '', status.message ?? 'watch error', status);
      }
      const rv = event.object.metadata?.resourceVersion;
      if (event.type !== 'BOOKMARK') {
        const object = this.#transform(event.object);
        const key = objectKey(object);
        if (event.type === 'DELETED') this.#remove(key, this.#store.get(key) ?? object);
        else this.#upsert(key, object);
      }
      if (rv) this.#resourceVersion = rv;
    }
  }

  #transform(object: T): T {
    return (this.#options.transform ?? stripManagedFields)(object);
  }

  #upsert(key: string, object: T): void {
    const previous = this.#store.get(key);
    if (previous && previous.metadata.resourceVersion === object.metadata.resourceVersion) return;
    this.#store.set(key, object);
    for (const [name, fn] of this.#indexFns) {
      const index = this.#indexes.get(name)!;
      if (previous) this.#indexRemove(index, fn(previous), key);
      this.#indexAdd(index, fn(object), key);
    }
    for (const h of this.#handlers) {
      if (previous) h.update?.(previous, object);
      else h.add?.(object);
    }
  }

  #remove(key: string, object: T): void {
    if (!this.#store.delete(key)) return;
    for (const [name, fn] of this.#indexFns) this.#indexRemove(this.#indexes.get(name)!, fn(object), key);
    for (const h of this.#handlers) h.delete?.(object);
  }

  #indexAdd(index: Map<string, Set<string>>, values: string[], key: string): void {
    for (const v of values) {
      let keys = index.get(v);
      if (!keys) index.set(v, (keys = new Set()));
      keys.add(key);
    }
  }

  #indexRemove(index: Map<string, Set<string>>, values: string[], key: string): void {
    for (const v of values) {
      const keys = index.get(v);
      keys?.delete(key);
      if (keys?.size === 0) index.delete(v);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
