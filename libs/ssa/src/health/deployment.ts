import type { KubeObject } from '@conflux/runtime';
import { conditionsOf, current, failed, type HealthResult, inProgress, intField } from './types.ts';

/** Rolled out: every replica updated, ready and available, no old pods left, and the rollout reported complete. */
export function deploymentStatus(o: KubeObject): HealthResult {
  const want = intField(o.spec, 'replicas', 1);
  const s = o.status;
  const replicas = intField(s, 'replicas', 0);
  const updated = intField(s, 'updatedReplicas', 0);
  const ready = intField(s, 'readyReplicas', 0);
  const available = intField(s, 'availableReplicas', 0);

  // Without a progress deadline the controller never reports the rollout as complete, so there is nothing to wait for.
  let progressing = o.spec?.['progressDeadlineSeconds'] === undefined;
  let isAvailable = false;
  for (const c of conditionsOf(o)) {
    if (c.type === 'Progressing') {
      if (c.reason === 'ProgressDeadlineExceeded') return failed(`Progress deadline exceeded: ${c.message ?? 'the rollout made no progress'}`);
      if (c.status === 'True' && c.reason === 'NewReplicaSetAvailable') progressing = true;
    }
    if (c.type === 'Available' && c.status === 'True') isAvailable = true;
  }

  if (want > replicas) return inProgress(`Replicas: ${replicas}/${want}`);
  if (want > updated) return inProgress(`Updated: ${updated}/${want}`);
  if (replicas > want) return inProgress(`Pending termination: ${replicas - want}`);
  if (updated > available) return inProgress(`Available: ${available}/${updated}`);
  if (want > ready) return inProgress(`Ready: ${ready}/${want}`);
  if (!progressing) return inProgress('ReplicaSet not available');
  if (!isAvailable) return inProgress('Deployment not available');
  return current(`Deployment is available. Replicas: ${replicas}`);
}
