import { updateField, type FieldSpec } from './fieldspec.ts';
import { allNames, groupVersionOf, isClusterScoped, kindOf, nameOf, namespaceOf, sameNamespace, type Resource } from './resource.ts';

// Where kustomize's nameReference configuration (builtinpluginconsts/namereference.go) finds references,
// for the referenced kinds this build handles so far.

const podSpecOwners: { kind: string; group?: string; prefix: string }[] = [
  { kind: 'Pod', prefix: 'spec' },
  { kind: 'PodTemplate', prefix: 'template/spec' },
  { kind: 'ReplicationController', prefix: 'spec/template/spec' },
  { kind: 'Deployment', prefix: 'spec/template/spec' },
  { kind: 'ReplicaSet', prefix: 'spec/template/spec' },
  { kind: 'DaemonSet', prefix: 'spec/template/spec' },
  { kind: 'StatefulSet', prefix: 'spec/template/spec' },
  { kind: 'Job', prefix: 'spec/template/spec' },
  { kind: 'CronJob', prefix: 'spec/jobTemplate/spec/template/spec' },
];

const inPodSpecs = (paths: string[]): FieldSpec[] =>
  podSpecOwners.flatMap(({ kind, prefix }) => paths.map((p) => ({ kind, path: `${prefix}/${p}` })));

const containerPaths = (paths: string[]): string[] => ['containers', 'initContainers'].flatMap((c) => paths.map((p) => `${c}/${p}`));

const referrers: Record<string, FieldSpec[]> = {
  '/ConfigMap': inPodSpecs([
    'volumes/configMap/name',
    'volumes/projected/sources/configMap/name',
    ...containerPaths(['env/valueFrom/configMapKeyRef/name', 'envFrom/configMapRef/name']),
  ]),
  '/Secret': [
    ...inPodSpecs([
      'volumes/secret/secretName',
      'volumes/projected/sources/secret/name',
      'imagePullSecrets/name',
      ...containerPaths(['env/valueFrom/secretKeyRef/name', 'envFrom/secretRef/name']),
    ]),
    { kind: 'ServiceAccount', path: 'imagePullSecrets/name' },
    { kind: 'ServiceAccount', path: 'secrets/name' },
    { kind: 'Ingress', path: 'spec/tls/secretName' },
  ],
  '/ServiceAccount': inPodSpecs(['serviceAccountName', 'serviceAccount']),
  '/PersistentVolumeClaim': inPodSpecs(['volumes/persistentVolumeClaim/claimName']),
  '/Service': [
    { kind: 'Ingress', path: 'spec/rules/http/paths/backend/service/name' },
    { kind: 'Ingress', path: 'spec/defaultBackend/service/name' },
    { kind: 'Ingress', path: 'spec/rules/http/paths/backend/serviceName' },
    { kind: 'StatefulSet', path: 'spec/serviceName' },
  ],
  'apps/Deployment': [{ kind: 'HorizontalPodAutoscaler', path: 'spec/scaleTargetRef/name' }],
  'apps/StatefulSet': [{ kind: 'HorizontalPodAutoscaler', path: 'spec/scaleTargetRef/name' }],
};

/**
 * After renames (prefix, suffix, hash suffix, namespace), points references that still use an earlier
 * name of an object at its current name. A reference is resolved only against objects in the referrer's
 * namespace, unless the referrer is cluster-scoped.
 */
export function fixNameReferences(resources: readonly Resource[]): void {
  const renamed = resources.filter((r) => r.previous.length > 0);
  if (renamed.length === 0) return;
  for (const [target, specs] of Object.entries(referrers)) {
    const [group, kind] = target.split('/') as [string, string];
    const candidates = renamed.filter((r) => kindOf(r.obj) === kind && groupVersionOf(r.obj).group === group);
    if (candidates.length === 0) continue;
    for (const referrer of resources) {
      for (const spec of specs) {
        updateField(referrer.obj, spec, (value) => resolve(value, referrer, candidates, kind));
      }
    }
  }
}

function resolve(value: unknown, referrer: Resource, candidates: readonly Resource[], kind: string): unknown {
  if (typeof value !== 'string') return value;
  const ns = namespaceOf(referrer.obj);
  const clusterReferrer = isClusterScoped(referrer.obj);
  const hit = candidates.find((c) =>
    allNames(c).slice(1).some((n) => n.name === value && (clusterReferrer || isClusterScoped(c.obj) || sameNamespace(n.namespace, ns) || sameNamespace(namespaceOf(c.obj), ns))),
  );
  return hit && kindOf(hit.obj) === kind ? nameOf(hit.obj) : value;
}

/** RoleBinding subjects and roleRef carry a kind beside the name, so they are resolved per element. */
export function fixBindingReferences(resources: readonly Resource[]): void {
  const renamed = resources.filter((r) => r.previous.length > 0);
  if (renamed.length === 0) return;
  const find = (kind: string, name: string, ns: string | undefined): Resource | undefined =>
    renamed.find((c) => kindOf(c.obj) === kind && allNames(c).slice(1).some((n) => n.name === name && (ns === undefined || sameNamespace(n.namespace, ns))));
  for (const res of resources) {
    const kind = kindOf(res.obj);
    if (kind !== 'RoleBinding' && kind !== 'ClusterRoleBinding') continue;
    const roleRef = res.obj['roleRef'] as Record<string, unknown> | undefined;
    if (roleRef && typeof roleRef['name'] === 'string' && typeof roleRef['kind'] === 'string') {
      const hit = find(roleRef['kind'], roleRef['name'], roleRef['kind'] === 'Role' ? namespaceOf(res.obj) : undefined);
      if (hit) roleRef['name'] = nameOf(hit.obj);
    }
    const subjects = res.obj['subjects'];
    if (!Array.isArray(subjects)) continue;
    for (const s of subjects as Record<string, unknown>[]) {
      if (s?.['kind'] !== 'ServiceAccount' || typeof s['name'] !== 'string') continue;
      // A subject without a namespace may name any service account of the build; kustomize then fills it in.
      const hit = find('ServiceAccount', s['name'], typeof s['namespace'] === 'string' ? s['namespace'] : undefined);
      if (hit) {
        s['name'] = nameOf(hit.obj);
        if (namespaceOf(hit.obj)) s['namespace'] = namespaceOf(hit.obj);
      }
    }
  }
}
