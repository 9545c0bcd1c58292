/** Annotation and label keys, and the values they take, as upstream Flux reads and writes them. */

/** The finalizer every Flux controller puts on the objects it reconciles. */
export const Finalizer = 'finalizers.fluxcd.io';

/** Requests written by people, the CLI and Receivers; each is echoed into a status field once handled. */
export const ReconcileAnnotations = {
  /** Any new value asks for a reconcile now; echoed into status.lastHandledReconcileAt. */
  requestedAt: 'reconcile.fluxcd.io/requestedAt',
  /** HelmRelease: force an install or upgrade; honoured only when equal to requestedAt. */
  forceAt: 'reconcile.fluxcd.io/forceAt',
  /** HelmRelease: reset the failure counters; honoured only when equal to requestedAt. */
  resetAt: 'reconcile.fluxcd.io/resetAt',
} as const;

export const ReconcileLabels = {
  /** On a ConfigMap or Secret: changes trigger the objects that reference it. */
  watch: 'reconcile.fluxcd.io/watch',
} as const;
export const watchEnabledValue = 'Enabled';

/** Per-object policies kustomize-controller reads from labels and annotations alike. */
export const KustomizeAnnotations = {
  /** Server-side apply policy; see SsaPolicy. */
  ssa: 'kustomize.toolkit.fluxcd.io/ssa',
  /** 'Enabled' recreates the object when an immutable field changes. */
  force: 'kustomize.toolkit.fluxcd.io/force',
  /** 'Disabled' keeps the object out of garbage collection. */
  prune: 'kustomize.toolkit.fluxcd.io/prune',
  /** 'disabled' skips the object on apply and on prune. */
  reconcile: 'kustomize.toolkit.fluxcd.io/reconcile',
  /** 'disabled' (exactly, case-sensitive) skips variable substitution for the object. */
  substitute: 'kustomize.toolkit.fluxcd.io/substitute',
  /** 'Disabled' applies an encrypted Secret as it is. */
  decrypt: 'kustomize.toolkit.fluxcd.io/decrypt',
  /** Legacy checksum annotation removed from objects during apply. */
  checksum: 'kustomize.toolkit.fluxcd.io/checksum',
} as const;

/** Owner labels put on every object a Kustomization applies; pruning requires both. */
export const KustomizeLabels = {
  name: 'kustomize.toolkit.fluxcd.io/name',
  namespace: 'kustomize.toolkit.fluxcd.io/namespace',
} as const;

/** Values of the ssa policy. Compared without case. */
export const SsaPolicy = {
  Override: 'Override',
  Merge: 'Merge',
  IfNotPresent: 'IfNotPresent',
  Ignore: 'Ignore',
} as const;
export type SsaPolicy = (typeof SsaPolicy)[keyof typeof SsaPolicy];

/** Values of the on/off policies. Compared without case, except the substitute annotation. */
export const PolicyValue = { enabled: 'enabled', disabled: 'disabled' } as const;

export const HelmAnnotations = {
  /** 'disabled' on a rendered object keeps it out of drift detection. */
  driftDetection: 'helm.toolkit.fluxcd.io/driftDetection',
} as const;

/** Origin labels helm-controller puts on every rendered object; they win over commonMetadata. */
export const HelmLabels = {
  name: 'helm.toolkit.fluxcd.io/name',
  namespace: 'helm.toolkit.fluxcd.io/namespace',
} as const;

/** Helm's own ownership metadata, checked when adopting existing objects. */
export const HelmOwnership = {
  managedByLabel: 'app.kubernetes.io/managed-by',
  managedByValue: 'Helm',
  releaseNameAnnotation: 'meta.helm.sh/release-name',
  releaseNamespaceAnnotation: 'meta.helm.sh/release-namespace',
  resourcePolicyAnnotation: 'helm.sh/resource-policy',
  resourcePolicyKeep: 'keep',
} as const;

export const ShardingLabels = {
  /** Controllers started with --watch-label-selector=sharding.fluxcd.io/key=<shard> only see their shard. */
  key: 'sharding.fluxcd.io/key',
} as const;

/** OCI manifest annotations that travel in artifact metadata. */
export const OCIAnnotations = {
  source: 'org.opencontainers.image.source',
  revision: 'org.opencontainers.image.revision',
  created: 'org.opencontainers.image.created',
} as const;
