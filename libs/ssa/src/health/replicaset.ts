import type { KubeObject } from '@conflux/runtime';
import { current, findCondition, type HealthResult, inProgress, intField } from './types.ts';

export function replicaSetStatus(o: KubeObject): HealthResult {
  const failure = findCondition(o, 'ReplicaFailure');
  if (failure?.status === 'True') return inProgress(`Replica failure: ${failure.message ?? 'check the pods'}`);
  const want = intField(o.spec, 'replicas', 1);
  const s = o.status;
  const checks: Array<[string, string]> = [
    ['fullyLabeledReplicas', 'Labelled'],
    ['availableReplicas', 'Available'],
    ['readyReplicas', 'Ready'],
  ];
  for (const [field, label] of checks) {
    const have = intField(s, field, 0);
    if (want > have) return inProgress(`${label}: ${have}/${want}`);
  }
  const replicas = intField(s, 'replicas', 0);
  if (replicas > want) return inProgress(`Pending termination: ${replicas - want}`);
  return current(`ReplicaSet is available. Replicas: ${replicas}`);
}
