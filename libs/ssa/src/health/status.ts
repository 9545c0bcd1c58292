import type { KubeObject } from '@conflux/runtime';
import { splitApiVersion } from '../object-ref.ts';
import { crdStatus } from './crd.ts';
import { daemonSetStatus } from './daemonset.ts';
import { deploymentStatus } from './deployment.ts';
import { jobStatus } from './job.ts';
import { podStatus } from './pod.ts';
import { replicaSetStatus } from './replicaset.ts';
import { namespaceStatus, pvcStatus, serviceStatus } from './simple-kinds.ts';
import { statefulSetStatus } from './statefulset.ts';
import { current, findCondition, type HealthResult, HealthStatus, inProgress, type KindRule } from './types.ts';

// Keyed "group/Kind" ("Kind" alone for the core group), as kstatus looks them up.
const kindRules: ReadonlyMap<string, KindRule> = new Map<string, KindRule>([
  ['apps/Deployment', deploymentStatus],
  ['extensions/Deployment', deploymentStatus],
  ['apps/StatefulSet', statefulSetStatus],
  ['apps/DaemonSet', daemonSetStatus],
  ['extensions/DaemonSet', daemonSetStatus],
  ['apps/ReplicaSet', replicaSetStatus],
  ['extensions/ReplicaSet', replicaSetStatus],
  ['batch/Job', jobStatus],
  ['Pod', podStatus],
  ['PersistentVolumeClaim', pvcStatus],
  ['Service', serviceStatus],
  ['Namespace', namespaceStatus],
  ['apiextensions.k8s.io/CustomResourceDefinition', crdStatus],
]);

/**
 * The kstatus verdict on one object, from the object alone. The generic rules come first (terminating,
 * generation not observed, Reconciling, Stalled), then the kind's own rule, then the Ready condition; an
 * object none of these speak about is Current, which is why a custom resource without conditions counts
 * as healthy at once.
 */
export function computeStatus(o: KubeObject, now: number = Date.now()): HealthResult {
  if (o.metadata.deletionTimestamp) return { status: HealthStatus.Terminating, message: 'Resource is being deleted' };

  const generation = o.metadata.generation;
  const observed = o.status?.['observedGeneration'];
  if (typeof generation === 'number' && typeof observed === 'number' && generation !== observed) {
    return inProgress(`${o.kind ?? 'Resource'} generation is ${generation}, but the latest observed generation is ${observed}`);
  }

  const reconciling = findCondition(o, 'Reconciling');
  if (reconciling?.status === 'True') return inProgress(reconciling.message || reconciling.reason || 'Resource is reconciling');
  const stalled = findCondition(o, 'Stalled');
  if (stalled?.status === 'True') return { status: HealthStatus.Failed, message: stalled.message || stalled.reason || 'Resource is stalled' };

  const { group } = splitApiVersion(o.apiVersion ?? '');
  const rule = kindRules.get(group ? `${group}/${o.kind}` : (o.kind ?? ''));
  const verdict = rule?.(o, now);
  if (verdict) return verdict;

  const ready = findCondition(o, 'Ready');
  if (ready?.status === 'True') return current(ready.message || 'Resource is Ready');
  if (ready) return inProgress(ready.message || `Ready is ${ready.status}`);
  return current('Resource is current');
}
