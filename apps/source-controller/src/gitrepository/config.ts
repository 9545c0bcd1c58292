// Upstream's gitContentConfigChanged: the spec fields that shape an artifact's content, compared with the
// values the stored artifact was built from. Any difference forces a full checkout and a new archive,
// even when the commit is the same.
import type { Artifact, GitRepositoryInclude } from '@conflux/api';
import type { GitRepositoryObject } from './context.ts';

const json = (v: unknown) => JSON.stringify(v);

function includeKey(includes: readonly GitRepositoryInclude[] | undefined): string {
  return json((includes ?? []).map((i) => ({ name: i.repository.name, fromPath: i.fromPath ?? '', toPath: i.toPath ?? '' })));
}

/** True when the include artifacts differ, by revision or digest, from those the stored artifact holds. */
export function includesChanged(observed: readonly Artifact[] | undefined, current: readonly Artifact[]): boolean {
  const before = observed ?? [];
  if (before.length !== current.length) return true;
  return current.some((a, i) => a.revision !== before[i]?.revision || a.digest !== before[i]?.digest);
}

export function contentConfigChanged(object: GitRepositoryObject, includes: readonly Artifact[]): boolean {
  const { spec } = object;
  const status = object.status ?? {};
  if ((spec.ignore ?? '') !== (status.observedIgnore ?? '')) return true;
  if ((spec.recurseSubmodules ?? false) !== (status.observedRecurseSubmodules ?? false)) return true;
  if (json(spec.sparseCheckout ?? []) !== json(status.observedSparseCheckout ?? [])) return true;
  if (includeKey(spec.include) !== includeKey(status.observedInclude)) return true;
  return includesChanged(status.includedArtifacts, includes);
}
