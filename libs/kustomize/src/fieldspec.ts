import { groupVersionOf, kindOf, type KubeObject } from './resource.ts';

/** Where a transformer acts: a slash-separated path on objects of a group/version/kind (empty = any). */
export interface FieldSpec {
  group?: string;
  version?: string;
  kind?: string;
  path: string;
  /** Create the field (and its parents) when missing. */
  create?: boolean;
}

export function fieldSpecApplies(spec: FieldSpec, obj: KubeObject): boolean {
  if (spec.kind && spec.kind !== kindOf(obj)) return false;
  const { group, version } = groupVersionOf(obj);
  if (spec.group && spec.group !== group) return false;
  if (spec.version && spec.version !== version) return false;
  return true;
}

/**
 * Visits the field at `spec.path`, giving `update` its current value and storing what it returns. As in
 * kustomize's field-spec walker, a list met on the way is entered element by element, so `a/b` reaches
 * every `a[i].b`; the `[]` some paths carry is only a hint.
 */
export function updateField(obj: KubeObject, spec: FieldSpec, update: (value: unknown) => unknown): void {
  if (!fieldSpecApplies(spec, obj)) return;
  const segments = spec.path.split('/').map((s) => (s.endsWith('[]') ? s.slice(0, -2) : s));
  walk(obj, segments, spec.create ?? false, update);
}

function walk(node: unknown, segments: readonly string[], create: boolean, update: (value: unknown) => unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, segments, create, update);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const map = node as Record<string, unknown>;
  const [head, ...rest] = segments;
  if (head === undefined) return;
  if (rest.length === 0) {
    if (!(head in map) && !create) return;
    map[head] = update(map[head]);
    return;
  }
  let next = map[head];
  if (next === undefined || next === null) {
    if (!create) return;
    next = {};
    map[head] = next;
  }
  walk(next, rest, create, update);
}
