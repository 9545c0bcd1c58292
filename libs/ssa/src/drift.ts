import type { KubeObject } from '@conflux/runtime';
import { semanticEqual } from './json.ts';

/**
 * Whether applying would change the live object, judged from the server's dry-run answer as upstream
 * does: a missing resourceVersion means the object would be created; otherwise labels, annotations and
 * everything outside metadata and status are compared. resourceVersion, generation, managedFields,
 * timestamps, finalizers and ownerReferences are deliberately left out: they change without anyone
 * editing the object, and counting them would rewrite every object on every run.
 */
export function hasDrifted(dryRun: KubeObject, existing: KubeObject | undefined): boolean {
  if (!existing || !dryRun.metadata.resourceVersion) return true;
  if (!semanticEqual(dryRun.metadata.labels, existing.metadata.labels)) return true;
  if (!semanticEqual(dryRun.metadata.annotations, existing.metadata.annotations)) return true;
  return !semanticEqual(withoutMetadataAndStatus(dryRun), withoutMetadataAndStatus(existing));
}

function withoutMetadataAndStatus(o: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, ...rest } = o;
  return rest;
}
