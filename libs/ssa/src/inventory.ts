import type { KubeObject } from '@conflux/runtime';
import type { ChangeSet } from './changeset.ts';
import { inventoryId, type ObjectRef, objectRefOf, parseInventoryId } from './object-ref.ts';
import { sortByApplyOrder } from './sort.ts';
import { stageOrder, stageOf } from './stages.ts';

/** One entry of status.inventory.entries, as upstream writes it: the id and the version alone. */
export interface InventoryEntry {
  id: string;
  v: string;
}

export function inventoryEntry(r: ObjectRef): InventoryEntry {
  return { id: inventoryId(r), v: r.version };
}

/** The inventory of a set of objects, in the order they are applied: stage by stage, sorted within each. */
export function inventoryOf(objects: readonly KubeObject[]): InventoryEntry[] {
  return applyOrder(objects.map(objectRefOf)).map(inventoryEntry);
}

/**
 * The inventory of what an apply reported, skipped entries included (upstream keeps them so that an
 * object later switched back from Ignore is still known). The refs there come from the API server's
 * answer, so a namespace wrongly set on a cluster-scoped object is already gone.
 */
export function inventoryOfChangeSet(cs: ChangeSet): InventoryEntry[] {
  return dedupe(cs.entries.map((e) => inventoryEntry(e.ref)));
}

/** Refs in the inventory but not in `current`, compared on the id, with the version of the old entry. */
export function staleObjects(previous: readonly InventoryEntry[], current: readonly InventoryEntry[]): ObjectRef[] {
  const keep = new Set(current.map((e) => e.id));
  return dedupe(previous.filter((e) => !keep.has(e.id))).map((e) => parseInventoryId(e.id, e.v));
}

export function refsOf(entries: readonly InventoryEntry[]): ObjectRef[] {
  return entries.map((e) => parseInventoryId(e.id, e.v));
}

function applyOrder(refs: ObjectRef[]): ObjectRef[] {
  return stageOrder.flatMap((stage) => sortByApplyOrder(refs.filter((r) => stageOf(r) === stage), (r) => r));
}

function dedupe(entries: InventoryEntry[]): InventoryEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(e.id) && (seen.add(e.id), true));
}
