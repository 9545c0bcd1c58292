import { groupVersionOf, kindOf, type KubeObject } from '../resource.ts';

/**
 * The slice of the Kubernetes 1.21 OpenAPI schema that strategic merge needs: which lists merge, and
 * on which keys. A type is a map from field name to the type of its value; a list type says its merge
 * keys. Lists the schema does not mark as mergeable (and every list of a custom resource) are replaced.
 */
export interface ListType {
  list: true;
  keys: readonly string[];
  /** A list of scalars merged as a set (finalizers). */
  primitive?: boolean;
  element?: ObjectType;
}
export interface ObjectType {
  fields: Record<string, FieldType>;
}
export type FieldType = ObjectType | ListType;

const obj = (fields: Record<string, FieldType>): ObjectType => ({ fields });
const list = (keys: string[], element?: ObjectType): ListType => (element ? { list: true, keys, element } : { list: true, keys });

const objectMeta = obj({ finalizers: { list: true, keys: [], primitive: true }, ownerReferences: list(['uid']) });
const container = obj({
  ports: list(['containerPort', 'protocol']),
  env: list(['name']),
  volumeMounts: list(['mountPath']),
  volumeDevices: list(['devicePath']),
});
const podSpec = obj({
  containers: list(['name'], container),
  initContainers: list(['name'], container),
  ephemeralContainers: list(['name'], container),
  volumes: list(['name']),
  imagePullSecrets: list(['name']),
  hostAliases: list(['ip']),
  topologySpreadConstraints: list(['topologyKey', 'whenUnsatisfiable']),
});
const podTemplate = obj({ metadata: objectMeta, spec: podSpec });
const withTemplate = obj({ metadata: objectMeta, spec: obj({ template: podTemplate }) });
const webhooks = obj({ metadata: objectMeta, webhooks: list(['name']) });

const byKind: Record<string, ObjectType> = {
  '/Pod': obj({ metadata: objectMeta, spec: podSpec }),
  '/PodTemplate': obj({ metadata: objectMeta, template: podTemplate }),
  '/ReplicationController': withTemplate,
  'apps/Deployment': withTemplate,
  'apps/ReplicaSet': withTemplate,
  'apps/DaemonSet': withTemplate,
  'apps/StatefulSet': withTemplate,
  'batch/Job': withTemplate,
  'batch/CronJob': obj({ metadata: objectMeta, spec: obj({ jobTemplate: obj({ metadata: objectMeta, spec: obj({ template: podTemplate }) }) }) }),
  '/Service': obj({ metadata: objectMeta, spec: obj({ ports: list(['port', 'protocol']) }) }),
  '/ServiceAccount': obj({ metadata: objectMeta, secrets: list(['name']), imagePullSecrets: list(['name']) }),
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': webhooks,
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': webhooks,
};
// Built-in kinds that have no mergeable lists of interest still have typed metadata.
const builtInGroups = new Set(['', 'apps', 'batch', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'autoscaling', 'storage.k8s.io', 'scheduling.k8s.io']);

/** The schema of an object's kind, or undefined for kinds kustomize knows nothing about (custom resources). */
export function schemaFor(o: KubeObject): ObjectType | undefined {
  const { group } = groupVersionOf(o);
  const known = byKind[`${group}/${kindOf(o)}`];
  if (known) return known;
  return builtInGroups.has(group) ? obj({ metadata: objectMeta }) : undefined;
}
