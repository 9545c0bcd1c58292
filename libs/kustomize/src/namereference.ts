import type { NameReference } from './config/transformer-config.ts';
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
export function fixNameReferences(resources: readonly Resource[], extra: readonly NameReference[] = []): void {
  const renamed = resources.filter((r) => r.previous.length > 0);
  if (renamed.length === 0) return;
  const targets: { kind: string; matches: (r: Resource) => boolean; specs: readonly FieldSpec[] }[] = Object.entries(referrers).map(([target, specs]) => {
    const [group, kind] = target.split('/') as [string, string];
    return { kind, specs, matches: (r) => kindOf(r.obj) === kind && groupVersionOf(r.obj).group === group };
  });
  // Configured references select their target kind as kustomize's GVK selectors do: an empty part matches anything.
  for (const ref of extra) {
    targets.push({
      kind: ref.kind,
      specs: ref.fieldSpecs,
      matches: (r) => {
        const gv = groupVersionOf(r.obj);
        return kindOf(r.obj) === ref.kind && (!ref.group || ref.group === gv.group) && (!ref.version || ref.version === gv.version);
      },
    });
  }
  for (const { kind, matches, specs } of targets) {
    const candidates = renamed.filter(matches);
    if (candidates.length === 0) continue;
    for (const referrer of resources) {
      for (const spec of specs) {
        updateField(referrer.obj, spec, (value) => resolveAny(value, referrer, candidates, kind));
      }
    }
  }
}

/**
 * A referring field holds a name, a list of names, or a map with `name` (and maybe `namespace`). A map
 * also takes the namespace of the object it now names, as kustomize's nameref filter writes both.
 */
function resolveAny(value: unknown, referrer: Resource, candidates: readonly Resource[], kind: string): unknown {
  if (Array.isArray(value)) return value.map((v) => resolve(v, referrer, candidates, kind));
  if (value && typeof value === 'object') {
    const map = value as Record<string, unknown>;
    if (typeof map['name'] !== 'string') return map;
    const hit = referral(map['name'], referrer, candidates, kind, typeof map['namespace'] === 'string' ? map['namespace'] : undefined);
    if (hit) {
      map['name'] = nameOf(hit.obj);
      if (namespaceOf(hit.obj)) map['namespace'] = namespaceOf(hit.obj);
    }
    return map;
  }
  return resolve(value, referrer, candidates, kind);
}

function resolve(value: unknown, referrer: Resource, candidates: readonly Resource[], kind: string): unknown {
  if (typeof value !== 'string') return value;
  const hit = referral(value, referrer, candidates, kind);
  return hit ? nameOf(hit.obj) : value;
}

function referral(value: string, referrer: Resource, candidates: readonly Resource[], kind: string, namespace?: string): Resource | undefined {
  const ns = namespace ?? namespaceOf(referrer.obj);
  const clusterReferrer = isClusterScoped(referrer.obj);
  const hits = candidates.filter((c) =>
    allNames(c).slice(1).some((n) => n.name === value && (clusterReferrer || isClusterScoped(c.obj) || sameNamespace(n.namespace, ns) || sameNamespace(namespaceOf(c.obj), ns))),
  );
  const hit = closest(hits, referrer);
  return hit && kindOf(hit.obj) === kind ? hit : undefined;
}

/** Whether the shorter list is the tail of the longer one. */
function sameEnding(a: readonly string[], b: readonly string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length === 0) return long.length === 0;
  return short.every((v, i) => long[i + long.length - short.length] === v);
}

/**
 * Among several objects that once had the referenced name (one base built twice under two prefixes),
 * kustomize picks the one whose prefixes and suffixes match the referrer's: first letting an empty list
 * match anything, then strictly.
 */
export function closest(hits: readonly Resource[], referrer: Resource): Resource | undefined {
  if (hits.length <= 1) return hits[0];
  const affixes = (allowEmpty: boolean) => (c: Resource): boolean => {
    const [cp, cs, rp, rs] = [c.prefixes ?? [], c.suffixes ?? [], referrer.prefixes ?? [], referrer.suffixes ?? []];
    const p = (allowEmpty && (cp.length === 0 || rp.length === 0)) || sameEnding(cp, rp);
    const s = (allowEmpty && (cs.length === 0 || rs.length === 0)) || sameEnding(cs, rs);
    return p && s;
  };
  let left = hits.filter(affixes(true));
  if (left.length > 1) left = left.filter(affixes(false));
  return left[0];
}

/** RoleBinding subjects and roleRef carry a kind beside the name, so they are resolved per element. */
export function fixBindingReferences(resources: readonly Resource[]): void {
  const renamed = resources.filter((r) => r.previous.length > 0);
  if (renamed.length === 0) return;
  for (const res of resources) {
    const find = (kind: string, name: string, ns: string | undefined): Resource | undefined =>
      closest(renamed.filter((c) => kindOf(c.obj) === kind && allNames(c).slice(1).some((n) => n.name === name && (ns === undefined || sameNamespace(n.namespace, ns) || sameNamespace(namespaceOf(c.obj), ns)))), res);
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
      // Without a namespace, the binding's own namespace is tried first: one base built into two namespaces
      // has two such accounts, and each binding keeps its own.
      const hit = typeof s['namespace'] === 'string'
        ? find('ServiceAccount', s['name'], s['namespace'])
        : (find('ServiceAccount', s['name'], namespaceOf(res.obj)) ?? find('ServiceAccount', s['name'], undefined));
      if (hit) {
        s['name'] = nameOf(hit.obj);
        if (namespaceOf(hit.obj)) s['namespace'] = namespaceOf(hit.obj);
      }
    }
  }
}
