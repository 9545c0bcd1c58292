import type { KubeClient } from '../kube/client.ts';
import { type LeaderRecord, LeaseLock, type ObservedLease } from './lease-lock.ts';

/** Upstream Flux's timings (pkg/runtime/leaderelection): a Lease lasts 35 s, is renewed within 30 s, polled every 5 s. */
export const leaderElectionDefaults = {
  leaseDurationMs: 35_000,
  renewDeadlineMs: 30_000,
  retryPeriodMs: 5_000,
} as const;

export type LeaderElectionLogLevel = 'debug' | 'info' | 'error';
export type LeaderElectionLog = (level: LeaderElectionLogLevel, message: string, fields?: Record<string, unknown>) => void;

export interface LeaderElectorOptions {
  /** May be shared with the rest of the controller: each election request also gets its own deadline. */
  client: KubeClient;
  /** Namespace of the Lease, usually the controller's own (RUNTIME_NAMESPACE). */
  namespace: string;
  /** Name of the Lease, e.g. `source-controller-leader-election`. */
  name: string;
  /** Unique per process; upstream uses the pod name plus a random suffix. */
  identity: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /** Called once this process leads. `signal` aborts when it stops leading for any reason. */
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  /** Called once when leadership ends (lost, released or cancelled), after `signal` was aborted. */
  onStoppedLeading(): void;
  /** Called whenever the observed holder of the Lease changes, including to this process. */
  onNewLeader?(identity: string): void;
  log?: LeaderElectionLog;
}

/** How `run` ended: the caller usually exits the process on `lost`, as upstream controllers do. */
export type LeaderElectionOutcome = 'cancelled' | 'released' | 'lost';

/**
 * Leader election on a coordination.k8s.io/v1 Lease, following client-go's algorithm: a candidate takes
 * the Lease only when it is free or has not changed for a whole lease duration as measured on the
 * candidate's own clock (so clock skew between nodes does not matter), and the leader gives up as soon
 * as it fails to renew within the renew deadline, which is shorter than the lease duration, so it has
 * stopped before anyone else may take over.
 */
export class LeaderElector {
  private readonly lock: LeaseLock;
  private readonly options: LeaderElectorOptions;
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private readonly log: LeaderElectionLog;

  /** The last record seen, and when (local clock) it last changed: the basis for deciding expiry. */
  private observed: ObservedLease | undefined;
  private observedAtMs = 0;
  private reportedLeader: string | undefined;
  private leading: AbortController | undefined;
  private readonly stopping = new AbortController();
  private releaseRequested = false;
  private running: Promise<LeaderElectionOutcome> | undefined;

  constructor(options: LeaderElectorOptions) {
    this.options = options;
    this.leaseDurationMs = options.leaseDurationMs ?? leaderElectionDefaults.leaseDurationMs;
    this.renewDeadlineMs = options.renewDeadlineMs ?? leaderElectionDefaults.renewDeadlineMs;
    this.retryPeriodMs = options.retryPeriodMs ?? leaderElectionDefaults.retryPeriodMs;
    if (!(this.leaseDurationMs > this.renewDeadlineMs)) throw new Error('leaseDurationMs must be greater than renewDeadlineMs');
    // client-go demands the same margin, so that a few retries fit in before the deadline.
    if (!(this.renewDeadlineMs > this.retryPeriodMs * 1.2)) throw new Error('renewDeadlineMs must be greater than 1.2 × retryPeriodMs');
    if (!options.identity) throw new Error('leader election needs a non-empty identity');
    this.lock = new LeaseLock(options.client, options.namespace, options.name);
    this.log = options.log ?? (() => undefined);
  }

  isLeader(): boolean {
    return this.leading !== undefined && !this.leading.signal.aborted;
  }

  /** The identity the Lease was last seen to name, if any. */
  leader(): string | undefined {
    return this.reportedLeader;
  }

  /**
   * Campaigns until this process leads, then renews until `signal` aborts, `release()` is called or a
   * renewal misses the deadline. With `signal` aborted or `release()` the Lease is handed back at once.
   */
  run(signal?: AbortSignal): Promise<LeaderElectionOutcome> {
    if (this.running) throw new Error('LeaderElector.run may be called only once');
    const onAbort = () => this.stopping.abort();
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.running = this.campaignAndLead().finally(() => signal?.removeEventListener('abort', onAbort));
    return this.running;
  }

  /**
   * Graceful shutdown: stop leading and clear the Lease holder so a standby takes over on its next poll
   * instead of waiting for the lease to expire. Resolves once `run` has ended.
   */
  async release(): Promise<void> {
    this.releaseRequested = true;
    this.stopping.abort();
    await this.running?.catch(() => undefined);
  }

  private async campaignAndLead(): Promise<LeaderElectionOutcome> {
    const acquired = await this.acquire();
    if (!acquired) return this.releaseRequested ? 'released' : 'cancelled';

    const leading = new AbortController();
    this.leading = leading;
    this.log('info', 'successfully acquired lease', { lease: this.leaseKey(), identity: this.options.identity });
    void Promise.resolve()
      .then(() => this.options.onStartedLeading(leading.signal))
      .catch((err: unknown) => this.log('error', 'onStartedLeading failed', { error: String(err) }));

    const renewed = await this.renewUntilStopped();
    leading.abort();
    if (renewed) {
      await this.releaseLease();
    } else {
      this.log('error', 'failed to renew lease within the renew deadline, leadership lost', { lease: this.leaseKey() });
    }
    this.options.onStoppedLeading();
    if (!renewed) return 'lost';
    return this.releaseRequested ? 'released' : 'cancelled';
  }

