import type { ManagedFieldsEntry } from '@conflux/api';
import type { KubeObject } from '@conflux/runtime';
import { escapePointerToken, isPlainObject } from './json.ts';

export interface JsonPatchOperation {
  op: 'remove' | 'replace' | 'add' | 'test';
  path: string;
  value?: unknown;
}

// Leftovers of client-side apply and of Flux v1, removed so they cannot be mistaken for desired state.
const staleAnnotations = ['kubectl.kubernetes.io/last-applied-configuration', 'kustomize.toolkit.fluxcd.io/checksum', 'fluxcd.io/sync-checksum'];
const staleLabels = ['fluxcd.io/sync-gc-mark'];

/**
 * The JSON patch that hands every field written by kubectl (edit, apply, create) and by the listed
 * managers over to our Apply manager, or undefined when there is nothing to hand over. Once the fields
 * are ours, the next apply removes what is not in Git: that is how `kubectl edit` changes are reverted.
 * Managers are matched by name prefix, as upstream does, so `kubectl` covers `kubectl-edit` and
 * `kubectl-client-side-apply`. Status entries (subresource set) are left alone.
 */
export function takeOverPatch(existing: KubeObject, fieldManager: string, overrideManagers: readonly string[] = []): JsonPatchOperation[] | undefined {
  const ops: JsonPatchOperation[] = [];
  for (const key of staleAnnotations) {
    if (existing.metadata.annotations?.[key] !== undefined) ops.push({ op: 'remove', path: `/metadata/annotations/${escapePointerToken(key)}` });
  }
  for (const key of staleLabels) {
    if (existing.metadata.labels?.[key] !== undefined) ops.push({ op: 'remove', path: `/metadata/labels/${escapePointerToken(key)}` });
  }
  const fields = existing.metadata.managedFields ?? [];
  const isOurs = (e: ManagedFieldsEntry) => e.manager === fieldManager && e.operation === 'Apply' && !e.subresource;
  const takeOver = (e: ManagedFieldsEntry) => !e.subresource && !isOurs(e) && shouldTakeOver(e, fieldManager, overrideManagers);
  const taken = fields.filter(takeOver);
  if (taken.length > 0) {
    const ours = fields.find(isOurs);
    const merged: ManagedFieldsEntry = {
      manager: fieldManager,
      operation: 'Apply',
      apiVersion: ours?.apiVersion ?? existing.apiVersion ?? taken[0]!.apiVersion ?? '',
      time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      fieldsType: 'FieldsV1',
      fieldsV1: [ours, ...taken].reduce<Record<string, unknown>>((acc, e) => mergeFieldSets(acc, e?.fieldsV1 ?? {}), {}),
    };
    const others = fields.filter((e) => !takeOver(e) && !isOurs(e));
    ops.push({ op: 'replace', path: '/metadata/managedFields', value: [...others, merged] });
  }
  return ops.length > 0 ? ops : undefined;
}

function shouldTakeOver(e: ManagedFieldsEntry, fieldManager: string, overrideManagers: readonly string[]): boolean {
  const name = e.manager ?? '';
  if (overrideManagers.some((m) => name.startsWith(m))) return true;
  if (e.operation === 'Apply') return name.startsWith('kubectl');
  if (e.operation === 'Update') return name.startsWith('kubectl') || name.startsWith('before-first-apply') || name.startsWith(fieldManager);
  return false;
}

/** Union of two FieldsV1 tries: each key is a field, list element or "." for the node itself. */
function mergeFieldSets(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = isPlainObject(prev) && isPlainObject(v) ? mergeFieldSets(prev, v) : isPlainObject(v) ? { ...v } : (prev ?? v);
  }
  return out;
}

/** Whether a manager other than ours applied (server-side) the field at `tokens`, judged from its FieldsV1 trie. */
export function ownedByOtherApplier(existing: KubeObject, fieldManager: string, tokens: readonly string[]): boolean {
  // List positions cannot be mapped to "k:"/"v:" keys without the schema; such paths count as not owned.
  if (tokens.some((t) => /^\d+$/.test(t))) return false;
  return (existing.metadata.managedFields ?? []).some((e) => {
    if (e.operation !== 'Apply' || e.manager === fieldManager || e.subresource) return false;
    let node: unknown = e.fieldsV1;
    for (const t of tokens) {
      if (!isPlainObject(node)) return false;
      node = node[`f:${t}`];
    }
    return node !== undefined;
  });
}
