import { updateField, type FieldSpec } from '../fieldspec.ts';
import { isClusterScoped, kindOf, metadata, nameOf, rename, type Resource } from '../resource.ts';

/**
 * The `namespace:` field. It overrides every namespaced object's namespace, renames Namespace objects
 * to the value, and fills the service namespaces of APIService and CRD conversion webhooks.
 */
export function applyNamespace(resources: readonly Resource[], namespace: string, extra: readonly FieldSpec[] = []): void {
  if (!namespace) return;
  for (const res of resources) {
    const obj = res.obj;
    for (const spec of extra) if (spec.path !== 'metadata/namespace') updateField(obj, spec, () => namespace);
    if (kindOf(obj) === 'Namespace' && obj['apiVersion'] === 'v1') {
      rename(res, namespace, '');
      continue;
    }
    if (!isClusterScoped(obj)) {
      if (String(metadata(obj)['namespace'] ?? '') !== namespace) rename(res, nameOf(obj), namespace);
    }
    updateField(obj, { group: 'apiregistration.k8s.io', kind: 'APIService', path: 'spec/service/namespace' }, () => namespace);
    updateField(obj, { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', path: 'spec/conversion/webhook/clientConfig/service/namespace' }, () => namespace);
    if (kindOf(obj) === 'RoleBinding' || kindOf(obj) === 'ClusterRoleBinding') setDefaultSubjects(obj, namespace);
  }
}

/** kustomize moves only the subjects named `default` (the default service account) into the namespace. */
function setDefaultSubjects(obj: Record<string, unknown>, namespace: string): void {
  const subjects = obj['subjects'];
  if (!Array.isArray(subjects)) return;
  for (const s of subjects) {
    if (s && typeof s === 'object' && (s as Record<string, unknown>)['name'] === 'default') {
      (s as Record<string, unknown>)['namespace'] = namespace;
    }
  }
}
