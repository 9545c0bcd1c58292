import { KustomizeAnnotations, PolicyValue, SsaPolicy } from '@conflux/api';
import type { KubeObject } from '@conflux/runtime';

// Upstream reads these policies from labels and annotations alike, comparing values without case.
function metadataValue(o: KubeObject | undefined, key: string): string | undefined {
  return o?.metadata.annotations?.[key] ?? o?.metadata.labels?.[key];
}

function hasValue(o: KubeObject | undefined, key: string, value: string): boolean {
  return metadataValue(o, key)?.toLowerCase() === value.toLowerCase();
}

/** reconcile: disabled or ssa: Ignore, on the desired or the live object: never applied. */
export function isApplyExcluded(o: KubeObject | undefined): boolean {
  return hasValue(o, KustomizeAnnotations.reconcile, PolicyValue.disabled) || hasValue(o, KustomizeAnnotations.ssa, SsaPolicy.Ignore);
}

/** ssa: IfNotPresent on the desired object: created when absent, left alone afterwards. */
export function isIfNotPresent(o: KubeObject | undefined): boolean {
  return hasValue(o, KustomizeAnnotations.ssa, SsaPolicy.IfNotPresent);
}

/** ssa: Merge: other managers' fields are kept, so the managedFields takeover is skipped. */
export function isMerge(o: KubeObject | undefined): boolean {
  return hasValue(o, KustomizeAnnotations.ssa, SsaPolicy.Merge);
}

/** force: enabled: an immutable-field change recreates the object even without spec.force. */
export function isForceEnabled(o: KubeObject | undefined): boolean {
  return hasValue(o, KustomizeAnnotations.force, PolicyValue.enabled);
}

/** prune: disabled, reconcile: disabled or ssa: Ignore on the live object: never deleted by prune. */
export function isPruneExcluded(o: KubeObject | undefined): boolean {
  return hasValue(o, KustomizeAnnotations.prune, PolicyValue.disabled) || isApplyExcluded(o);
}