  /** Polls until the Lease is ours; false if stopped first. */
  private async acquire(): Promise<boolean> {
    this.log('info', 'attempting to acquire leader lease', { lease: this.leaseKey() });
    while (!this.stopping.signal.aborted) {
      if (await this.tryAcquireOrRenew(this.retryPeriodMs)) return true;
      // Jitter keeps a fleet of standbys from polling the API server in lockstep.
      await sleep(this.retryPeriodMs * (1 + Math.random() * 0.2), this.stopping.signal);
    }
    return false;
  }

  /** Renews every retry period; returns false when a renewal missed the deadline, true when stopped. */
  private async renewUntilStopped(): Promise<boolean> {
    let lastRenewMs = Date.now();
    while (!this.stopping.signal.aborted) {
      await sleep(this.retryPeriodMs, this.stopping.signal);
      if (this.stopping.signal.aborted) return true;
      const deadline = lastRenewMs + this.renewDeadlineMs;
      let renewed = false;
      while (!renewed && Date.now() < deadline && !this.stopping.signal.aborted) {
        renewed = await this.tryAcquireOrRenew(deadline - Date.now());
        if (!renewed) await sleep(Math.min(this.retryPeriodMs, Math.max(0, deadline - Date.now())), this.stopping.signal);
      }
      if (this.stopping.signal.aborted) return true;
      if (!renewed) return false;
      lastRenewMs = Date.now();
    }
    return true;
  }

  /** One attempt to take or keep the Lease; never throws. */
  private async tryAcquireOrRenew(timeoutMs: number): Promise<boolean> {
    const identity = this.options.identity;
    const nowMs = Date.now();
    const desired: LeaderRecord = {
      holderIdentity: identity,
      leaseDurationSeconds: Math.max(1, Math.ceil(this.leaseDurationMs / 1000)),
      acquireTime: new Date(nowMs),
      renewTime: new Date(nowMs),
      leaseTransitions: 0,
    };
    try {
      const current = await this.lock.get(timeoutMs);
      if (!current) {
        const created = await this.lock.create(desired, timeoutMs);
        if (!created) return false;
        this.observe(created, Date.now());
        return true;
      }
      this.observe(current, nowMs);
      const record = current.record;
      const heldByOther = record.holderIdentity !== '' && record.holderIdentity !== identity;
      if (heldByOther && this.observedAtMs + this.leaseDurationMs > nowMs) return false;

      if (record.holderIdentity === identity) {
        desired.acquireTime = record.acquireTime ?? desired.acquireTime;
        desired.leaseTransitions = record.leaseTransitions;
      } else {
        desired.leaseTransitions = record.leaseTransitions + 1;
      }
      const updated = await this.lock.update(desired, current.resourceVersion, timeoutMs);
      if (!updated) return false;
      this.observe(updated, Date.now());
      return true;
    } catch (err) {
      this.log('error', 'error retrieving or updating lease', { lease: this.leaseKey(), error: errorMessage(err) });
      return false;
    }
  }

  /** Hands the Lease back: empty holder, so standbys may take it without waiting for expiry. */
  private async releaseLease(): Promise<void> {
    const current = this.observed;
    if (!current || current.record.holderIdentity !== this.options.identity) return;
    const nowMs = Date.now();
    const released: LeaderRecord = {
      holderIdentity: '',
      leaseDurationSeconds: 1,
      acquireTime: new Date(nowMs),
      renewTime: new Date(nowMs),
      leaseTransitions: current.record.leaseTransitions,
    };
    try {
      const updated = await this.lock.update(released, current.resourceVersion, this.renewDeadlineMs);
      if (updated) {
        this.observe(updated, nowMs);
        this.log('info', 'released leader lease', { lease: this.leaseKey() });
      } else {
        this.log('info', 'lease changed before release; leaving it as is', { lease: this.leaseKey() });
      }
    } catch (err) {
      this.log('error', 'failed to release lease', { lease: this.leaseKey(), error: errorMessage(err) });
    }
  }

  private observe(lease: ObservedLease, atMs: number): void {
    if (!this.observed || !sameRecord(this.observed.record, lease.record)) this.observedAtMs = atMs;
    this.observed = lease;
    const holder = lease.record.holderIdentity;
    if (holder !== '' && holder !== this.reportedLeader) {
      this.reportedLeader = holder;
      this.log('info', 'new leader elected', { lease: this.leaseKey(), leader: holder });
      try {
        this.options.onNewLeader?.(holder);
      } catch (err) {
        this.log('error', 'onNewLeader failed', { error: errorMessage(err) });
      }
    }
  }

  private leaseKey(): string {
    return `${this.options.namespace}/${this.options.name}`;
  }
}

function sameRecord(a: LeaderRecord, b: LeaderRecord): boolean {
  return (
    a.holderIdentity === b.holderIdentity &&
    a.leaseDurationSeconds === b.leaseDurationSeconds &&
    a.leaseTransitions === b.leaseTransitions &&
    a.acquireTime?.getTime() === b.acquireTime?.getTime() &&
    a.renewTime?.getTime() === b.renewTime?.getTime()
  );
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
