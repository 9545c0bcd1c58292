import type { ObjectRef } from './object-ref.ts';

// Upstream's apply order: definitions and cluster policy before what depends on them, workloads late,
// admission webhooks very last so that a broken webhook cannot block the objects applied with it.
const first = [
  'CustomResourceDefinition',
  'Namespace',
  'ClusterRole',
  'ClusterClass',
  'RuntimeClass',
  'PriorityClass',
  'StorageClass',
  'VolumeSnapshotClass',
  'IngressClass',
  'GatewayClass',
  'ClusterRoleBinding',
  'ResourceQuota',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'ConfigMap',
  'Secret',
  'Service',
  'LimitRange',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
const last = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

const kindIndex = new Map<string, number>([...first.map((k, i): [string, number] => [k, i - first.length]), ...last.map((k, i): [string, number] => [k, i + 1])]);

/** The sort position of a kind; the lookup ignores the group, as upstream's does. */
export function kindOrder(kind: string): number {
  return kindIndex.get(kind) ?? 0;
}

type Sortable = Pick<ObjectRef, 'group' | 'kind' | 'namespace' | 'name'>;

export function compareRefs(a: Sortable, b: Sortable): number {
  return (
    kindOrder(a.kind) - kindOrder(b.kind) ||
    compareText(a.group, b.group) ||
    compareText(a.kind, b.kind) ||
    compareText(a.namespace, b.namespace) ||
    compareText(a.name, b.name)
  );
}

/** Sorted copy in apply order. */
export function sortByApplyOrder<T>(items: readonly T[], refOf: (item: T) => Sortable): T[] {
  return [...items].sort((a, b) => compareRefs(refOf(a), refOf(b)));
}

// Byte order, as Go compares strings; localeCompare would fold case.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
