// Steps at both ends of a reconcile: refuse the spec fields Conflux cannot honour yet (before any work),
// and record success (after health checks): lastAppliedRevision moves only here.
import { commitStatusUpdateValue, ConditionType, EventMetadataKey, eventMetadataKey, KustomizeReason, OCIAnnotations } from '@conflux/api';
import { formatDuration, type ReconcileResult, stalled, success } from '@conflux/runtime';
import { kustomizeGroup, type StepContext, type StepResult } from './context.ts';
import { event } from './outcome.ts';
import { intervalMs } from './timing.ts';

export function checkSpec(ctx: StepContext): StepResult {
  const { spec } = ctx.object;
  // No maintained CEL implementation is available on npm to Conflux yet; refusing beats guessing.
  if (spec.healthCheckExprs?.length && (spec.wait || spec.healthChecks?.length)) {
    return stalled(KustomizeReason.InvalidCELExpression, 'healthCheckExprs need CEL, which Conflux does not evaluate yet; remove them to use the built-in kstatus rules');
  }
  return 'continue';
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
