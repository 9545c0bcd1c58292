import type { SortOptions } from '../kustomization.ts';
import { groupVersionOf, kindOf, nameOf, namespaceOf, type Resource } from '../resource.ts';

/** kustomize's legacy order: kinds that must exist before others come first, webhooks last. */
export const legacyOrderFirst = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy',
  'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service',
  'LimitRange', 'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Deployment', 'StatefulSet',
  'CronJob', 'PodDisruptionBudget',
] as const;
export const legacyOrderLast = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'] as const;

/**
 * The root kustomization's `sortOptions`: `fifo` keeps the build order; `legacy` ranks kinds (listed first,
 * unlisted, listed last), then orders by group, version and kind, then namespace and name.
 */
export function sortResources(resources: readonly Resource[], options: SortOptions): Resource[] {
  if (options.order !== 'legacy') return [...resources];
  const first = options.legacySortOptions?.orderFirst ?? legacyOrderFirst;
  const last = options.legacySortOptions?.orderLast ?? legacyOrderLast;
  const rank = new Map<string, number>();
  first.forEach((kind, i) => rank.set(kind, i - first.length));
  last.forEach((kind, i) => rank.set(kind, i + 1));
  const key = (res: Resource): { rank: number; gvk: string; id: string } => {
    const { group, version } = groupVersionOf(res.obj);
    const kind = kindOf(res.obj);
    return {
      rank: rank.get(kind) ?? 0,
      gvk: [group || '~G', version || '~V', kind || '~K'].join('_'),
      id: [namespaceOf(res.obj) || '~X', nameOf(res.obj) || '~N'].join('|'),
    };
  };
  const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return resources
    .map((res) => ({ res, k: key(res) }))
    .sort((a, b) => a.k.rank - b.k.rank || byCodeUnit(a.k.gvk, b.k.gvk) || byCodeUnit(a.k.id, b.k.id))
    .map(({ res }) => res);
}
