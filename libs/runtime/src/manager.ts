// The Manager: what turns a handful of reconcilers into a controller process. It owns the pieces every
// Conflux controller shares (flags, logs, the API client, metrics, health, tracing, events, NATS, leader
// election) and runs them in upstream's order: caches on every replica, workers only on the leader, and
// a graceful shutdown that finishes in-flight work before it hands the Lease back.
import type { BusConnection, ReadinessHandler } from '@conflux/bus';
import { WatchCache } from './cache/watch-cache.ts';
import type { EventRecorder } from './events/recorder.ts';
import type { FlagSpec, FlagSpecs, FlagValues, RuntimeFlags } from './flags.ts';
import type { KubeClient } from './kube/client.ts';
import { type KubeObject, objectKey } from './kube/object.ts';
import type { ResourceType } from './kube/resources.ts';
import { LeaderElector } from './leader/election.ts';
import { controllerHooks } from './manager/hooks.ts';
import { leaderLog } from './manager/log-adapters.ts';
import { leaderElectionID, type ManagerFlags } from './manager/options.ts';
import { type ManagerOptions, type ManagerParts, managerParts } from './manager/parts.ts';
import { wireReconcileRequests } from './manager/reconcile-requests.ts';
import { delay, settledWithin } from './manager/wait.ts';
import type { HealthChecks } from './observability/health-checks.ts';
import { startHealthServer, startMetricsServer } from './observability/health.ts';
import type { HttpEndpoint } from './observability/http-endpoint.ts';
import type { Logger } from './observability/logging.ts';
import type { RuntimeMetrics } from './observability/metrics.ts';
import type { TraceCarrier, Tracing } from './observability/tracing.ts';
import { Controller, type Reconciler } from './reconcile/controller.ts';

export type { ManagerOptions } from './manager/parts.ts';

export interface ControllerSpec<T extends KubeObject> {
  resource: ResourceType;
  reconciler: Reconciler<T>;
  /** The finalizer to own; finalizers.fluxcd.io when absent, null for none. */
  finalizer?: string | null;
  /** Requeue interval after success; spec.interval when absent. */
  interval?(object: T): number | undefined;
  /** Parallel reconciles of this kind; --concurrent when absent. */
  concurrent?: number;
  isSuspended?(object: T): boolean;
  /** Trims objects before they are cached (the default drops managedFields). */
  transform?(object: T): T;
}

/** A registered controller: its cache (for indexes and lookups) and a way to ask for a reconcile now. */
export interface ManagedController<T extends KubeObject> {
  readonly controller: Controller<T>;
  readonly cache: WatchCache<T>;
  /** Reconciles `key` ("namespace/name") soon; `trace` (a readiness event's headers) joins that reconcile to the caller's trace. */
  enqueue(key: string, trace?: TraceCarrier): void;
}

/** Which readiness events a subscription wants: a subject filter, or the parts of the object that must match. */
export type ReadinessSelector = string | { group?: string; kind?: string; namespace?: string; name?: string };

export type ManagerState = 'new' | 'starting' | 'running' | 'stopping' | 'stopped';

interface Registered {
  name: string;
  controller: Controller<KubeObject>;
  cache: WatchCache<KubeObject>;
}

const gaugeSampleMs = 1000;
// Events recorded by the last reconciles may still be in flight at shutdown; they get this long at most.
const eventDrainMs = 5000;

/** Parses flags and builds every shared piece; nothing listens or reconciles until start(). */
export async function createManager<E extends FlagSpecs = Record<never, FlagSpec>>(
  options: ManagerOptions<E>,
): Promise<Manager<RuntimeFlags & ManagerFlags & FlagValues<E>>> {
  return new Manager(await managerParts(options));
}

export class Manager<F extends RuntimeFlags & ManagerFlags = RuntimeFlags & ManagerFlags> {
  readonly name: string;
  /** This process's identity in the Lease. */
  readonly identity: string;
  readonly flags: F;
  readonly log: Logger;
  readonly client: KubeClient;
  /** The namespace the controller runs in: the Lease lives here, and the only one watched with --watch-all-namespaces=false. */
  readonly namespace: string;
  readonly metrics: RuntimeMetrics;
  readonly health: HealthChecks;
  readonly tracing: Tracing;
  readonly recorder: EventRecorder;
  /** Resolves once the manager has stopped. */
  readonly done: Promise<void>;
  /** Resolves once this replica runs the workers (at once without leader election), like controller-runtime's Elected(). */
  readonly elected: Promise<void>;

