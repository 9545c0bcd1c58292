// The health wait when healthCheckExprs cover some of the objects: libs/ssa's wait loop, with the CEL
// verdict taking precedence over the kstatus rules for the kinds the expressions name. It keeps the
// ssa wait's stopping rules and messages (poll, fail-fast, "settled", timeout, cancel) so that a
// Kustomization reads the same whichever wait ran. libs/ssa has no hook for a custom status function
// yet; once it has one, this module reduces to passing `rules.statusOf` to it.
import { isNotFound, type KubeClient, type KubeObject } from '@conflux/runtime';
import { computeStatus, HealthCheckError, HealthCheckOutcome, type HealthResult, HealthStatus, type ObjectRef, type RESTMapper, subjectOf, type UnhealthyObject, type WaitOptions } from '@conflux/ssa';
import type { HealthRules } from './health-rules.ts';

interface Observed extends HealthResult {
  ref: ObjectRef;
}

export async function waitWithRules(client: KubeClient, mapper: RESTMapper, refs: readonly ObjectRef[], rules: HealthRules, options: WaitOptions): Promise<void> {
  if (refs.length === 0) return;
  const deadline = Date.now() + options.timeoutMs;
  const pollMs = options.pollMs ?? 5_000;
  const failFast = options.failFast ?? true;
  const jobsWithTTL = new Set<string>();
  let observed: Observed[] = [];
  const canceled = () => new HealthCheckError(`health check canceled: ${reasonText(options.signal)}`, HealthCheckOutcome.Canceled, notCurrent(observed));
  for (;;) {
    if (options.signal?.aborted) throw canceled();
    observed = await readAll(refs, (ref) => readWithRules(client, mapper, ref, rules, jobsWithTTL));
    if (options.signal?.aborted) throw canceled();
    if (observed.every((o) => o.status === HealthStatus.Current)) return;
    const failed = observed.filter((o) => o.status === HealthStatus.Failed);
    const settled = observed.every((o) => o.status === HealthStatus.Current || o.status === HealthStatus.Failed);
    if ((failFast && failed.length > 0) || settled) {
      const list = notCurrent(failed);
      throw new HealthCheckError(`failed early due to stalled resources: [${list.map(describe).join(', ')}]`, HealthCheckOutcome.Failed, list);
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      const list = notCurrent(observed);
      throw new HealthCheckError(`timeout waiting for: [${list.map(describe).join(', ')}]`, HealthCheckOutcome.Timeout, list);
    }
    const slept = await sleep(Math.min(pollMs, left), options.signal);
    if (!slept) throw canceled();
  }
}

/** One GET and a verdict: the CEL rule's when one covers the kind, kstatus's otherwise. A read or evaluation error is Unknown. */
export async function readWithRules(client: KubeClient, mapper: RESTMapper, ref: ObjectRef, rules: HealthRules, jobsWithTTL: Set<string>): Promise<Observed> {
  const key = subjectOf(ref);
  try {
    const resource = await mapper.resourceFor(ref.group, ref.version, ref.kind);
    const live = await client.get<KubeObject>(resource, ref.namespace || undefined, ref.name);
    if (ref.kind === 'Job' && ref.group === 'batch' && live.spec?.['ttlSecondsAfterFinished'] !== undefined) jobsWithTTL.add(key);
    return { ref, ...(rules.statusOf(live) ?? computeStatus(live)) };
  } catch (err) {
    if (isNotFound(err)) {
      if (jobsWithTTL.has(key)) return { ref, status: HealthStatus.Current, message: 'Job finished and was removed by its TTL' };
      return { ref, status: HealthStatus.NotFound, message: 'Resource not found' };
    }
    return { ref, status: HealthStatus.Unknown, message: `can't determine status: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function notCurrent(observed: readonly Observed[]): UnhealthyObject[] {
  return observed.filter((o) => o.status !== HealthStatus.Current).map((o) => ({ ref: o.ref, subject: subjectOf(o.ref), status: o.status, message: o.message }));
}

function describe(o: UnhealthyObject): string {
  return o.message ? `${o.subject} status: '${o.status}': ${o.message}` : `${o.subject} status: '${o.status}'`;
}

function reasonText(signal: AbortSignal | undefined): string {
  const r: unknown = signal?.reason;
  if (r instanceof Error) return r.message;
  return r === undefined ? 'aborted' : String(r);
}

// Bounded like the ssa wait, so a Kustomization of 1500 objects does not open 1500 requests at once.
const readConcurrency = 16;

async function readAll(refs: readonly ObjectRef[], read: (ref: ObjectRef) => Promise<Observed>): Promise<Observed[]> {
  const out: Observed[] = new Array(refs.length);
  let next = 0;
  const worker = async () => {
    while (next < refs.length) {
      const i = next++;
      out[i] = await read(refs[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(readConcurrency, refs.length) }, worker));
  return out;
}

/** Resolves true after `ms`, false as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
