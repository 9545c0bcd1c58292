import { isNotFound, type KubeObject, type ResourceType } from '@conflux/runtime';
import { type ChangeSetEntry, ChangeAction, type ChangeSet, changeSetEntry } from './changeset.ts';
import type { ManagerContext } from './context.ts';
import { PruneError } from './errors.ts';
import { type ObjectRef, subjectOf } from './object-ref.ts';
import { isPruneExcluded } from './policy.ts';
import { NoKindMatchError } from './rest-mapper.ts';
import { sortByApplyOrder } from './sort.ts';

export interface PruneOptions {
  signal?: AbortSignal;
  /** DeleteOptions.propagationPolicy; upstream uses Background. */
  propagationPolicy?: string;
}

/**
 * Deletes stale objects in reverse apply order (webhooks first, Namespaces and CRDs last). Only the live
 * object's labels and annotations count: it must still carry both of our owner labels, so an object
 * another Kustomization took over is left alone, and it must not be marked prune: disabled, reconcile:
 * disabled or ssa: Ignore. Every object is attempted; failures are collected and reported together.
 */
export async function pruneAll(ctx: ManagerContext, stale: readonly ObjectRef[], options: PruneOptions = {}): Promise<ChangeSet> {
  const ordered = sortByApplyOrder(stale, (r) => r).reverse();
  const entries: ChangeSetEntry[] = [];
  const failed: ObjectRef[] = [];
  const errors: string[] = [];
  for (const ref of ordered) {
    if (options.signal?.aborted) {
      failed.push(ref);
      errors.push(`${subjectOf(ref)} not deleted: prune canceled`);
      continue;
    }
    try {
      entries.push(await pruneOne(ctx, ref, options));
    } catch (err) {
      failed.push(ref);
      errors.push(`${subjectOf(ref)} delete failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const changeSet = { entries };
  if (errors.length > 0) throw new PruneError(`delete failed, errors: ${errors.join(';')}`, changeSet, failed);
  return changeSet;
}

async function pruneOne(ctx: ManagerContext, ref: ObjectRef, options: PruneOptions): Promise<ChangeSetEntry> {
  const resource = await resourceForStale(ctx, ref);
  // A kind nobody serves any more has no objects left to delete.
  if (!resource) return changeSetEntry(ref, ChangeAction.Deleted);
  const namespace = resource.namespaced ? ref.namespace : undefined;
  let live: KubeObject;
  try {
    live = await ctx.client.get<KubeObject>(resource, namespace, ref.name);
  } catch (err) {
    if (isNotFound(err)) return changeSetEntry(ref, ChangeAction.Deleted);
    throw err;
  }
  const labels = live.metadata.labels ?? {};
  const owned = Object.entries(ctx.ownerLabels).every(([k, v]) => labels[k] === v);
  if (!owned || isPruneExcluded(live)) return changeSetEntry(ref, ChangeAction.Skipped);
  try {
    await ctx.client.delete(resource, namespace, ref.name, { propagationPolicy: options.propagationPolicy ?? 'Background' });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  return changeSetEntry(ref, ChangeAction.Deleted);
}

/** The resource at the inventory's version, or at any version still served when that one was dropped. */
async function resourceForStale(ctx: ManagerContext, ref: ObjectRef): Promise<ResourceType | undefined> {
  try {
    return await ctx.mapper.resourceFor(ref.group, ref.version, ref.kind);
  } catch (err) {
    if (!(err instanceof NoKindMatchError)) throw err;
    return ctx.mapper.anyVersionOf(ref.group, ref.kind);
  }
}
