import type { ObjectRef } from './object-ref.ts';

export const Stage = {
  /** CRDs, Namespaces and ClusterRoles: what the other objects need to exist or be allowed. */
  Definitions: 'definitions',
  /** Every kind named *Class (StorageClass, IngressClass, …): referenced by the objects that follow. */
  Classes: 'classes',
  Rest: 'rest',
} as const;
export type Stage = (typeof Stage)[keyof typeof Stage];

export const stageOrder: readonly Stage[] = [Stage.Definitions, Stage.Classes, Stage.Rest];

export function stageOf(r: Pick<ObjectRef, 'group' | 'kind'>): Stage {
  if (isDefinition(r)) return Stage.Definitions;
  if (r.kind.endsWith('Class')) return Stage.Classes;
  return Stage.Rest;
}

function isDefinition(r: Pick<ObjectRef, 'group' | 'kind'>): boolean {
  if (r.kind.toLowerCase() === 'customresourcedefinition' && r.group === 'apiextensions.k8s.io') return true;
  if (r.kind === 'Namespace' && r.group === '') return true;
  return r.kind === 'ClusterRole' && r.group === 'rbac.authorization.k8s.io';
}

/** Splits objects into the stages in order, keeping empty stages out. */
export function splitStages<T>(items: readonly T[], refOf: (item: T) => Pick<ObjectRef, 'group' | 'kind'>): Array<{ stage: Stage; items: T[] }> {
  return stageOrder
    .map((stage) => ({ stage, items: items.filter((i) => stageOf(refOf(i)) === stage) }))
    .filter((s) => s.items.length > 0);
}
