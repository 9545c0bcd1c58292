import { BuildError, BuildErrorCode } from './errors.ts';

/** A Kubernetes object as plain JSON-like data. */
export type KubeObject = Record<string, unknown>;

export interface ObjectName {
  name: string;
  namespace: string;
}

/** What kustomize tracks beside each object: where it came from and the names it has had. */
export interface Resource {
  obj: KubeObject;
  /** Names and namespaces before each rename, oldest first; nameReference and patches match on them. */
  previous: ObjectName[];
  /** Set on objects made by configMapGenerator/secretGenerator. */
  generated?: { needsHash: boolean };
  /** Where the object came from (absolute paths), for `buildMetadata: [originAnnotations]`. */
  origin?: { path: string } | { configuredIn: string; generator: string };
  /** Legacy vars pinned to this object (kustomize's refVarNames). */
  varNames?: string[];
  /** Name prefixes and suffixes applied so far, oldest first: they tell copies of one base apart. */
  prefixes?: string[];
  suffixes?: string[];
  /** Transformers that ran over the object, for `buildMetadata: [transformerAnnotations]`: absolute kustomization path and kind. */
  transformations?: { configuredIn: string; kind: string }[];
}

export function metadata(obj: KubeObject): Record<string, unknown> {
  const meta = obj['metadata'];
  if (meta && typeof meta === 'object' && !Array.isArray(meta)) return meta as Record<string, unknown>;
  const fresh: Record<string, unknown> = {};
  obj['metadata'] = fresh;
  return fresh;
}

export const nameOf = (obj: KubeObject): string => String(metadata(obj)['name'] ?? '');
export const namespaceOf = (obj: KubeObject): string => String(metadata(obj)['namespace'] ?? '');
export const kindOf = (obj: KubeObject): string => String(obj['kind'] ?? '');
export function groupVersionOf(obj: KubeObject): { group: string; version: string } {
  const apiVersion = String(obj['apiVersion'] ?? '');
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Renames an object and remembers the old name for nameReference. */
export function rename(res: Resource, name: string, namespace = namespaceOf(res.obj)): void {
  const before = { name: nameOf(res.obj), namespace: namespaceOf(res.obj) };
  if (before.name === name && before.namespace === namespace) return;
  res.previous.push(before);
  metadata(res.obj)['name'] = name;
  if (namespace) metadata(res.obj)['namespace'] = namespace;
  else delete metadata(res.obj)['namespace'];
}

/**
 * Kinds that are cluster-scoped in the Kubernetes 1.21 schema kustomize embeds. A kind absent from it,
 * such as any custom resource, is treated as namespaced, exactly as kustomize does.
 */
const clusterScoped = new Set([
  '/Namespace', '/Node', '/PersistentVolume', '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition', 'apiregistration.k8s.io/APIService',
  'storage.k8s.io/StorageClass', 'storage.k8s.io/CSIDriver', 'storage.k8s.io/CSINode', 'storage.k8s.io/VolumeAttachment',
  'scheduling.k8s.io/PriorityClass', 'node.k8s.io/RuntimeClass', 'policy/PodSecurityPolicy',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration', 'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'certificates.k8s.io/CertificateSigningRequest', 'networking.k8s.io/IngressClass',
  'flowcontrol.apiserver.k8s.io/FlowSchema', 'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'authentication.k8s.io/TokenReview', 'authorization.k8s.io/SelfSubjectAccessReview',
  'authorization.k8s.io/SelfSubjectRulesReview', 'authorization.k8s.io/SubjectAccessReview',
]);

export function isClusterScoped(obj: KubeObject): boolean {
  return clusterScoped.has(`${groupVersionOf(obj).group}/${kindOf(obj)}`);
}

/** kustomize compares namespaces with "" and "default" meaning the same thing. */
export function sameNamespace(a: string, b: string): boolean {
  return (a || 'default') === (b || 'default');
}

export function sameId(a: KubeObject, b: KubeObject): boolean {
  return (
    kindOf(a) === kindOf(b) &&
    groupVersionOf(a).group === groupVersionOf(b).group &&
    nameOf(a) === nameOf(b) &&
    (isClusterScoped(a) || sameNamespace(namespaceOf(a), namespaceOf(b)))
  );
}

export function describeId(obj: KubeObject): string {
  const { group, version } = groupVersionOf(obj);
  const gvk = [group, version, kindOf(obj)].filter(Boolean).join('.');
  const ns = namespaceOf(obj);
  return `${gvk}/${nameOf(obj)}${ns ? `.${ns}` : ''}`;
}

/** Every name an object has had, current first, for matching references and patches. */
export function allNames(res: Resource): ObjectName[] {
  return [{ name: nameOf(res.obj), namespace: namespaceOf(res.obj) }, ...[...res.previous].reverse()];
}

/** Appends resources, refusing an ID that is already registered, as kustomize's resource map does. */
export function appendResources(into: Resource[], add: readonly Resource[], where: { file?: string; field?: string }): void {
  for (const res of add) {
    if (into.some((r) => sameId(r.obj, res.obj))) {
      throw new BuildError(
        BuildErrorCode.DuplicateResource,
        `may not add resource with an already registered id: ${describeId(res.obj)}`,
        where,
      );
    }
    into.push(res);
  }
}

/** Turns parsed YAML documents into resources, expanding `kind: *List` objects as kustomize does. */
export function resourcesFromDocuments(docs: readonly unknown[], file: string): Resource[] {
  const out: Resource[] = [];
  const add = (doc: unknown, index: string): void => {
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
      throw new BuildError(BuildErrorCode.InvalidResource, `document ${index} is not a Kubernetes object`, { file });
    }
    const obj = doc as KubeObject;
    if (kindOf(obj).endsWith('List') && Array.isArray(obj['items'])) {
      (obj['items'] as unknown[]).forEach((item, i) => add(item, `${index}.items[${i}]`));
      return;
    }
    if (!obj['kind']) throw new BuildError(BuildErrorCode.InvalidResource, `document ${index} has no kind`, { file });
    const name = metadata(obj)['name'];
    if (typeof name !== 'string' || !name) {
      throw new BuildError(BuildErrorCode.InvalidResource, `document ${index} (${kindOf(obj)}) has no metadata.name`, { file });
    }
    out.push({ obj, previous: [] });
  };
  docs.forEach((d, i) => add(d, String(i)));
  return out;
}
