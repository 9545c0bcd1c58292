/**
 * The fragments every Flux kind shares (fluxcd/pkg apis/meta): references, the artifact, conditions and
 * the reconcile-request echo. Kinds use them through `ref()`, so a change here reaches every CRD.
 */
import { array, integer, object, oneOf, string, stringMap } from './schema/dsl.ts';

export const LocalObjectReference = object(
  { name: string({ doc: 'Name of the referent.', required: true }) },
  { typeName: 'LocalObjectReference', typeDoc: 'A reference to an object in the same namespace.' },
);

export const NamespacedObjectReference = object(
  {
    name: string({ doc: 'Name of the referent.', required: true }),
    namespace: string({ doc: "Namespace of the referent; when empty, the referring object's namespace." }),
  },
  { typeName: 'NamespacedObjectReference', typeDoc: 'A reference to an object, optionally in another namespace.' },
);

export const NamespacedObjectKindReference = object(
  {
    apiVersion: string({ doc: 'API version of the referent; when empty, the latest version the controller knows.' }),
    kind: string({ doc: 'Kind of the referent.', required: true }),
    name: string({ doc: 'Name of the referent.', required: true }),
    namespace: string({ doc: "Namespace of the referent; when empty, the referring object's namespace." }),
  },
  { typeName: 'NamespacedObjectKindReference', typeDoc: 'A reference to a typed object, optionally in another namespace.' },
);

export const SecretKeyReference = object(
  {
    name: string({ doc: 'Name of the Secret in the same namespace.', required: true }),
    key: string({ doc: 'Key in the Secret; when empty, a default that depends on the field using the reference.' }),
  },
  { typeName: 'SecretKeyReference', typeDoc: 'A reference to one key of a Secret in the same namespace.' },
);

export const KubeConfigReference = object(
  {
    secretRef: {
      ...SecretKeyReference,
      doc:
        "A Secret holding a kubeconfig. The key is 'key' when set, otherwise 'value', then 'value.yaml'. The kubeconfig must be\n" +
        'self-contained: exec and auth-provider plugins are not run.',
    },
    configMapRef: {
      ...LocalObjectReference,
      doc:
        "A ConfigMap describing a remote cluster reached through workload identity, with the keys 'provider'\n" +
        "(aws, azure, gcp or generic), 'cluster', 'address', 'ca.crt', 'audiences' and 'serviceAccountName'.",
    },
  },
  {
    typeName: 'KubeConfigReference',
    typeDoc: 'How to reach a remote cluster: exactly one of secretRef and configMapRef.',
    validations: [
      { rule: 'has(self.secretRef) || has(self.configMapRef)', message: 'exactly one of secretRef or configMapRef must be specified' },
      { rule: '!has(self.secretRef) || !has(self.configMapRef)', message: 'exactly one of secretRef or configMapRef must be specified' },
    ],
  },
);

export const DependencyReference = object(
  {
    name: string({ doc: 'Name of the object this one depends on.', required: true }),
    namespace: string({ doc: "Namespace of the dependency; when empty, this object's namespace." }),
    readyExpr: string({
      doc:
        'A CEL expression deciding whether the dependency is ready. It replaces the built-in check (Ready=True at the\n' +
        'current generation) unless the AdditiveCELDependencyCheck feature gate makes it an extra condition.',
    }),
  },
  { typeName: 'DependencyReference', typeDoc: 'Another object that must be ready before this one is reconciled.' },
);

export const ReconcileRequestStatus = object(
  {
    lastHandledReconcileAt: string({
      doc: "The last value of the 'reconcile.fluxcd.io/requestedAt' annotation the controller acted on.",
    }),
  },
  { typeName: 'ReconcileRequestStatus', typeDoc: 'The echo of the last reconcile request, inlined into every status.' },
);

/** The fields of ReconcileRequestStatus, for statuses to spread in as upstream inlines them. */
export const reconcileRequestStatus = ReconcileRequestStatus.properties;

export const artifactDigestPattern = '^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$';

export const Artifact = object(
  {
    path: string({ doc: 'Path of the artifact file relative to the storage root: <kind>/<namespace>/<name>/<file>.', required: true }),
    url: string({ doc: 'HTTP address from which the artifact can be downloaded.', required: true }),
    revision: string({
      doc: "Source revision the artifact was built from, e.g. 'main@sha1:<commit>' for Git or 'sha256:<digest>' for an index.",
      required: true,
    }),
    digest: string({ doc: "Digest of the stored file, '<algorithm>:<hex>'. Consumers verify it before use.", pattern: artifactDigestPattern, required: true }),
    lastUpdateTime: string({ doc: 'When the artifact was last written.', format: 'date-time', required: true }),
    size: integer({ doc: 'Size of the stored file in bytes.', format: 'int64' }),
    metadata: stringMap({ doc: 'Extra facts about the artifact, e.g. the annotations of an OCI manifest.' }),
  },
  { typeName: 'Artifact', typeDoc: 'A tarball produced by a source, as served over HTTP by source-controller.' },
);

export const conditionTypePattern =
  '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$';
export const conditionReasonPattern = '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$';

export const Condition = object(
  {
    type: string({ doc: 'Type of the condition in CamelCase, e.g. Ready.', maxLength: 316, pattern: conditionTypePattern, required: true }),
    status: oneOf(['True', 'False', 'Unknown'], { doc: 'Status of the condition.', required: true }),
    observedGeneration: integer({
      doc: 'The metadata.generation the condition was computed from; older than the current generation means stale.',
      format: 'int64',
      minimum: 0,
    }),
    lastTransitionTime: string({ doc: 'When the status, reason or message last changed.', format: 'date-time', required: true }),
    reason: string({
      doc: 'A CamelCase word for why the condition is in its state, for machines to match on.',
      maxLength: 1024,
      minLength: 1,
      pattern: conditionReasonPattern,
      required: true,
    }),
    message: string({ doc: 'What happened, for people. May be empty.', maxLength: 32768, required: true }),
  },
  { typeName: 'Condition', typeDoc: 'One aspect of the state of an object (metav1.Condition).' },
);

export const conditions = array(Condition, { doc: 'The conditions of the object; Ready summarises the others.' });

export const observedGeneration = integer({ doc: 'The last metadata.generation the controller finished reconciling.', format: 'int64' });

/** The default every Flux status starts from, so kstatus sees "not yet observed" before the first reconcile. */
export const statusDefault = { observedGeneration: -1 } as const;

export const InventoryEntry = object(
  {
    id: string({ doc: "Object identity: '<namespace>_<name>_<group>_<kind>'.", required: true }),
    v: string({ doc: 'Version of the object, without the group.', required: true }),
  },
  { typeName: 'ResourceRef', typeDoc: 'One object in an inventory.' },
);

export const ResourceInventory = object(
  { entries: array(InventoryEntry, { doc: 'The objects, in apply order.', required: true }) },
  { typeName: 'ResourceInventory', typeDoc: 'The objects a reconciler applied and owns.' },
);

export const commonMetadata = object(
  {
    annotations: stringMap({ doc: 'Annotations to set on every object.' }),
    labels: stringMap({ doc: 'Labels to set on every object.' }),
  },
  { typeName: 'CommonMetadata', typeDoc: 'Labels and annotations set on every applied object, replacing keys already there.' },
);

/** The meta types every controller handles, emitted as TypeScript types even where no kind uses them. */
export const metaTypes = [
  LocalObjectReference,
  NamespacedObjectReference,
  NamespacedObjectKindReference,
  SecretKeyReference,
  KubeConfigReference,
  DependencyReference,
  ReconcileRequestStatus,
  Artifact,
  Condition,
] as const;
