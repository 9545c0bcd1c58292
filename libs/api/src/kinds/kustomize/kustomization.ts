import { array, boolean, duration, integer, object, oneOf, ref, string, stringMap } from '../../schema/dsl.ts';
import {
  commonMetadata,
  conditions,
  DependencyReference,
  KubeConfigReference,
  LocalObjectReference,
  NamespacedObjectKindReference,
  observedGeneration,
  reconcileRequestStatus,
  ResourceInventory,
  statusDefault,
} from '../../meta.ts';
import { readinessColumns } from '../columns.ts';
import { defineKind } from '../kind.ts';
import { customHealthCheck, ignoreRule, images, patches } from '../kustomize-fragments.ts';

const CrossNamespaceSourceReference = object(
  {
    apiVersion: string({ doc: 'API version of the source.' }),
    kind: oneOf(['OCIRepository', 'GitRepository', 'Bucket', 'ExternalArtifact'], { doc: 'Kind of the source.', required: true }),
    name: string({ doc: 'Name of the source.', required: true }),
    namespace: string({ doc: "Namespace of the source; this Kustomization's namespace when empty." }),
  },
  { typeName: 'KustomizationSourceReference', typeDoc: 'The source whose artifact holds the manifests.' },
);

const Decryption = object(
  {
    provider: oneOf(['sops'], { doc: 'The decryption engine.', required: true }),
    serviceAccountName: string({
      doc: 'A ServiceAccount whose workload identity authenticates to cloud KMS services. Static credentials in\nsecretRef win over it.',
    }),
    secretRef: ref(LocalObjectReference, {
      doc: "A Secret with decryption keys: '*.agekey' and '*.asc' entries, or 'sops.aws-kms', 'sops.azure-kv',\n'sops.gcp-kms' and 'sops.vault-token'.",
    }),
  },
  { typeName: 'Decryption', typeDoc: 'How to decrypt SOPS-encrypted Secrets before they are applied.' },
);

const SubstituteReference = object(
  {
    kind: oneOf(['Secret', 'ConfigMap'], { doc: 'Kind of the object holding the variables.', required: true }),
    name: string({ doc: 'Name of the object, in the same namespace.', maxLength: 253, minLength: 1, required: true }),
    optional: boolean({ doc: 'Carry on as if the object were empty when it does not exist.', default: false }),
  },
  { typeName: 'SubstituteReference', typeDoc: 'A ConfigMap or Secret whose keys are variable names and values their values.' },
);

const PostBuild = object(
  {
    substitute: stringMap({
      doc: 'Variables to substitute for ${name} in the manifests. Bash-like forms such as ${var:=default} and\n${var/old/new} work too.',
    }),
    substituteFrom: array(SubstituteReference, { doc: 'ConfigMaps and Secrets whose data are variables; later ones win, substitute wins over all.' }),
    substituteStrategy: oneOf(['WithVariables', 'Always'], {
      doc: "When to run substitution: 'WithVariables' (the default) only when variables are defined, 'Always' even without.",
    }),
  },
  { typeName: 'PostBuild', typeDoc: 'What to do with the manifests after kustomize has built them.' },
);

const HistorySnapshot = object(
  {
    digest: string({ doc: "Digest of the built manifests, 'sha256:<hex>'.", required: true }),
    firstReconciled: string({ doc: 'When this digest was first reconciled.', format: 'date-time', required: true }),
    lastReconciled: string({ doc: 'When this digest was last reconciled.', format: 'date-time', required: true }),
    lastReconciledDuration: string({ doc: 'How long the last reconcile of this digest took.', required: true }),
    lastReconciledStatus: string({ doc: 'The outcome of the last reconcile of this digest.', required: true }),
    totalReconciliations: integer({ doc: 'How many times this digest was reconciled.', format: 'int64', required: true }),
    metadata: stringMap({ doc: 'Facts about the reconcile, such as the revision.' }),
  },
  { typeName: 'HistorySnapshot', typeDoc: 'One distinct outcome of reconciling a set of manifests.' },
);

