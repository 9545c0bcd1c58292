// The reconcile loop shared by every Conflux controller. A controller supplies a Reconciler; the runtime
// does what upstream's controllers all do around it (source-controller.md §1 "Reconcile skeleton"):
// finalizer, suspend, progress marking, requestedAt bookkeeping, Ready/Reconciling/Stalled, status write,
// requeue and backoff. Workers never reconcile one key twice at once (the work queue guarantees it).
import { randomUUID } from 'node:crypto';
import type { KubeClient } from '../kube/client.ts';
import { isNotFound } from '../kube/errors.ts';
import { type KubeObject, objectKey } from '../kube/object.ts';
import type { ResourceType } from '../kube/resources.ts';
import { parseDuration } from '../flags.ts';
import type { WatchCache } from '../cache/watch-cache.ts';
import { WorkQueue, type WorkQueueOptions } from '../queue/work-queue.ts';
import { type Condition, type ConditionInput, findCondition, removeCondition, setCondition } from './conditions.ts';
import { ReconcileError, type ReconcileResult } from './outcome.ts';
import { type Status, writeStatus } from './status-patch.ts';

export const requestedAtAnnotation = 'reconcile.fluxcd.io/requestedAt';
export const defaultFinalizer = 'finalizers.fluxcd.io';

export type EventType = 'Normal' | 'Warning' | 'Trace';

export interface ReconcileRequest<T extends KubeObject> {
  /** A private copy of the cached object. */
  object: T;
  /** The status being built; the runtime writes it when the reconcile ends. */
  status: Status;
  setCondition(condition: ConditionInput): void;
  removeCondition(type: string): void;
  reconcileID: string;
  /** Aborted when the controller shuts down and the grace period is over. */
  signal: AbortSignal;
  event(type: EventType, reason: string, message: string, metadata?: Record<string, string>): void;
  /** Whether the reconciler set or removed Ready itself in this reconcile (the runtime fills it in if not). */
  readyTouched(): boolean;
}

export interface Reconciler<T extends KubeObject> {
  reconcile(request: ReconcileRequest<T>): Promise<ReconcileResult>;
  /** Cleans up before the finalizer is removed from a deleted object. A throw retries with backoff. */
  finalize?(request: ReconcileRequest<T>): Promise<void>;
}

export type Outcome = 'success' | 'waiting' | 'stalled' | 'error' | 'suspended' | 'deleted';

export interface ReconciledInfo<T extends KubeObject> {
  object: T;
  previousStatus: Status;
  status: Status;
  outcome: Outcome;
  durationMs: number;
  reconcileID: string;
  error?: unknown;
}

/** How the manager plugs metrics, events, tracing and NATS into every reconcile. */
export interface ControllerHooks<T extends KubeObject> {
  event?(object: T, type: EventType, reason: string, message: string, metadata?: Record<string, string>): void;
  reconciled?(info: ReconciledInfo<T>): void;
  /** Wraps a reconcile, e.g. in a trace span. */
  around?<R>(object: T, reconcileID: string, run: () => Promise<R>): Promise<R>;
  error?(message: string, error: unknown, object?: T): void;
}

export interface ControllerOptions<T extends KubeObject> {
  /** Field manager for status and metadata writes, e.g. "source-controller". */
  fieldManager: string;
  client: KubeClient;
  cache: WatchCache<T>;
  reconciler: Reconciler<T>;
  concurrent?: number;
  /** The finalizer to own; null for controllers that need none. */
  finalizer?: string | null;
  queue?: WorkQueueOptions;
  /** Requeue interval after success; defaults to spec.interval. */
  interval?(object: T): number | undefined;
  /** Interval jitter in percent (--interval-jitter-percentage); the delay grows by up to this much. */
  jitterPercent?: number;
  isSuspended?(object: T): boolean;
  hooks?: ControllerHooks<T>;
  /**
   * How long a reconcile may run before its Reconciling mark is written (default 1 s). A reconcile that
   * ends sooner writes its status once; a slow one still shows Reconciling while it works.
   */
  progressGraceMs?: number;
}

const defaultProgressGraceMs = 1000;

export class Controller<T extends KubeObject> {
  readonly queue: WorkQueue;
  readonly resource: ResourceType;
  readonly #o: ControllerOptions<T>;
  readonly #finalizer: string | null;
  readonly #abort = new AbortController();
  #workers: Promise<void>[] = [];
  /** Keys being reconciled now; exposed for tests that assert exclusivity. */
  readonly active = new Set<string>();
  /** The resourceVersion each object's last status write produced, until a reconcile has seen it. */
  readonly #written = new Map<string, string>();

