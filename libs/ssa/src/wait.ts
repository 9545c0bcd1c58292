import { isNotFound, type KubeObject } from '@conflux/runtime';
import { mapLimit, sleep } from './async.ts';
import type { ManagerContext } from './context.ts';
import { HealthCheckError, HealthCheckOutcome, type UnhealthyObject } from './errors.ts';
import { computeStatus } from './health/status.ts';
import { type HealthResult, HealthStatus } from './health/types.ts';
import { type ObjectRef, subjectOf } from './object-ref.ts';
import { NoKindMatchError } from './rest-mapper.ts';

export interface WaitOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Time between polls; upstream polls every 5 s. */
  pollMs?: number;
  /** Stop as soon as one object is Failed instead of waiting for the others (default true, as upstream). */
  failFast?: boolean;
  /**
   * A verdict that takes precedence over kstatus for the objects it answers (undefined: kstatus decides),
   * e.g. a Kustomization's healthCheckExprs.
   */
  statusOf?: (live: KubeObject) => HealthResult | undefined;
}

export interface ObservedStatus extends HealthResult {
  ref: ObjectRef;
}

/**
 * Polls the live objects until all are Current. It gives up early when an object is Failed (fail-fast),
 * or when every object has settled as Current or Failed; and after the deadline it names every object
 * that is not Current, with kstatus's message saying why. Aborting the signal ends the wait at once.
 */
export async function waitForHealth(ctx: ManagerContext, refs: readonly ObjectRef[], options: WaitOptions): Promise<void> {
  if (refs.length === 0) return;
  const deadline = Date.now() + options.timeoutMs;
  const pollMs = options.pollMs ?? 5_000;
  const failFast = options.failFast ?? true;
  // Jobs with a TTL may be deleted by the TTL controller once done; seen once with a TTL, NotFound means done.
  const jobsWithTTL = new Set<string>();
  const canceled = (observed: ObservedStatus[]) =>
    new HealthCheckError(`health check canceled: ${reasonText(options.signal)}`, HealthCheckOutcome.Canceled, notCurrent(observed));
  let observed: ObservedStatus[] = [];
  for (;;) {
    if (options.signal?.aborted) throw canceled(observed);
    // Bounded so a 1500-object Kustomization does not open 1500 requests at once; readStatus never throws.
    observed = await mapLimit(refs, 16, (ref) => readStatus(ctx, ref, jobsWithTTL, options.statusOf));
    if (options.signal?.aborted) throw canceled(observed);
    if (observed.every((o) => o.status === HealthStatus.Current)) return;
    const failedOnes = observed.filter((o) => o.status === HealthStatus.Failed);
    const settled = observed.every((o) => o.status === HealthStatus.Current || o.status === HealthStatus.Failed);
    if ((failFast && failedOnes.length > 0) || settled) {
      const list = notCurrent(failedOnes);
      throw new HealthCheckError(`failed early due to stalled resources: [${list.map(describe).join(', ')}]`, HealthCheckOutcome.Failed, list);
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      const list = notCurrent(observed);
      throw new HealthCheckError(`timeout waiting for: [${list.map(describe).join(', ')}]`, HealthCheckOutcome.Timeout, list);
    }
    try {
      await sleep(Math.min(pollMs, left), options.signal);
    } catch {
      throw canceled(observed);
    }
  }
}

/** One GET and the kstatus verdict; a read error is Unknown rather than a failed wait, since the next poll may succeed. */
export async function readStatus(
  ctx: ManagerContext,
  ref: ObjectRef,
  jobsWithTTL: Set<string> = new Set(),
  statusOf?: WaitOptions['statusOf'],
): Promise<ObservedStatus> {
  const key = subjectOf(ref);
  try {
    const resource = await ctx.mapper.resourceFor(ref.group, ref.version, ref.kind);
    const live = await ctx.client.get<KubeObject>(resource, ref.namespace || undefined, ref.name);
    if (ref.kind === 'Job' && ref.group === 'batch' && live.spec?.['ttlSecondsAfterFinished'] !== undefined) jobsWithTTL.add(key);
    return { ref, ...(statusOf?.(live) ?? computeStatus(live)) };
  } catch (err) {
    if (isNotFound(err)) {
      if (jobsWithTTL.has(key)) return { ref, status: HealthStatus.Current, message: 'Job finished and was removed by its TTL' };
      return { ref, status: HealthStatus.NotFound, message: 'Resource not found' };
    }
    const message = err instanceof NoKindMatchError || err instanceof Error ? err.message : String(err);
    return { ref, status: HealthStatus.Unknown, message: `can't determine status: ${message}` };
  }
}

function notCurrent(observed: readonly ObservedStatus[]): UnhealthyObject[] {
  return observed
    .filter((o) => o.status !== HealthStatus.Current)
    .map((o) => ({ ref: o.ref, subject: subjectOf(o.ref), status: o.status, message: o.message }));
}

function describe(o: UnhealthyObject): string {
  return o.message ? `${o.subject} status: '${o.status}': ${o.message}` : `${o.subject} status: '${o.status}'`;
}

function reasonText(signal: AbortSignal | undefined): string {
  const r: unknown = signal?.reason;
  if (r instanceof Error) return r.message;
  return r === undefined ? 'aborted' : String(r);
}
