import type { KubeObject } from '@conflux/runtime';
import { current, type HealthResult, inProgress, intField } from './types.ts';

/** Scheduled, updated, available and ready on every node it should run on. */
export function daemonSetStatus(o: KubeObject): HealthResult {
  const s = o.status;
  // The DaemonSet controller has not looked at this object yet: its counters mean nothing.
  if (typeof o.metadata.generation !== 'number' || typeof s?.['observedGeneration'] !== 'number') return inProgress('Waiting for the DaemonSet controller to observe the object');
  if (typeof s['desiredNumberScheduled'] !== 'number') return inProgress('Missing status.desiredNumberScheduled');
  const desired = intField(s, 'desiredNumberScheduled', 0);
  const checks: Array<[string, string]> = [
    ['currentNumberScheduled', 'Current'],
    ['updatedNumberScheduled', 'Updated'],
    ['numberAvailable', 'Available'],
    ['numberReady', 'Ready'],
  ];
  for (const [field, label] of checks) {
    const have = intField(s, field, 0);
    if (desired > have) return inProgress(`${label}: ${have}/${desired}`);
  }
  return current(`All replicas scheduled as expected. Replicas: ${desired}`);
}
