// Writes status through the status subresource without clobbering what other writers own: a JSON merge
// patch of only the top-level status fields this reconcile changed, guarded by resourceVersion. On a
// conflict the latest object is read and this reconcile's changes are laid over it again: its own
// condition types replace theirs, every other condition and field is kept.
import type { KubeClient } from '../kube/client.ts';
import { isConflict } from '../kube/errors.ts';
import type { KubeObject } from '../kube/object.ts';
import type { ResourceType } from '../kube/resources.ts';
import { type Condition, sortConditions } from './conditions.ts';

export type Status = Record<string, unknown> & { conditions?: Condition[] };

const equal = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The merge-patch body that turns `before` into `after`, top-level fields only; undefined if none changed. */
export function statusPatch(before: Status, after: Status): Record<string, unknown> | undefined {
  const patch: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!equal(before[key], after[key])) patch[key] = after[key] ?? null;
  }
  return Object.keys(patch).length ? patch : undefined;
}

/** Lays this reconcile's changes (before → after) over the latest status someone else wrote. */
export function rebaseStatus(before: Status, after: Status, latest: Status): Status {
  const merged: Status = { ...latest };
  for (const [key, value] of Object.entries(statusPatch(before, after) ?? {})) {
    if (key === 'conditions') continue;
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  const touched = new Set<string>();
  for (const c of before.conditions ?? []) touched.add(c.type);
  for (const c of after.conditions ?? []) touched.add(c.type);
  const changedTypes = [...touched].filter(
    (t) => !equal((before.conditions ?? []).find((c) => c.type === t), (after.conditions ?? []).find((c) => c.type === t)),
  );
  if (changedTypes.length) {
    const kept = (latest.conditions ?? []).filter((c) => !changedTypes.includes(c.type));
    const ours = (after.conditions ?? []).filter((c) => changedTypes.includes(c.type));
    merged.conditions = sortConditions([...kept, ...ours]);
  }
  return merged;
}

/** Patches status from `before` to `after`. Returns the object the API server answered, or undefined if nothing changed. */
export async function writeStatus<T extends KubeObject>(
  client: KubeClient,
  resource: ResourceType,
  object: T,
  before: Status,
  after: Status,
  fieldManager: string,
): Promise<T | undefined> {
  let current: KubeObject = object;
  let base = before;
  let target = after;
  for (let attempt = 0; ; attempt++) {
    const patch = statusPatch(base, target);
    if (!patch) return undefined;
    try {
      return await client.patch<T>(
        resource,
        current.metadata.namespace,
        current.metadata.name,
        { metadata: { resourceVersion: current.metadata.resourceVersion }, status: patch },
        { subresource: 'status', fieldManager },
      );
    } catch (err) {
      if (!isConflict(err) || attempt >= 4) throw err;
      current = await client.get(resource, current.metadata.namespace, current.metadata.name);
      const latest = (current.status ?? {}) as Status;
      // Always rebase this reconcile's own change (before → after), never a previous rebase, so a second
      // conflict cannot replay the first writer's fields over a third's.
      target = rebaseStatus(before, after, latest);
      base = latest;
    }
  }
}
