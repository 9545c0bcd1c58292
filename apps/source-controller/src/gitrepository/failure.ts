// One place that turns a failed step into a condition plus the outcome the runtime acts on: a stalling
// failure stops retries until the spec changes, anything else is thrown and retried with backoff. The
// runtime then emits the Warning event and copies the reason and message into Ready.
import { type ConditionInput, ReconcileError, type ReconcileResult, stalled } from '@conflux/runtime';
import type { StepContext } from './context.ts';

export function fail(ctx: StepContext, type: string, reason: string, message: string, stalling = false): ReconcileResult {
  const condition: ConditionInput = { type, status: 'True', reason, message };
  ctx.request.setCondition(condition);
  if (stalling) return stalled(reason, message);
  throw new ReconcileError(reason, message);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