  constructor(options: ControllerOptions<T>) {
    this.#o = options;
    this.resource = options.cache.resource;
    this.#finalizer = options.finalizer === undefined ? defaultFinalizer : options.finalizer;
    this.queue = new WorkQueue(options.queue);
    options.cache.on({
      add: (o) => this.queue.add(objectKey(o)),
      update: (prev, cur) => {
        if (needsReconcile(prev, cur)) this.queue.add(objectKey(cur));
      },
      delete: (o) => {
        this.queue.forget(objectKey(o));
        this.#written.delete(objectKey(o));
      },
    });
  }

  /** Starts the workers. Call once the cache has synced (or is syncing: adds queue up meanwhile). */
  start(): void {
    const n = Math.max(1, this.#o.concurrent ?? 4);
    for (let i = 0; i < n; i++) this.#workers.push(this.#work());
  }

  /** Stops taking work and waits for in-flight reconciles; after `graceMs` their signal is aborted. */
  async stop(graceMs = 30_000): Promise<void> {
    this.queue.shutdown();
    const timer = setTimeout(() => this.#abort.abort(new Error('shutdown grace period expired')), graceMs);
    await Promise.all(this.#workers);
    clearTimeout(timer);
  }

  /** Enqueues an object now, e.g. when its source announced a new artifact on NATS. */
  enqueue(key: string): void {
    this.queue.add(key);
  }

  async #work(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      this.active.add(key);
      try {
        await this.#process(key);
      } catch (err) {
        // A failure outside the reconciler (a status write, a finalizer patch): retry with backoff.
        this.#o.hooks?.error?.(`reconcile of ${this.resource.kind} ${key} failed`, err);
        this.queue.addRateLimited(key);
      } finally {
        this.active.delete(key);
        this.queue.done(key);
      }
    }
  }

  async #process(key: string): Promise<void> {
    const cached = await this.#fresh(key);
    if (!cached) {
      this.queue.forget(key);
      return;
    }
    const object = structuredClone(cached);
    const reconcileID = randomUUID();
    const run = () => this.#lifecycle(key, object, reconcileID);
    await (this.#o.hooks?.around ? this.#o.hooks.around(object, reconcileID, run) : run());
  }

  /**
   * The object to reconcile: the cache's copy, unless the cache has not yet seen this controller's own
   * last status write. A reconcile started from that stale copy would compute status (history, say) from
   * before the write and then replace what the write added, so it reads the live object instead. That
   * happens when a trigger (a new artifact on NATS) arrives right after a reconcile wrote its status.
   */
  async #fresh(key: string): Promise<T | undefined> {
    const cached = this.#o.cache.get(key);
    const written = this.#written.get(key);
    if (!cached || written === undefined) return cached;
    this.#written.delete(key);
    if (cached.metadata.resourceVersion === written) return cached;
    try {
      return await this.#o.client.get<T>(this.resource, cached.metadata.namespace, cached.metadata.name);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async #lifecycle(key: string, object: T, reconcileID: string): Promise<void> {
    const started = performance.now();
    const previousStatus = structuredClone((object.status ?? {}) as Status);
    const status = structuredClone(previousStatus);
    const request = this.#request(object, status, reconcileID);
    const report = (outcome: Outcome, error?: unknown) =>
      this.#o.hooks?.reconciled?.({ object, previousStatus, status, outcome, durationMs: performance.now() - started, reconcileID, ...(error === undefined ? {} : { error }) });

    if (object.metadata.deletionTimestamp) {
      await this.#finalize(object, request);
      this.queue.forget(key);
      report('deleted');
      return;
    }
    if (this.#finalizer && !object.metadata.finalizers?.includes(this.#finalizer)) {
      // Upstream adds the finalizer and requeues. Going on with the answered object instead is the same
      // to an observer, and avoids a second pass that would read a cache not yet showing the finalizer.
      const answered = await this.#patchFinalizers(object, [...(object.metadata.finalizers ?? []), this.#finalizer]);
      if (!answered) return;
      object.metadata.finalizers = answered.metadata.finalizers ?? [];
      object.metadata.resourceVersion = answered.metadata.resourceVersion;
    }

    const generation = object.metadata.generation;
    const requestedAt = object.metadata.annotations?.[requestedAtAnnotation];
    const handled = () => {
      if (requestedAt !== undefined) status['lastHandledReconcileAt'] = requestedAt;
    };

    if ((this.#o.isSuspended ?? specSuspended)(object)) {
      handled();
      if (generation !== undefined) status['observedGeneration'] = generation;
      await this.#write(object, previousStatus, status);
      this.queue.forget(key);
      report('suspended');
      return;
    }

    // Progress marking: Reconciling (and Ready=Unknown) for a new generation or request. It is written
    // only if the reconcile outlasts the grace period; most end sooner, and one status write instead of
    // two halves the API traffic of a large first sync without hiding progress on slow ones.
    const observed = previousStatus['observedGeneration'] as number | undefined;
    const newGeneration = generation !== undefined && observed !== generation;
    const newRequest = requestedAt !== undefined && requestedAt !== previousStatus['lastHandledReconcileAt'];
    let progress: Promise<Status> | undefined;
    let timer: NodeJS.Timeout | undefined;
    let fired = false;
    if (newGeneration || newRequest) {
      const message = newGeneration && observed !== undefined && observed >= 0 ? `processing object: new generation ${observed} -> ${generation}` : 'reconciliation in progress';
      const mark = (c: ConditionInput) => (status.conditions = setCondition(status.conditions ?? [], c, generation));
      mark({ type: 'Reconciling', status: 'True', reason: 'Progressing', message });
      const ready = findCondition(status.conditions, 'Ready');
      if (!ready || ready.status === 'Unknown') mark({ type: 'Ready', status: 'Unknown', reason: 'Progressing', message });
      const marked = structuredClone(status);
      progress = new Promise<Status>((resolve) => {
        timer = setTimeout(() => {
          fired = true;
          this.#write(object, previousStatus, marked).then(
            (answered) => {
              if (answered) object.metadata.resourceVersion = answered.metadata.resourceVersion;
              resolve(marked);
            },
            // Only a progress hint was lost; the final write below carries the whole status anyway.
            () => resolve(previousStatus),
          );
        }, this.#o.progressGraceMs ?? defaultProgressGraceMs);
        timer.unref();
      });
    }

    let result: ReconcileResult | undefined;
    let failure: unknown;
    try {
      result = await this.#o.reconciler.reconcile(request);
    } catch (err) {
      failure = err;
    }
    clearTimeout(timer);
    // The final write is a patch against what the server holds: the progress mark if it was written.
    const written = fired && progress ? await progress : previousStatus;
    handled();
    const outcome = this.#settle(object, status, result, failure, request.readyTouched());
    await this.#write(object, written, status);
    this.#schedule(key, object, result, outcome);
    report(outcome, failure);
  }

  /** Turns the reconciler's result into Ready/Reconciling/Stalled and observedGeneration, and emits failure events. */
  #settle(object: T, status: Status, result: ReconcileResult | undefined, failure: unknown, readyTouched: boolean): Outcome {
    const generation = object.metadata.generation;
    const set = (c: ConditionInput) => (status.conditions = setCondition(status.conditions ?? [], c, generation));
    const conditions = () => (status.conditions ??= []);
    if (failure !== undefined) {
      const reason = failure instanceof ReconcileError ? failure.reason : 'ReconciliationFailed';
      const message = failure instanceof Error ? failure.message : String(failure);
      set({ type: 'Ready', status: 'False', reason, message });
      const reconciling = findCondition(status.conditions, 'Reconciling');
      if (reconciling) set({ type: 'Reconciling', status: 'True', reason: 'ProgressingWithRetry', message: reconciling.message });
      this.#event(object, 'Warning', reason, message);
      return 'error';
    }
    switch (result!.outcome) {
      case 'success': {
        const ready = findCondition(status.conditions, 'Ready');
        if (readyTouched && ready && ready.status !== 'True') {
          // Upstream's rule: a "success" whose Ready is not True is retried, with Ready's reason.
          set({ type: 'Reconciling', status: 'True', reason: 'ProgressingWithRetry', message: ready.message });
          this.#event(object, 'Warning', ready.reason, ready.message);
          return 'error';
        }
        removeCondition(conditions(), 'Reconciling');
        removeCondition(conditions(), 'Stalled');
        if (!readyTouched) set({ type: 'Ready', status: 'True', reason: 'Succeeded', message: 'reconciliation succeeded' });
        if (generation !== undefined) status['observedGeneration'] = generation;
        return 'success';
      }
      case 'waiting':
        set({ type: 'Ready', status: 'False', reason: result!.reason, message: result!.message });
        return 'waiting';
      case 'stalled':
        removeCondition(conditions(), 'Reconciling');
        set({ type: 'Stalled', status: 'True', reason: result!.reason, message: result!.message });
        set({ type: 'Ready', status: 'False', reason: result!.reason, message: result!.message });
        if (generation !== undefined) status['observedGeneration'] = generation;
        this.#event(object, 'Warning', result!.reason, result!.message);
        return 'stalled';
    }
  }

  #schedule(key: string, object: T, result: ReconcileResult | undefined, outcome: Outcome): void {
    if (outcome === 'error') {
      this.queue.addRateLimited(key);
      return;
    }
    this.queue.forget(key);
    if (outcome === 'stalled' || !result) return;
    const after = result.outcome === 'success' ? (result.requeueAfterMs ?? this.#interval(object)) : result.outcome === 'waiting' ? result.requeueAfterMs : undefined;
    if (after !== undefined && after > 0) this.queue.addAfter(key, this.#jitter(after));
  }

  async #finalize(object: T, request: ReconcileRequest<T>): Promise<void> {
    if (!this.#finalizer || !object.metadata.finalizers?.includes(this.#finalizer)) return;
    await this.#o.reconciler.finalize?.(request);
    await this.#patchFinalizers(
      object,
      object.metadata.finalizers.filter((f) => f !== this.#finalizer),
    );
  }

  async #patchFinalizers(object: T, finalizers: string[]): Promise<T | undefined> {
    try {
      // resourceVersion guards against dropping a finalizer someone else added since our read.
      return await this.#o.client.patch<T>(this.resource, object.metadata.namespace, object.metadata.name, {
        metadata: { finalizers, resourceVersion: object.metadata.resourceVersion },
      }, { fieldManager: this.#o.fieldManager });
    } catch (err) {
      if (!isNotFound(err)) throw err;
      return undefined;
    }
  }

  async #write(object: T, before: Status, after: Status): Promise<T | undefined> {
    try {
      const answered = await writeStatus(this.#o.client, this.resource, object, before, after, this.#o.fieldManager);
      if (answered?.metadata.resourceVersion) this.#written.set(objectKey(answered), answered.metadata.resourceVersion);
      return answered;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  #request(object: T, status: Status, reconcileID: string): ReconcileRequest<T> {
    const generation = object.metadata.generation;
    let readyTouched = false;
    return {
      object,
      status,
      reconcileID,
      signal: this.#abort.signal,
      setCondition: (c) => {
        if (c.type === 'Ready') readyTouched = true;
        status.conditions = setCondition(status.conditions ?? [], c, generation);
      },
      removeCondition: (type) => {
        if (type === 'Ready') readyTouched = true;
        removeCondition((status.conditions ??= []) as Condition[], type);
      },
      readyTouched: () => readyTouched,
      event: (type, reason, message, metadata) => this.#event(object, type, reason, message, metadata),
    };
  }

  #event(object: T, type: EventType, reason: string, message: string, metadata?: Record<string, string>): void {
    try {
      this.#o.hooks?.event?.(object, type, reason, message, metadata);
    } catch (err) {
      this.#o.hooks?.error?.('recording an event failed', err, object);
    }
  }

  #interval(object: T): number | undefined {
    if (this.#o.interval) return this.#o.interval(object);
    const raw = object.spec?.['interval'];
    if (typeof raw !== 'string') return undefined;
    try {
      return parseDuration(raw);
    } catch {
      return undefined;
    }
  }

  #jitter(ms: number): number {
    const pct = this.#o.jitterPercent ?? 0;
    return pct > 0 ? Math.round(ms * (1 + (Math.random() * pct) / 100)) : ms;
  }
}

const specSuspended = (o: KubeObject) => o.spec?.['suspend'] === true;

/**
 * Upstream's primary-watch predicates: a new generation, a new reconcile request, or the start of
 * deletion. Status-only writes (including our own) do not trigger a reconcile.
 */
export function needsReconcile(prev: KubeObject, cur: KubeObject): boolean {
  if (prev.metadata.generation !== cur.metadata.generation) return true;
  if (prev.metadata.annotations?.[requestedAtAnnotation] !== cur.metadata.annotations?.[requestedAtAnnotation]) return true;
  if (!prev.metadata.deletionTimestamp && cur.metadata.deletionTimestamp) return true;
  return false;
}
