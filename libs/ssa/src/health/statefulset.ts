import type { KubeObject } from '@conflux/runtime';
import { current, type HealthResult, inProgress, intField } from './types.ts';

/** Every replica ready and on the update revision; a partitioned rollout only needs the pods above the partition. */
export function statefulSetStatus(o: KubeObject): HealthResult {
  const strategy = o.spec?.['updateStrategy'] as { type?: string; rollingUpdate?: Record<string, unknown> } | undefined;
  // With OnDelete nothing rolls out until someone deletes pods, so waiting would never end.
  if (strategy?.type === 'OnDelete') return current('StatefulSet is using the OnDelete update strategy');

  const want = intField(o.spec, 'replicas', 1);
  const s = o.status;
  const replicas = intField(s, 'replicas', 0);
  const ready = intField(s, 'readyReplicas', 0);
  const currentReplicas = intField(s, 'currentReplicas', 0);
  const updated = intField(s, 'updatedReplicas', 0);
  const partition = intField(strategy?.rollingUpdate, 'partition', -1);

  if (want > replicas) return inProgress(`Replicas: ${replicas}/${want}`);
  if (want > ready) return inProgress(`Ready: ${ready}/${want}`);
  if (partition !== -1) {
    const expected = Math.max(want - partition, 0);
    if (updated < expected) return inProgress(`Partitioned rollout: ${updated}/${expected} updated`);
    return current(`Partitioned rollout complete. Updated: ${updated}`);
  }
  if (want > currentReplicas) return inProgress(`Current: ${currentReplicas}/${want}`);
  if (s?.['currentRevision'] !== s?.['updateRevision']) return inProgress('Waiting for the update revision to become current');
  return current(`All replicas scheduled as expected. Replicas: ${replicas}`);
}
