// Step: wait until the applied objects are healthy (reference §3.3), when spec.wait or
// spec.healthChecks asks for it, with healthCheckExprs deciding for the kinds they name. A failure or a
// timeout keeps lastAppliedRevision where it was and names the objects; a new revision or spec cancels
// the wait and requeues at once (HealthWaits).
import { ConditionType, KustomizeReason } from '@conflux/api';
import { findCondition, formatDuration, type KubeObject } from '@conflux/runtime';
import { ChangeAction, type ChangeSet, HealthCheckError, HealthCheckOutcome, type ObjectRef, splitApiVersion } from '@conflux/ssa';
import { type KustomizationObject, kustomizeGroup, type StepContext, type StepResult } from './context.ts';
import { event, retry } from './outcome.ts';
import { timeoutMs } from './timing.ts';

/** The objects to check: every applied one with wait (never skipped ones, never the Kustomization itself), else healthChecks. */
export function healthRefs(object: KustomizationObject, changeSet: ChangeSet): ObjectRef[] {
  if (object.spec.wait) {
    return changeSet.entries
      .filter((e) => e.action !== ChangeAction.Skipped)
      .map((e) => e.ref)
      .filter((r) => !(r.group === kustomizeGroup && r.kind === 'Kustomization' && r.namespace === object.metadata.namespace && r.name === object.metadata.name));
  }
  return (object.spec.healthChecks ?? []).map((hc) => {
    const { group, version } = splitApiVersion(hc.apiVersion || 'apps/v1');
    // Upstream does not default an empty namespace to the Kustomization's: it means cluster scope.
    return { group, version, kind: hc.kind, namespace: hc.namespace ?? '', name: hc.name };
  });
}

export async function checkHealth(ctx: StepContext): Promise<StepResult> {
  const { object, deps, request } = ctx;
  const refs = healthRefs(object, ctx.changeSet!);
  if (refs.length === 0) {
    request.removeCondition(ConditionType.Healthy);
    return 'continue';
  }
  const revision = ctx.source!.artifact.revision;
  const timeout = timeoutMs(object.spec);
  const message = `Running health checks for revision ${revision} with a timeout of ${formatDuration(timeout)}`;
  const wasHealthy = findCondition(object.status?.conditions, ConditionType.Healthy)?.status === 'True';
  request.setCondition({ type: ConditionType.Reconciling, status: 'True', reason: KustomizeReason.Progressing, message });
  request.setCondition({ type: ConditionType.Healthy, status: 'Unknown', reason: KustomizeReason.Progressing, message });
  const started = performance.now();
  const superseded = ctx.superseded;
  const signal = superseded ? AbortSignal.any([request.signal, superseded]) : request.signal;
  try {
    // healthCheckExprs, where some are set, take precedence over kstatus for the kinds they name.
    const rules = ctx.compiled?.healthRules;
    await ctx.resources!.waitForHealth(refs, {
      timeoutMs: timeout,
      signal,
      failFast: !deps.gates.DisableFailFastBehavior,
      ...(rules?.size ? { statusOf: (live: KubeObject) => rules.statusOf(live) } : {}),
    });
  } catch (err) {
    if (!(err instanceof HealthCheckError)) throw err;
    if (err.outcome === HealthCheckOutcome.Canceled && superseded?.aborted) {
      const why = superseded.reason instanceof Error ? superseded.reason.message : 'new revision detected';
      const text = `Health check canceled: ${why}`;
      request.setCondition({ type: ConditionType.Healthy, status: 'False', reason: KustomizeReason.HealthCheckCanceled, message: text });
      // Requeue at once: the reconcile for the new state is what the wait was holding up.
      return retry(ctx, KustomizeReason.HealthCheckCanceled, text, 1);
    }
    if (err.outcome === HealthCheckOutcome.Canceled) throw err;
    request.setCondition({ type: ConditionType.Healthy, status: 'False', reason: KustomizeReason.HealthCheckFailed, message: err.message });
    return retry(ctx, KustomizeReason.HealthCheckFailed, `health check failed after ${formatDuration(Math.round(performance.now() - started))}: ${err.message}`);
  }
  const passed = `Health check passed in ${formatDuration(Math.round(performance.now() - started))}`;
  request.setCondition({ type: ConditionType.Healthy, status: 'True', reason: KustomizeReason.Succeeded, message: passed });
  if (!wasHealthy) event(ctx, 'Normal', passed);
  return 'continue';
}
