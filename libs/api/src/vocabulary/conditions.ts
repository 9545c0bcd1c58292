/** Condition types and statuses, as upstream Flux and kstatus read them. */

export const ConditionType = {
  // Every reconciling kind; kstatus reads these three.
  Ready: 'Ready',
  Reconciling: 'Reconciling',
  Stalled: 'Stalled',
  // Kustomization health checks.
  Healthy: 'Healthy',
  // Sources.
  ArtifactInStorage: 'ArtifactInStorage',
  ArtifactOutdated: 'ArtifactOutdated',
  FetchFailed: 'FetchFailed',
  BuildFailed: 'BuildFailed',
  StorageOperationFailed: 'StorageOperationFailed',
  IncludeUnavailable: 'IncludeUnavailable',
  SourceVerified: 'SourceVerified',
  // HelmRelease.
  Released: 'Released',
  Remediated: 'Remediated',
  TestSuccess: 'TestSuccess',
  Drifted: 'Drifted',
} as const;
export type ConditionType = (typeof ConditionType)[keyof typeof ConditionType];

export const ConditionStatus = { True: 'True', False: 'False', Unknown: 'Unknown' } as const;
export type ConditionStatus = (typeof ConditionStatus)[keyof typeof ConditionStatus];

/**
 * "Abnormal-true" condition types: present and True only when something is wrong or in progress, and
 * removed otherwise. Summarising Ready inverts them (FetchFailed=True gives Ready=False).
 */
export const negativePolarityConditions: ReadonlySet<ConditionType> = new Set<ConditionType>([
  ConditionType.Reconciling,
  ConditionType.Stalled,
  ConditionType.ArtifactOutdated,
  ConditionType.FetchFailed,
  ConditionType.BuildFailed,
  ConditionType.StorageOperationFailed,
  ConditionType.IncludeUnavailable,
  ConditionType.Drifted,
]);

/** The runtime trims condition messages to this many bytes, ending them with "...". */
export const maxConditionMessageLength = 32768;

/** kustomize-controller trims the messages it builds (apply change sets) to this length first. */
export const maxKustomizationMessageLength = 20000;
