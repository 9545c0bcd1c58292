import { isNotFound, type KubeObject, PatchType, type ResourceType } from '@conflux/runtime';
import { mapLimit, sleep } from './async.ts';
import { type ChangeSet, type ChangeSetEntry, ChangeAction, changeSetEntry } from './changeset.ts';
import type { ManagerContext } from './context.ts';
import { hasDrifted } from './drift.ts';
import { ApplyError, describeError, isImmutableError } from './errors.ts';
import { ignoredPaths, type IgnoreRule, preserveIgnored, withoutPaths } from './ignore.ts';
import { takeOverPatch } from './managed-fields.ts';
import { type ObjectRef, objectRefOf, subjectOf } from './object-ref.ts';
import { isApplyExcluded, isForceEnabled, isIfNotPresent, isMerge } from './policy.ts';
import { NoKindMatchError } from './rest-mapper.ts';
import { sortByApplyOrder } from './sort.ts';

export interface ApplyOptions {
  /** Recreate objects whose immutable fields changed (spec.force). */
  force?: boolean;
  signal?: AbortSignal;
  /** spec.ignore: drift in these paths is neither reported nor reverted. */
  ignore?: IgnoreRule[];
  /** Deadline for an object being recreated to disappear. */
  deletionTimeoutMs?: number;
}

/** What step 1 decided for one object: a final entry, or a payload to apply in step 2. */
type Plan = { entry: ChangeSetEntry } | { resource: ResourceType; payload: KubeObject; ref: ObjectRef; create: boolean };

/**
 * Applies one stage, in two steps as upstream does. First every object is checked against the
 * ssa/reconcile policies and dry-run applied, several at a time, to learn whether it would change; a
 * failure there stops the stage before anything is written. Then only the objects that would change are
 * applied for real, one by one in apply order, so the API server sees dependencies (a ServiceAccount
 * before the Deployment using it) in a predictable order. Unlike upstream, the live object is read only
 * when the dry run and what was seen last cannot tell (see live-digests.ts).
 */
export async function applyAll(ctx: ManagerContext, objects: readonly KubeObject[], options: ApplyOptions = {}): Promise<ChangeSet> {
  const sorted = sortByApplyOrder(objects, objectRefOf);
  const plans = await mapLimit(sorted, ctx.concurrency, (o) => planApply(ctx, o, options));
  const entries: ChangeSetEntry[] = [];
  for (const plan of plans) {
    if ('entry' in plan) {
      entries.push(plan.entry);
      continue;
    }
    if (options.signal?.aborted) throw new ApplyError(`apply canceled before ${subjectOf(plan.ref)}`, { changeSet: { entries } });
    try {
      const applied = await ctx.client.patch<KubeObject>(plan.resource, plan.ref.namespace || undefined, plan.ref.name, plan.payload, {
        type: PatchType.Apply,
        fieldManager: ctx.fieldManager,
        force: true,
      });
      ctx.digests.record(applied);
      entries.push(changeSetEntry(objectRefOf(applied), plan.create ? ChangeAction.Created : ChangeAction.Configured));
    } catch (err) {
      throw new ApplyError(`${subjectOf(plan.ref)} apply failed${describeError(err)}`, { ref: plan.ref, changeSet: { entries }, cause: err });
    }
  }
  return { entries };
}

