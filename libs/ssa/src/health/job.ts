import type { KubeObject } from '@conflux/runtime';
import { current, failed, findCondition, type HealthResult, inProgress, intField } from './types.ts';

/**
 * Flux's Job rule, stricter than kstatus's: a Job is healthy only once it has completed (or is suspended),
 * not merely started, so that a migration Job gates what is applied after it.
 */
export function jobStatus(o: KubeObject): HealthResult {
  const s = o.status;
  const completions = intField(o.spec, 'completions', 1);
  if (findCondition(o, 'Complete')?.status === 'True') return current(`Job completed. Succeeded: ${intField(s, 'succeeded', 0)}/${completions}`);
  const failure = findCondition(o, 'Failed');
  if (failure?.status === 'True') return failed(`Job failed: ${failure.message ?? failure.reason ?? ''}. Failed: ${intField(s, 'failed', 0)}`);
  if (o.spec?.['suspend'] === true) return current('Job is suspended');
  return inProgress(`Job in progress. Succeeded: ${intField(s, 'succeeded', 0)}/${completions}, active: ${intField(s, 'active', 0)}`);
}