  readonly #p: ManagerParts<F>;
  readonly #controllers: Registered[] = [];
  readonly #subscriptions = new Set<() => void>();
  readonly #inflightEvents = new Set<Promise<void>>();
  readonly #caches = new AbortController();
  #state: ManagerState = 'new';
  #elector: LeaderElector | undefined;
  #leading = false;
  #workersStarted = false;
  #healthEndpoint: HttpEndpoint | undefined;
  #metricsEndpoint: HttpEndpoint | undefined;
  #gaugeTimer: NodeJS.Timeout | undefined;
  #stopping: Promise<void> | undefined;
  #markDone!: () => void;
  #markElected!: () => void;
  #onSignal: ((signal: NodeJS.Signals) => void) | undefined;

  constructor(parts: ManagerParts<F>) {
    this.#p = parts;
    this.name = parts.name;
    this.identity = parts.identity;
    this.flags = parts.flags;
    this.log = parts.log;
    this.client = parts.client;
    this.namespace = parts.namespace;
    this.metrics = parts.metrics;
    this.health = parts.health;
    this.tracing = parts.tracing;
    this.recorder = parts.recorder;
    this.done = new Promise((resolve) => (this.#markDone = resolve));
    this.elected = new Promise((resolve) => (this.#markElected = resolve));
  }

  get state(): ManagerState {
    return this.#state;
  }

  /** True while this replica runs the workers: always without leader election, while it holds the Lease with it. */
  get leading(): boolean {
    return this.#leading;
  }

  /** The NATS connection, when --nats-url is set. */
  get bus(): BusConnection | undefined {
    return this.#p.bus?.connection;
  }

  /** Where /healthz and /readyz are served, once started (undefined with --health-addr=0). */
  get healthEndpoint(): HttpEndpoint | undefined {
    return this.#healthEndpoint;
  }

  /** Where /metrics is served, once started (undefined with --metrics-addr=0). */
  get metricsEndpoint(): HttpEndpoint | undefined {
    return this.#metricsEndpoint;
  }

  /**
   * Registers a controller for one kind. Call before start(). With NATS, the controller also enqueues
   * the objects of its kind named by reconcile requests, when its cache holds them (docs/adr/0003).
   */
  controller<T extends KubeObject>(spec: ControllerSpec<T>): ManagedController<T> {
    if (this.#state !== 'new') throw new Error(`register the ${spec.resource.kind} controller before start()`);
    const name = spec.resource.kind.toLowerCase();
    if (this.#controllers.some((c) => c.name === name)) throw new Error(`a ${spec.resource.kind} controller is already registered`);
    const { flags, log } = this;
    const cache = new WatchCache<T>(this.client, spec.resource, {
      ...(flags.watchAllNamespaces ? {} : { namespace: this.namespace }),
      ...(flags.watchLabelSelector ? { labelSelector: flags.watchLabelSelector } : {}),
      ...(spec.transform ? { transform: spec.transform } : {}),
      onError: (error) => log.warn({ controllerKind: spec.resource.kind, error }, 'watch failed; retrying'),
    });
    const pendingTrace = new Map<string, TraceCarrier>();
    cache.on({ delete: (o) => pendingTrace.delete(objectKey(o)) });
    const publisher = this.#p.bus?.publisher;
    const controller = new Controller<T>({
      fieldManager: this.name,
      client: this.client,
      cache,
      reconciler: spec.reconciler,
      concurrent: spec.concurrent ?? flags.concurrent,
      queue: { minRetryDelayMs: flags.minRetryDelayMs, maxRetryDelayMs: flags.maxRetryDelayMs },
      jitterPercent: flags.intervalJitterPercentage,
      ...(spec.finalizer !== undefined ? { finalizer: spec.finalizer } : {}),
      ...(spec.interval ? { interval: spec.interval } : {}),
      ...(spec.isSuspended ? { isSuspended: spec.isSuspended } : {}),
      hooks: controllerHooks<T>({
        resource: spec.resource,
        controllerName: name,
        // controllerKind is added per reconcile by reconcileLogger; repeating it here would print it twice.
        log: log.child({ controller: name, controllerGroup: spec.resource.group }),
        metrics: this.metrics,
        tracing: this.tracing,
        recorder: this.recorder,
        publisher: () => publisher,
        pendingTrace,
        track: (work) => this.#track(work),
      }),
    });
    this.#controllers.push({ name, controller: controller as unknown as Controller<KubeObject>, cache: cache as unknown as WatchCache<KubeObject> });
    this.metrics.setMaxConcurrentReconciles(name, spec.concurrent ?? flags.concurrent);
    const enqueue = (key: string, trace?: TraceCarrier) => {
      if (trace && Object.keys(trace).length > 0) pendingTrace.set(key, trace);
      controller.enqueue(key);
    };
    const bus = this.#p.bus;
    if (bus) {
      const close = wireReconcileRequests({ bus, resource: spec.resource, cache, enqueue, log: log.child({ controller: name, component: 'reconcile-requests' }) });
      this.#subscriptions.add(close);
    }
    return { controller, cache, enqueue };
  }

  /**
   * Runs `handler` for each readiness event matching `selector`, e.g. to enqueue the Kustomizations of a
   * source that announced a new artifact. Only a shortcut: every object still reconciles on its interval,
   * so a handler must only enqueue. Without NATS it never runs. Returns a function that unsubscribes.
   */
  onReadiness(selector: ReadinessSelector, handler: ReadinessHandler): () => void {
    const bus = this.#p.bus;
    if (!bus) return () => undefined;
    const filter = typeof selector === 'string' ? selector : bus.lib.subjectFilter(selector);
    const subscription = bus.lib.subscribeReadiness(bus.connection, handler, { filter });
    const close = () => {
      this.#subscriptions.delete(close);
      subscription.close();
    };
    this.#subscriptions.add(close);
    return close;
  }

  /**
   * Runs `handler` after NATS comes back from an outage (or first connects after failed attempts): the
   * readiness events sent meanwhile are lost, so the handler re-reads what its objects depend on and
   * enqueues those whose source revision differs from the one last applied. Without NATS it never runs.
   */
  onResync(handler: () => void | Promise<void>): () => void {
    return this.#p.bus?.connection.onResync(handler) ?? (() => undefined);
  }

  /**
   * Serves health and metrics, starts the caches and waits for their first list, then either starts the
   * workers or, with --enable-leader-election, campaigns for the Lease and starts them once leading.
   */
  async start(): Promise<void> {
    if (this.#state !== 'new') throw new Error(`manager ${this.name} was already started`);
    this.#state = 'starting';
    this.#installSignalHandlers();
    try {
      this.#healthEndpoint = await startHealthServer(this.flags.healthAddr, this.health);
      this.#metricsEndpoint = await startMetricsServer(this.flags.metricsAddr, this.metrics.registry);
      for (const c of this.#controllers) void c.cache.run(this.#caches.signal);
      this.#gaugeTimer = setInterval(() => this.#sampleGauges(), gaugeSampleMs);
      this.#gaugeTimer.unref();
      await this.#waitForCacheSync();
    } catch (err) {
      await this.stop();
      throw err;
    }
    if (this.#stopping) return;
    this.health.markCachesSynced();
    this.#sampleGauges();
    this.#state = 'running';
    this.log.info({ identity: this.identity, namespace: this.namespace, controllers: this.#controllers.map((c) => c.name) }, 'caches synced');
    if (this.flags.enableLeaderElection) this.#campaign();
    else this.#startWorkers();
  }

  /**
   * Stops taking work, lets in-flight reconciles finish within --graceful-shutdown-timeout, hands the
   * Lease back so a standby takes over at once, then closes NATS, the servers and the API client.
   * Idempotent; resolves when everything is closed.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#shutdown();
    return this.#stopping;
  }

  async #shutdown(): Promise<void> {
    this.#state = 'stopping';
    this.health.markShuttingDown();
    this.log.info('stopping: finishing in-flight reconciles');
    const grace = this.flags.gracefulShutdownTimeoutMs;
    // Controller.stop aborts the reconcilers' signal at the deadline; the margin lets them react to it.
    const finished = await settledWithin(Promise.all(this.#controllers.map((c) => c.controller.stop(grace))), grace + 2000);
    if (!finished) this.log.error({ gracePeriodMs: grace }, 'reconciles still running after the grace period; stopping anyway');
    this.#leading = false;
    await settledWithin(Promise.allSettled([...this.#inflightEvents]), eventDrainMs);
    await this.#elector?.release();
    this.#caches.abort();
    clearInterval(this.#gaugeTimer);
    for (const close of [...this.#subscriptions]) close();
    await this.#p.bus?.connection.close();
    await Promise.all([this.#healthEndpoint?.close(), this.#metricsEndpoint?.close()]);
    await this.tracing.shutdown().catch((error: unknown) => this.log.error({ error }, 'flushing traces failed'));
    this.client.close();
    this.#p.electionClient.close();
    this.#removeSignalHandlers();
    this.#state = 'stopped';
    this.log.info('stopped');
    this.#markDone();
  }

  async #waitForCacheSync(): Promise<void> {
    const timeoutMs = this.#p.options.cacheSyncTimeoutMs ?? 120_000;
    const signal = this.#caches.signal;
    const synced = Promise.all(this.#controllers.map((c) => c.cache.synced)).then(() => true);
    const inTime = await Promise.race([synced, delay(timeoutMs, signal).then(() => signal.aborted)]);
    if (!inTime) {
      const pending = this.#controllers.filter((c) => !c.cache.hasSynced).map((c) => c.cache.resource.kind);
      throw new Error(`caches of ${pending.join(', ')} did not sync within ${timeoutMs} ms; is the API server reachable and are the CRDs installed?`);
    }
  }

  #campaign(): void {
    const { flags } = this;
    const lease = leaderElectionID(this.name, flags.watchLabelSelector);
    const elector = new LeaderElector({
      client: this.#p.electionClient,
      namespace: this.namespace,
      name: lease,
      identity: this.identity,
      leaseDurationMs: flags.leaderElectionLeaseDurationMs,
      renewDeadlineMs: flags.leaderElectionRenewDeadlineMs,
      retryPeriodMs: flags.leaderElectionRetryPeriodMs,
      onStartedLeading: () => this.#startWorkers(),
      onStoppedLeading: () => {
        this.#leading = false;
      },
      log: leaderLog(this.log),
    });
    this.#elector = elector;
    void elector.run().then((outcome) => {
      if (outcome !== 'lost' || this.#stopping) return;
      // Another replica may already be reconciling: stop at once rather than finish anything, as upstream does.
      this.log.error({ lease: `${this.namespace}/${lease}` }, 'leader election lost; exiting');
      this.#exit(1);
    });
  }

  #startWorkers(): void {
    if (this.#stopping || this.#workersStarted) return;
    this.#workersStarted = true;
    this.#leading = true;
    for (const c of this.#controllers) c.controller.start();
    this.log.info({ identity: this.identity }, 'starting workers');
    this.#markElected();
  }

  #track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.log.error({ error }, 'recording an event failed'));
    this.#inflightEvents.add(tracked);
    void tracked.finally(() => this.#inflightEvents.delete(tracked));
  }

  #sampleGauges(): void {
    for (const c of this.#controllers) {
      this.metrics.setQueueDepth(c.name, c.controller.queue.depth);
      this.metrics.setActiveWorkers(c.name, c.controller.active.size);
      this.metrics.setCacheSize(c.cache.resource.kind, c.cache.size);
    }
  }

  #exit(code: number): void {
    (this.#p.options.exit ?? ((c: number) => process.exit(c)))(code);
  }

  #installSignalHandlers(): void {
    if (this.#p.options.handleSignals === false) return;
    this.#onSignal = (signal) => {
      if (this.#stopping) {
        // A second signal means "now": the operator is done waiting for the grace period.
        this.log.info({ signal }, 'second shutdown signal; exiting at once');
        this.#exit(1);
        return;
      }
      this.log.info({ signal }, 'shutdown signal received');
      this.stop().then(
        () => this.#exit(0),
        (error: unknown) => {
          this.log.error({ error }, 'shutdown failed');
          this.#exit(1);
        },
      );
    };
    process.on('SIGTERM', this.#onSignal);
    process.on('SIGINT', this.#onSignal);
  }

  #removeSignalHandlers(): void {
    if (!this.#onSignal) return;
    process.off('SIGTERM', this.#onSignal);
    process.off('SIGINT', this.#onSignal);
  }
}
