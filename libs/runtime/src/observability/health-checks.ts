/**
 * A named probe. It fails when it throws, rejects or returns false; the error message becomes the reason.
 * Checks run on every probe, so they must be cheap.
 */
export type HealthCheck = () => boolean | void | Promise<boolean | void>;

export const Probe = {
  Healthz: 'healthz',
  Readyz: 'readyz',
} as const;
export type Probe = (typeof Probe)[keyof typeof Probe];

export interface CheckResult {
  name: string;
  ok: boolean;
  reason?: string;
}

export interface ProbeReport {
  ok: boolean;
  results: CheckResult[];
}

export interface HealthChecks {
  addHealthzCheck(name: string, check: HealthCheck): void;
  addReadyzCheck(name: string, check: HealthCheck): void;
  /** Readiness waits for this: the watch caches have listed every kind at least once. */
  markCachesSynced(): void;
  /** Fails readiness from now on, so a terminating replica stops receiving traffic before it exits. */
  markShuttingDown(): void;
  /** Runs every check of a probe, or only the one named `only`; undefined when no such check exists. */
  run(probe: Probe, only?: string): Promise<ProbeReport | undefined>;
}

export const CheckName = {
  Ping: 'ping',
  CacheSync: 'cache-sync',
  ShuttingDown: 'shutdown',
} as const;

// A hung check must not hang the kubelet's probe, whose own timeout defaults to one second.
const checkTimeoutMs = 2000;

export function createHealthChecks(): HealthChecks {
  const checks: Record<Probe, Map<string, HealthCheck>> = { healthz: new Map(), readyz: new Map() };
  let synced = false;
  let shuttingDown = false;
  const add = (probe: Probe, name: string, check: HealthCheck) => {
    if (checks[probe].has(name)) throw new Error(`${probe} check "${name}" is already registered`);
    checks[probe].set(name, check);
  };
  add(Probe.Healthz, CheckName.Ping, () => true);
  add(Probe.Readyz, CheckName.Ping, () => true);
  add(Probe.Readyz, CheckName.CacheSync, () => {
    if (!synced) throw new Error('watch caches have not synced yet');
  });
  add(Probe.Readyz, CheckName.ShuttingDown, () => {
    if (shuttingDown) throw new Error('shutting down');
  });

  return {
    addHealthzCheck: (name, check) => add(Probe.Healthz, name, check),
    addReadyzCheck: (name, check) => add(Probe.Readyz, name, check),
    markCachesSynced: () => void (synced = true),
    markShuttingDown: () => void (shuttingDown = true),
    async run(probe, only) {
      const selected = [...checks[probe]].filter(([name]) => only === undefined || name === only);
      if (selected.length === 0) return undefined;
      const results = await Promise.all(selected.map(([name, check]) => runCheck(name, check)));
      return { ok: results.every((r) => r.ok), results };
    },
  };
}

async function runCheck(name: string, check: HealthCheck): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${checkTimeoutMs}ms`)), checkTimeoutMs);
  });
  try {
    const outcome = await Promise.race([Promise.resolve().then(check), timeout]);
    return outcome === false ? { name, ok: false, reason: 'check returned false' } : { name, ok: true };
  } catch (err) {
    return { name, ok: false, reason: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}
