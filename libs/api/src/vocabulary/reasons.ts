/**
 * Every condition and event reason the upstream controllers use, grouped by who uses them. Code sets a
 * reason only from here, so a typo cannot ship and `grep` finds every user of a reason.
 */

/** Generic reasons from fluxcd/pkg apis/meta, used by every controller. */
export const MetaReason = {
  Succeeded: 'Succeeded',
  Failed: 'Failed',
  Progressing: 'Progressing',
  ProgressingWithRetry: 'ProgressingWithRetry',
  DependencyNotReady: 'DependencyNotReady',
  FeatureGateDisabled: 'FeatureGateDisabled',
  InvalidURL: 'InvalidURL',
  InvalidPath: 'InvalidPath',
  ReconciliationSucceeded: 'ReconciliationSucceeded',
  ReconciliationFailed: 'ReconciliationFailed',
  HealthCheckFailed: 'HealthCheckFailed',
  InvalidCELExpression: 'InvalidCELExpression',
  AccessDenied: 'AccessDenied',
} as const;

/** source-controller: condition reasons, then the reasons of the events it emits. */
export const SourceReason = {
  URLInvalid: 'URLInvalid',
  AuthenticationFailed: 'AuthenticationFailed',
  VerificationError: 'VerificationError',
  DirectoryCreationFailed: 'DirectoryCreationFailed',
  StatOperationFailed: 'StatOperationFailed',
  ReadOperationFailed: 'ReadOperationFailed',
  AcquireLockFailed: 'AcquireLockFailed',
  InvalidPath: 'InvalidPath',
  ArchiveOperationFailed: 'ArchiveOperationFailed',
  SymlinkUpdateFailed: 'SymlinkUpdateFailed',
  ArtifactUpToDate: 'ArtifactUpToDate',
  CacheOperationFailed: 'CacheOperationFailed',
  PatchOperationFailed: 'PatchOperationFailed',
  InvalidSTSConfiguration: 'InvalidSTSConfiguration',
  InvalidProviderConfiguration: 'InvalidProviderConfiguration',
  // ArtifactOutdated reasons.
  NewRevision: 'NewRevision',
  IncludeChange: 'IncludeChange',
  // GitRepository.
  GitOperationSucceeded: 'GitOperationSucceeded',
  GitOperationFailed: 'GitOperationFailed',
  EmptyGitRepository: 'EmptyGitRepository',
  SourceIgnoreError: 'SourceIgnoreError',
  IllegalPath: 'IllegalPath',
  CopyFailure: 'CopyFailure',
  NotFound: 'NotFound',
  NoArtifact: 'NoArtifact',
  GarbageCollectionFailed: 'GarbageCollectionFailed',
  InvalidVerificationMode: 'InvalidVerificationMode',
  InvalidGitObject: 'InvalidGitObject',
  InvalidTagSignature: 'InvalidTagSignature',
  InvalidCommitSignature: 'InvalidCommitSignature',
  // OCIRepository.
  OCIArtifactPullFailed: 'OCIArtifactPullFailed',
  OCIArtifactLayerOperationFailed: 'OCIArtifactLayerOperationFailed',
  // HelmRepository and HelmChart.
  IndexationFailed: 'IndexationFailed',
  ChartPullSucceeded: 'ChartPullSucceeded',
  ChartPackageSucceeded: 'ChartPackageSucceeded',
  NoSourceArtifact: 'NoSourceArtifact',
  InvalidChartReference: 'InvalidChartReference',
  UnsupportedSourceKind: 'UnsupportedSourceKind',
  // Bucket.
  BucketOperationSucceeded: 'BucketOperationSucceeded',
  BucketOperationFailed: 'BucketOperationFailed',
  // Events only.
  NewArtifact: 'NewArtifact',
  GarbageCollectionSucceeded: 'GarbageCollectionSucceeded',
  ArtifactVerificationFailed: 'ArtifactVerificationFailed',
  ResolvedDependencies: 'ResolvedDependencies',
} as const;

