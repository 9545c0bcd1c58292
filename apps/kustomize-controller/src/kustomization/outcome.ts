// One place that turns a step's failure into conditions, an event and a requeue, as upstream does: a
// failed Kustomization is retried at its retryInterval (no exponential backoff), Ready carries the
// reason, Reconciling turns to ProgressingWithRetry, and a Warning event tells people.
import { ConditionType, EventMetadataKey, eventMetadataKey, KustomizeReason, OCIAnnotations } from '@conflux/api';
import { findCondition, type ReconcileResult, waiting } from '@conflux/runtime';
import { kustomizeGroup, type StepContext } from './context.ts';
import { retryIntervalMs } from './timing.ts';

/** The revision metadata every event about an attempt carries. */
export function revisionMetadata(ctx: StepContext, revision = ctx.source?.artifact.revision): Record<string, string> {
  const metadata: Record<string, string> = {};
  if (revision) metadata[eventMetadataKey(kustomizeGroup, EventMetadataKey.revision)] = revision;
  const origin = ctx.source?.artifact.metadata?.[OCIAnnotations.revision];
  if (origin) metadata[eventMetadataKey(kustomizeGroup, EventMetadataKey.originRevision)] = origin;
  return metadata;
}

/** An event whose reason is Ready's current reason, as upstream's event() picks it. */
export function event(ctx: StepContext, type: 'Normal' | 'Warning', message: string, extra: Record<string, string> = {}): void {
  const reason = findCondition(ctx.status.conditions, ConditionType.Ready)?.reason ?? (type === 'Warning' ? 'error' : 'info');
  ctx.request.event(type, reason, message, { ...revisionMetadata(ctx), ...extra });
}

/** Ready=False with `reason`, a Warning event, and a retry after `afterMs` (retryInterval by default). */
export function retry(ctx: StepContext, reason: string, message: string, afterMs = retryIntervalMs(ctx.object.spec)): ReconcileResult {
  ctx.request.setCondition({ type: ConditionType.Ready, status: 'False', reason, message });
  const reconciling = findCondition(ctx.status.conditions, ConditionType.Reconciling);
  if (reconciling) ctx.request.setCondition({ type: ConditionType.Reconciling, status: 'True', reason: KustomizeReason.ProgressingWithRetry, message: reconciling.message });
  event(ctx, 'Warning', message);
  return waiting(reason, message, afterMs);
}

/** Ready=False without an event, for the quiet waits upstream only logs (source or dependency not there yet). */
export function wait(ctx: StepContext, reason: string, message: string, afterMs: number): ReconcileResult {
  ctx.request.setCondition({ type: ConditionType.Ready, status: 'False', reason, message });
  return waiting(reason, message, afterMs);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