const spec = object(
  {
    commonMetadata: ref(commonMetadata, { doc: 'Labels and annotations set on every applied object, replacing keys already there.' }),
    dependsOn: array(DependencyReference, { doc: 'Kustomizations that must be ready before this one is reconciled.' }),
    decryption: ref(Decryption, { doc: 'Decrypt SOPS-encrypted Secrets before applying them.' }),
    interval: duration({
      doc: 'How often the Kustomization is reconciled. The controller adds a little jitter to spread the load.',
      required: true,
    }),
    retryInterval: duration({ doc: 'How soon a failed reconcile is retried; spec.interval when empty.' }),
    kubeConfig: ref(KubeConfigReference, {
      doc: 'Apply to a remote cluster. With serviceAccountName, the controller acts as that ServiceAccount there.',
    }),
    path: string({ doc: 'The directory in the artifact with the kustomization.yaml or the plain manifests; the root when empty.' }),
    postBuild: ref(PostBuild, { doc: 'Variable substitution on the built manifests.' }),
    prune: boolean({ doc: 'Delete objects that were applied before but are no longer in the manifests.', required: true }),
    deletionPolicy: oneOf(['MirrorPrune', 'Delete', 'WaitForTermination', 'Orphan'], {
      doc:
        "What happens to the applied objects when the Kustomization is deleted: 'MirrorPrune' (the default) deletes them\n" +
        "when prune is true, 'Delete' always, 'WaitForTermination' deletes and waits, 'Orphan' keeps them.",
    }),
    healthChecks: array(NamespacedObjectKindReference, { doc: 'Objects whose health is checked after applying; an empty namespace means cluster scope.' }),
    namePrefix: string({ doc: 'A prefix for the names of all applied objects.', maxLength: 200, minLength: 1 }),
    nameSuffix: string({ doc: 'A suffix for the names of all applied objects.', maxLength: 200, minLength: 1 }),
    patches,
    images,
    serviceAccountName: string({ doc: 'The ServiceAccount to impersonate when applying.' }),
    sourceRef: ref(CrossNamespaceSourceReference, { doc: 'The source whose artifact holds the manifests.', required: true }),
    suspend: boolean({ doc: 'Stops the controller from reconciling this Kustomization; a reconcile already running finishes.' }),
    targetNamespace: string({ doc: 'Sets the namespace of every namespaced object, overriding kustomization.yaml.', maxLength: 63, minLength: 1 }),
    timeout: duration({ doc: 'Timeout for applying and health checking; spec.interval minus 30s when empty, and never under 30s.' }),
    force: boolean({ doc: 'Recreate objects whose update fails because an immutable field changed.', default: false }),
    wait: boolean({ doc: 'Check the health of every applied object; spec.healthChecks is then ignored.' }),
    components: array(string(), { doc: 'Local, relative paths of kustomize Components to add.' }),
    ignoreMissingComponents: boolean({ doc: 'Leave out components whose path does not exist instead of failing.' }),
    healthCheckExprs: array(customHealthCheck(false), {
      doc: 'CEL expressions for the health of custom resources, used when wait or healthChecks is set.',
    }),
    ignore: array(ignoreRule('Kustomization'), { doc: 'Fields whose drift is neither reported nor corrected.' }),
    buildMetadata: array(oneOf(['originAnnotations', 'transformerAnnotations']), {
      doc: 'Build metadata for kustomize to add to the objects, replacing buildMetadata in kustomization.yaml.',
    }),
  },
  { typeDoc: 'Which manifests to build from which source, and how to apply them.' },
);

const status = object(
  {
    ...reconcileRequestStatus,
    observedGeneration,
    conditions,
    lastAppliedRevision: string({ doc: 'The source revision last applied successfully.' }),
    lastAppliedOriginRevision: string({ doc: 'The origin revision (from the artifact metadata) last applied successfully.' }),
    lastAttemptedRevision: string({ doc: 'The source revision of the last reconcile attempt.' }),
    inventory: ref(ResourceInventory, { doc: 'The objects applied by the last successful reconcile.' }),
    history: array(HistorySnapshot, { doc: 'The latest distinct outcomes, newest first.' }),
  },
  { typeDoc: 'What the controller last observed of a Kustomization.' },
);

export const KustomizationKind = defineKind({
  group: 'kustomize.toolkit.fluxcd.io',
  kind: 'Kustomization',
  plural: 'kustomizations',
  shortNames: ['ks'],
  categories: ['all', 'fluxcd', 'fluxcd-appliers'],
  versions: [
    {
      name: 'v1',
      served: true,
      storage: true,
      doc: 'A Kustomization builds manifests from a source artifact with kustomize and applies them to the cluster.',
      spec,
      status,
      statusDefault,
      printerColumns: readinessColumns,
    },
  ],
});
