// The public door of @conflux/ssa: server-side apply in stages, change sets, inventory, prune and health.

export { ResourceManager, type ApplyStagedOptions, type ResourceManagerOptions } from './resource-manager.ts';
export type { ApplyOptions } from './apply.ts';
export type { PruneOptions } from './prune.ts';
export { readStatus, type ObservedStatus, type WaitOptions } from './wait.ts';

export { apiVersionOfRef, inventoryId, type ObjectRef, objectRefOf, parseInventoryId, sameObject, splitApiVersion, subjectOf } from './object-ref.ts';
export { inventoryEntry, type InventoryEntry, inventoryOf, inventoryOfChangeSet, refsOf, staleObjects } from './inventory.ts';
export { appliedRefs, ChangeAction, type ChangeSet, type ChangeSetEntry, changeSetEntry, changeSetLog, formatChangeSet, hasChanges } from './changeset.ts';
export { ApplyError, HealthCheckError, HealthCheckOutcome, isImmutableError, PruneError, type UnhealthyObject } from './errors.ts';
export type { IgnoreRule, IgnoreTarget } from './ignore.ts';
export { NoKindMatchError, RESTMapper } from './rest-mapper.ts';
export { driftDigest, LiveDigests, liveDigestsDefaultMax } from './live-digests.ts';
export { compareRefs, kindOrder, sortByApplyOrder } from './sort.ts';
export { Stage, stageOf } from './stages.ts';

export { computeStatus } from './health/status.ts';
export { type HealthResult, HealthStatus } from './health/types.ts';
