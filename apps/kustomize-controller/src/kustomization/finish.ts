// Steps at both ends of a reconcile: compile the spec's CEL and refuse what cannot work (before any
// work), and record success (after health checks): lastAppliedRevision moves only here.
import { commitStatusUpdateValue, ConditionType, EventMetadataKey, eventMetadataKey, KustomizeReason, OCIAnnotations } from '@conflux/api';
import { loadCel } from '@conflux/cel';
import { formatDuration, objectKey, type ReconcileResult, stalled, success } from '@conflux/runtime';
import { kustomizeGroup, type StepContext, type StepResult } from './context.ts';
import { errorMessage, event } from './outcome.ts';
import { intervalMs } from './timing.ts';

/** Upstream's prefix for configuration errors that stop reconciling until the spec changes. */
export const terminalErrorMessage = 'Reconciliation failed terminally due to configuration error';

/** Compiles healthCheckExprs and readyExprs (cached per generation); an invalid one stalls the Kustomization. */
export async function checkSpec(ctx: StepContext): Promise<StepResult> {
  const { object, deps } = ctx;
  // The CEL engine is loaded by the first Kustomization that has an expression, not at start-up.
  if (usesCel(object.spec)) await loadCel();
  try {
    ctx.compiled = deps.compiledSpecs.get(object.metadata.uid ?? objectKey(object), object.metadata.generation, object.spec);
  } catch (err) {
    return stalled(KustomizeReason.InvalidCELExpression, `${terminalErrorMessage}: ${errorMessage(err)}`);
  }
  return 'continue';
}

function usesCel(spec: StepContext['object']['spec']): boolean {
  return (spec.healthCheckExprs?.length ?? 0) > 0 || (spec.dependsOn ?? []).some((d) => !!d.readyExpr);
}

export function finish(ctx: StepContext): ReconcileResult {
  const { artifact } = ctx.source!;
  ctx.status.lastAppliedRevision = artifact.revision;
  const origin = artifact.metadata?.[OCIAnnotations.revision];
  if (origin) ctx.status.lastAppliedOriginRevision = origin;
  else delete ctx.status.lastAppliedOriginRevision;
  ctx.request.setCondition({ type: ConditionType.Ready, status: 'True', reason: KustomizeReason.ReconciliationSucceeded, message: `Applied revision: ${artifact.revision}` });
  const interval = intervalMs(ctx.object.spec);
  event(ctx, 'Normal', `Reconciliation finished in ${formatDuration(Math.round(performance.now() - ctx.startedAt))}, next run in ${formatDuration(interval)}`, {
    [eventMetadataKey(kustomizeGroup, EventMetadataKey.commitStatus)]: commitStatusUpdateValue,
  });
  return success(interval);
}