async function planApply(ctx: ManagerContext, desired: KubeObject, options: ApplyOptions): Promise<Plan> {
  const ref = objectRefOf(desired);
  const subject = subjectOf(ref);
  if (options.signal?.aborted) throw new ApplyError(`apply canceled before ${subject}`, { ref });

  const resource = await resolve(ctx, ref);
  if (!resource.namespaced) delete desired.metadata.namespace;
  else if (!desired.metadata.namespace) throw new ApplyError(`${subject} namespace not specified: set metadata.namespace or the Kustomization's targetNamespace`, { ref });
  const namespace = desired.metadata.namespace;
  const skipped = (o: KubeObject): Plan => ({ entry: changeSetEntry(objectRefOf(o), ChangeAction.Skipped) });
  if (isApplyExcluded(desired)) return skipped(desired);

  // IfNotPresent and spec.ignore need the live object before the dry run; everything else learns from the
  // dry-run answer whether the object exists, and reads it only when that answer is not enough.
  const readFirst = isIfNotPresent(desired) || (options.ignore?.length ?? 0) > 0;
  let existing = readFirst ? await getExisting(ctx, resource, namespace, ref) : undefined;
  if (existing && (isApplyExcluded(existing) || isIfNotPresent(desired))) return skipped(existing);

  let dryRun: KubeObject;
  try {
    dryRun = await dryRunApply(ctx, resource, desired);
  } catch (err) {
    if (isImmutableError(err)) existing ??= await getExisting(ctx, resource, namespace, ref);
    const force = options.force || isForceEnabled(desired) || isForceEnabled(existing);
    if (!existing || !isImmutableError(err) || !force) {
      const hint = existing && err instanceof Error && /immutable/i.test(err.message) ? '; set force to recreate the object' : '';
      throw new ApplyError(`${subject} dry-run failed${describeError(err)}${hint}`, { ref, cause: err });
    }
    await recreate(ctx, resource, ref, options);
    ctx.digests.forget(existing.metadata.uid);
    existing = undefined;
    try {
      dryRun = await dryRunApply(ctx, resource, desired);
    } catch (again) {
      throw new ApplyError(`${subject} dry-run failed after recreating it${describeError(again)}`, { ref, cause: again });
    }
  }
  const appliedRef = objectRefOf(dryRun);
  const apply = (create: boolean, live: KubeObject | undefined, paths: readonly string[][] = []): Plan => ({
    resource,
    payload: preserveIgnored(desired, live, paths, ctx.fieldManager),
    ref: appliedRef,
    create,
  });
  if (!dryRun.metadata.resourceVersion) return apply(true, undefined);
  // The dry run shows the live object's annotations wherever the manifest does not set them.
  if (!readFirst && isApplyExcluded(dryRun)) return skipped(dryRun);

  const takeOver = !isMerge(desired) && !isMerge(dryRun);
  if (!readFirst && !(takeOver && takeOverPatch(dryRun, ctx.fieldManager, ctx.overrideManagers))) {
    const unchanged = ctx.digests.unchanged(dryRun);
    if (unchanged === true) return { entry: changeSetEntry(appliedRef, ChangeAction.Unchanged) };
    if (unchanged === false) return apply(false, undefined);
  }

  existing ??= await getExisting(ctx, resource, namespace, ref);
  // Deleted between the dry run and the read: the apply creates it again.
  if (!existing) return apply(true, undefined);
  let tookOver = false;
  const patch = takeOver ? takeOverPatch(existing, ctx.fieldManager, ctx.overrideManagers) : undefined;
  if (patch) {
    try {
      await ctx.client.patch(resource, namespace, ref.name, patch, { type: PatchType.JSON });
      tookOver = true;
    } catch (err) {
      throw new ApplyError(`${subject} metadata cleanup failed${describeError(err)}`, { ref, cause: err });
    }
  } else {
    ctx.digests.record(existing);
  }

  const paths = ignoredPaths(options.ignore, dryRun);
  const drifted = hasDrifted(withoutPaths(dryRun, paths), withoutPaths(existing, paths));
  if (!drifted && !tookOver) return { entry: changeSetEntry(appliedRef, ChangeAction.Unchanged) };
  return apply(false, existing, paths);
}

async function resolve(ctx: ManagerContext, ref: ObjectRef): Promise<ResourceType> {
  try {
    return await ctx.mapper.resourceFor(ref.group, ref.version, ref.kind);
  } catch (err) {
    const what = err instanceof NoKindMatchError ? err.message : `discovery failed: ${err instanceof Error ? err.message : String(err)}`;
    throw new ApplyError(`${subjectOf(ref)} dry-run failed: ${what}`, { ref, cause: err });
  }
}

async function getExisting(ctx: ManagerContext, resource: ResourceType, namespace: string | undefined, ref: ObjectRef): Promise<KubeObject | undefined> {
  try {
    return await ctx.client.get<KubeObject>(resource, namespace, ref.name);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw new ApplyError(`${subjectOf(ref)} query failed${describeError(err)}`, { ref, cause: err });
  }
}

function dryRunApply(ctx: ManagerContext, resource: ResourceType, desired: KubeObject): Promise<KubeObject> {
  return ctx.client.patch<KubeObject>(resource, desired.metadata.namespace, desired.metadata.name, desired, {
    type: PatchType.Apply,
    fieldManager: ctx.fieldManager,
    force: true,
    dryRun: true,
  });
}

/** Deletes the object and waits until it is gone, finalizers included, so it can be created afresh. */
async function recreate(ctx: ManagerContext, resource: ResourceType, ref: ObjectRef, options: ApplyOptions): Promise<void> {
  const namespace = ref.namespace || undefined;
  try {
    await ctx.client.delete(resource, namespace, ref.name, { propagationPolicy: 'Background' });
  } catch (err) {
    if (!isNotFound(err)) throw new ApplyError(`${subjectOf(ref)} delete before recreate failed${describeError(err)}`, { ref, cause: err });
  }
  const deadline = Date.now() + (options.deletionTimeoutMs ?? ctx.stageWaitTimeoutMs);
  for (;;) {
    try {
      await ctx.client.get(resource, namespace, ref.name);
    } catch (err) {
      if (isNotFound(err)) return;
      throw new ApplyError(`${subjectOf(ref)} query failed while recreating it${describeError(err)}`, { ref, cause: err });
    }
    if (Date.now() >= deadline) throw new ApplyError(`${subjectOf(ref)} was deleted to be recreated, but is still terminating`, { ref });
    try {
      await sleep(Math.min(ctx.deletionPollMs, Math.max(deadline - Date.now(), 1)), options.signal);
    } catch {
      throw new ApplyError(`apply canceled while recreating ${subjectOf(ref)}`, { ref });
    }
  }
}
