// Steps: apply the built objects in stages, record the new inventory, and prune what left it
// (reference §2, §2.5). An apply failure keeps the previous inventory, so nothing is pruned on the
// strength of a half-applied revision; a prune failure keeps the objects it could not delete in the
// inventory so the next run tries again.
import { KustomizeReason } from '@conflux/api';
import { ApplyError, type ChangeSet, formatChangeSet, inventoryId, inventoryOfChangeSet, PruneError, staleObjects } from '@conflux/ssa';
import type { StepContext, StepResult } from './context.ts';
import { errorMessage, event, retry } from './outcome.ts';

export async function applyManifests(ctx: StepContext): Promise<StepResult> {
  const { object } = ctx;
  let changeSet: ChangeSet;
  try {
    changeSet = await ctx.resources!.applyAllStaged(ctx.manifests!.objects, {
      force: object.spec.force ?? false,
      signal: ctx.request.signal,
      ...(object.spec.ignore?.length ? { ignore: object.spec.ignore } : {}),
    });
  } catch (err) {
    if (!(err instanceof ApplyError)) throw err;
    // Upstream puts what was applied before the failure into the message, so nothing is half-applied silently.
    const done = formatChangeSet(err.changeSet);
    return retry(ctx, KustomizeReason.ReconciliationFailed, done ? `${err.message}\n${done}` : err.message);
  }
  ctx.changeSet = changeSet;
  const changes = formatChangeSet(changeSet);
  if (changes) event(ctx, 'Normal', changes);
  return 'continue';
}

export async function pruneStale(ctx: StepContext): Promise<StepResult> {
  const previous = ctx.object.status?.inventory?.entries ?? [];
  const current = inventoryOfChangeSet(ctx.changeSet!);
  ctx.status.inventory = { entries: current };
  if (!ctx.object.spec.prune) return 'continue';
  const stale = staleObjects(previous, current);
  if (stale.length === 0) return 'continue';
  let pruned: ChangeSet;
  try {
    pruned = await ctx.resources!.prune(stale, { signal: ctx.request.signal });
  } catch (err) {
    if (!(err instanceof PruneError)) return retry(ctx, KustomizeReason.PruneFailed, errorMessage(err));
    // The survivors stay in the inventory, with their old versions, so the next run retries them.
    const failedIds = new Set(err.failed.map(inventoryId));
    const survivors = previous.filter((e) => failedIds.has(e.id));
    ctx.status.inventory = { entries: [...current, ...survivors] };
    if (err.changeSet.entries.length) event(ctx, 'Normal', formatChangeSet(err.changeSet, { includeUnchanged: true }));
    return retry(ctx, KustomizeReason.PruneFailed, err.message);
  }
  if (pruned.entries.length) event(ctx, 'Normal', formatChangeSet(pruned, { includeUnchanged: true }));
  return 'continue';
}