/** kustomize-controller. */
export const KustomizeReason = {
  ReconciliationSucceeded: 'ReconciliationSucceeded',
  ReconciliationFailed: 'ReconciliationFailed',
  Progressing: 'Progressing',
  ProgressingWithRetry: 'ProgressingWithRetry',
  ArtifactFailed: 'ArtifactFailed',
  BuildFailed: 'BuildFailed',
  PruneFailed: 'PruneFailed',
  HealthCheckFailed: 'HealthCheckFailed',
  HealthCheckCanceled: 'HealthCheckCanceled',
  DependencyNotReady: 'DependencyNotReady',
  InvalidCELExpression: 'InvalidCELExpression',
  AccessDenied: 'AccessDenied',
  FeatureGateDisabled: 'FeatureGateDisabled',
  DirCreationFailed: 'DirCreationFailed',
  Succeeded: 'Succeeded',
} as const;

/** helm-controller. */
export const HelmReason = {
  InstallSucceeded: 'InstallSucceeded',
  InstallFailed: 'InstallFailed',
  UpgradeSucceeded: 'UpgradeSucceeded',
  UpgradeFailed: 'UpgradeFailed',
  TestSucceeded: 'TestSucceeded',
  TestFailed: 'TestFailed',
  AwaitingTests: 'AwaitingTests',
  RollbackSucceeded: 'RollbackSucceeded',
  RollbackFailed: 'RollbackFailed',
  UninstallSucceeded: 'UninstallSucceeded',
  UninstallFailed: 'UninstallFailed',
  ArtifactFailed: 'ArtifactFailed',
  InitFailed: 'InitFailed',
  GetLastReleaseFailed: 'GetLastReleaseFailed',
  SourceNotReady: 'SourceNotReady',
  ValuesError: 'ValuesError',
  PendingRelease: 'PendingRelease',
  RetriesExceeded: 'RetriesExceeded',
  MissingRollbackTarget: 'MissingRollbackTarget',
  DriftDetected: 'DriftDetected',
  NoDriftDetected: 'NoDriftDetected',
  ReconcileError: 'ReconcileError',
  DependencyNotReady: 'DependencyNotReady',
  InvalidCELExpression: 'InvalidCELExpression',
  AccessDenied: 'AccessDenied',
  Progressing: 'Progressing',
  ProgressingWithRetry: 'ProgressingWithRetry',
} as const;

/** notification-controller: Receiver conditions and the events it records on Alerts. */
export const NotificationReason = {
  Initialized: 'Initialized',
  Succeeded: 'Succeeded',
  ValidationFailed: 'ValidationFailed',
  TokenNotFound: 'TokenNotFound',
  InvalidCELExpression: 'InvalidCELExpression',
  Progressing: 'Progressing',
  ProgressingWithRetry: 'ProgressingWithRetry',
  NotificationDispatchFailed: 'NotificationDispatchFailed',
  InvalidConfig: 'InvalidConfig',
  SourceFetchFailed: 'SourceFetchFailed',
  MetadataAppendFailed: 'MetadataAppendFailed',
  Migration: 'Migration',
} as const;

type ValueOf<T> = T[keyof T];
export type MetaReason = ValueOf<typeof MetaReason>;
export type SourceReason = ValueOf<typeof SourceReason>;
export type KustomizeReason = ValueOf<typeof KustomizeReason>;
export type HelmReason = ValueOf<typeof HelmReason>;
export type NotificationReason = ValueOf<typeof NotificationReason>;
export type Reason = MetaReason | SourceReason | KustomizeReason | HelmReason | NotificationReason;

/** Every known reason, for validation and for tests that the catalogue stays well-formed. */
export const allReasons: ReadonlySet<Reason> = new Set<Reason>(
  [MetaReason, SourceReason, KustomizeReason, HelmReason, NotificationReason].flatMap((group) => Object.values(group)),
);
