import type { KubeObject } from '@conflux/runtime';

/** Where an object lives: what upstream calls ObjMetadata, plus the version it was read or applied at. */
export interface ObjectRef {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
}

const rbacGroup = 'rbac.authorization.k8s.io';
const rbacKinds: ReadonlySet<string> = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** Splits an apiVersion into group and version; the core group is the empty string. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function objectRefOf(o: KubeObject): ObjectRef {
  const { group, version } = splitApiVersion(o.apiVersion ?? '');
  return { group, version, kind: o.kind ?? '', namespace: o.metadata.namespace ?? '', name: o.metadata.name };
}

/** "<namespace>_<name>_<group>_<kind>", as upstream's inventory stores it. */
export function inventoryId(r: ObjectRef): string {
  // RBAC names may hold ':' (system:…), which upstream writes as '__' so the id stays a valid label-ish token.
  const name = r.group === rbacGroup && rbacKinds.has(r.kind) ? r.name.replaceAll(':', '__') : r.name;
  return `${r.namespace}_${name}_${r.group}_${r.kind}`;
}

/**
 * Reads an inventory id back. The namespace is the first field and the group and kind the last two, so the
 * name is whatever remains; object names cannot contain '_', which makes '__' in it an encoded ':'.
 */
export function parseInventoryId(id: string, version: string): ObjectRef {
  const first = id.indexOf('_');
  const last = id.lastIndexOf('_');
  const beforeLast = first < last ? id.lastIndexOf('_', last - 1) : -1;
  if (first < 0 || beforeLast <= first) throw new Error(`invalid inventory id "${id}": want <namespace>_<name>_<group>_<kind>`);
  const name = id.slice(first + 1, beforeLast).replaceAll('__', ':');
  const kind = id.slice(last + 1);
  if (!name || !kind) throw new Error(`invalid inventory id "${id}": empty name or kind`);
  return { namespace: id.slice(0, first), name, group: id.slice(beforeLast + 1, last), kind, version };
}

export function apiVersionOfRef(r: Pick<ObjectRef, 'group' | 'version'>): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** "Kind/namespace/name", or "Kind/name" when cluster-scoped: how upstream names an object in messages. */
export function subjectOf(r: Pick<ObjectRef, 'kind' | 'namespace' | 'name'>): string {
  return r.namespace ? `${r.kind}/${r.namespace}/${r.name}` : `${r.kind}/${r.name}`;
}

/** Identity without the version: two refs for the same object at different versions are the same object. */
export function sameObject(a: ObjectRef, b: ObjectRef): boolean {
  return a.group === b.group && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
}
