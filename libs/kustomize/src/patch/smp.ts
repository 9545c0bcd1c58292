import { BuildError, BuildErrorCode } from '../errors.ts';
import type { FieldType, ListType, ObjectType } from './schema.ts';

type Json = unknown;
type Map = Record<string, Json>;

const isMap = (v: Json): v is Map => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Marker for "remove this field/element". */
const removed = Symbol('removed');

/**
 * Strategic merge of `patch` into `target` as kustomize's kyaml merge2 does it (not as kubectl does):
 * maps merge, scalars and unknown lists are replaced, mergeable lists match elements by key and put the
 * patch's elements first. Returns undefined when the patch deletes the whole object.
 */
export function strategicMerge(target: Map, patch: Map, schema: ObjectType | undefined): Map | undefined {
  const result = mergeValue(target, patch, schema);
  return result === removed ? undefined : (result as Map);
}

function directive(patch: Map): string | undefined {
  const d = patch['$patch'];
  if (d === undefined) return undefined;
  if (d !== 'delete' && d !== 'replace' && d !== 'merge') {
    throw new BuildError(BuildErrorCode.InvalidPatch, `unknown patch strategy "${String(d)}"`);
  }
  return d;
}

function withoutDirectives(patch: Json): Json {
  if (Array.isArray(patch)) return patch.filter((e) => !(isMap(e) && e['$patch'] === 'replace' && Object.keys(e).length === 1)).map(withoutDirectives);
  if (!isMap(patch)) return patch;
  const out: Map = {};
  // Only `$patch` is a directive to kyaml; `$setElementOrder/...`, `$retainKeys` and the like are copied as fields.
  for (const [k, v] of Object.entries(patch)) if (k !== '$patch') out[k] = withoutDirectives(v);
  return out;
}

function mergeValue(target: Json, patch: Json, type: FieldType | undefined): Json | typeof removed {
  if (patch === null) return removed;
  if (isMap(patch)) {
    const d = directive(patch);
    if (d === 'delete') return removed;
    if (d === 'replace' || !isMap(target)) return withoutDirectives(patch);
    return mergeMap(target, patch, type && !('list' in type) ? type : undefined);
  }
  if (Array.isArray(patch)) {
    if (!Array.isArray(target) || !type || !('list' in type)) return withoutDirectives(patch);
    return mergeList(target, patch, type);
  }
  return patch;
}

function mergeMap(target: Map, patch: Map, type: ObjectType | undefined): Map {
  const out: Map = { ...target };
  for (const key of Object.keys(patch).sort()) {
    if (key === '$patch') continue;
    const merged = mergeValue(out[key], patch[key], type?.fields[key]);
    if (merged === removed) delete out[key];
    else out[key] = merged;
  }
  return out;
}

function mergeList(target: Json[], patch: Json[], type: ListType): Json[] {
  if (patch.some((e) => isMap(e) && e['$patch'] === 'replace')) return withoutDirectives(patch) as Json[];
  if (type.primitive) {
    const result = [...patch];
    for (const v of target) if (!result.includes(v)) result.push(v);
    return result;
  }
  const keys = type.keys;
  // Every key must agree; a key missing on one side matches anything, as kyaml compares them.
  const matches = (a: Json, b: Json): boolean =>
    isMap(a) && isMap(b) && keys.some((k) => a[k] !== undefined) &&
    keys.every((k) => a[k] === undefined || b[k] === undefined || String(a[k]) === String(b[k]));
  const used = new Set<number>();
  const head: Json[] = [];
  const tail: Json[] = [];
  const mergedAt = new Map<number, Json | typeof removed>();
  for (const element of patch) {
    if (!isMap(element) || !keys.some((k) => element[k] !== undefined)) {
      tail.push(withoutDirectives(element));
      continue;
    }
    const index = target.findIndex((t, i) => !used.has(i) && matches(element, t));
    if (index >= 0) used.add(index);
    // kyaml pairs elements on their key tuple: a partial match (a key present on one side only) pairs
    // them, but the target element then wins unchanged and the patch element is dropped. That holds for
    // `$patch: delete` too: deleting `{containerPort: 80}` leaves `{containerPort: 80, protocol: TCP}`.
    if (index >= 0 && keys.length > 1 && !keys.every((k) => (element[k] === undefined) === ((target[index] as Map)[k] === undefined))) continue;
    if (element['$patch'] === 'delete') {
      if (index >= 0) mergedAt.set(index, removed);
      continue;
    }
    const merged = index >= 0 ? mergeValue(target[index], element, type.element) : withoutDirectives(element);
    const empty = merged === removed || (isMap(merged) && Object.keys(merged).length === 0);
    if (index >= 0) mergedAt.set(index, empty ? removed : merged);
    if (empty) continue;
    // Single-key lists: matched or not, patch elements come first (kustomize#5904).
    if (keys.length === 1 || index < 0) head.push(merged);
  }
  if (keys.length === 1) return [...head, ...target.filter((_, i) => !used.has(i)), ...tail];
  // Lists keyed on several fields (ports): new elements first, then the target's, merged in place.
  const rest = target.flatMap((t, i) => {
    const m = mergedAt.has(i) ? mergedAt.get(i) : t;
    return m === removed ? [] : [m];
  });
  return [...head, ...rest, ...tail];
}
