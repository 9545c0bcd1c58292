import { BuildError, BuildErrorCode } from '../errors.ts';
import type { Loader } from '../loader.ts';
import { allNames, groupVersionOf, kindOf, metadata, sameNamespace, type Resource } from '../resource.ts';
import { parseLabelSelector } from '../selector.ts';
import { parseYamlStream } from '../yaml.ts';

type Where = { file: string; field: string };

/** An object ID as replacements match it: every set field must equal (no regular expressions here). */
export interface ResIdSelector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

export interface FieldOptions {
  delimiter?: string;
  index?: number;
  create?: boolean;
}

export interface Replacement {
  source?: ResIdSelector & { fieldPath?: string; options?: FieldOptions };
  sourceValue?: string;
  targets?: {
    select?: ResIdSelector & { labelSelector?: string; annotationSelector?: string };
    reject?: (ResIdSelector & { labelSelector?: string; annotationSelector?: string })[];
    fieldPaths?: string[];
    options?: FieldOptions;
  }[];
}

/** A `replacements:` entry: inline, or `path:` to a file holding one replacement or a list of them. */
export type ReplacementEntry = Replacement & { path?: string };

const defaultFieldPath = 'metadata.name';

type Json = unknown;
type Map = Record<string, Json>;
const isMap = (v: Json): v is Map => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Splits a field path at dots, except inside `[...]`, so `[name=a.b]` stays one step. A bracketed step
 * without `=` names a map key that holds dots (`data.[tls.crt]`), so its brackets go, as in kustomize.
 */
export function splitFieldPath(path: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of path) {
    if (ch === '[') depth++;
    else if (ch === ']') depth--;
    if (ch === '.' && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((step) => (step.startsWith('[') && step.endsWith(']') && !step.includes('=') ? step.slice(1, -1) : step));
}

/** Every ID an object has had: its current one first, then its earlier names and namespaces. */
function ids(res: Resource): { group: string; version: string; kind: string; name: string; namespace: string }[] {
  const { group, version } = groupVersionOf(res.obj);
  return allNames(res).map((n) => ({ group, version, kind: kindOf(res.obj), name: n.name, namespace: n.namespace }));
}

function selects(sel: ResIdSelector, id: ReturnType<typeof ids>[number]): boolean {
  return (
    (!sel.group || sel.group === id.group) &&
    (!sel.version || sel.version === id.version) &&
    (!sel.kind || sel.kind === id.kind) &&
    (!sel.name || sel.name === id.name) &&
    (!sel.namespace || sameNamespace(sel.namespace, id.namespace))
  );
}

const isEmptyId = (sel: ResIdSelector): boolean => !sel.group && !sel.version && !sel.kind && !sel.name && !sel.namespace;

function matchesMetaSelectors(res: Resource, sel: { labelSelector?: string; annotationSelector?: string }, where: Where): boolean {
  const meta = metadata(res.obj);
  if (sel.labelSelector && !parseLabelSelector(sel.labelSelector, where)((meta['labels'] as Record<string, string>) ?? {})) return false;
  if (sel.annotationSelector && !parseLabelSelector(sel.annotationSelector, where)((meta['annotations'] as Record<string, string>) ?? {})) return false;
  return true;
}

function describeSelector(sel: ResIdSelector): string {
  return `${sel.kind ?? ''}.${sel.version || '[noVer]'}.${sel.group || '[noGrp]'}/${sel.name ?? ''}.${sel.namespace || '[noNs]'}`;
}

/** Reads the `replacements:` entries, loading `path:` ones from their files. */
export function loadReplacements(entries: readonly ReplacementEntry[], dir: string, loader: Loader, file: string): { r: Replacement; where: Where }[] {
  return entries.flatMap((entry, i) => {
    const where = { file, field: `replacements[${i}]` };
    if (!entry.path) return [{ r: entry, where }];
    const path = loader.resolve(dir, entry.path, where);
    const docs = parseYamlStream(loader.readText(path, where), loader.display(path));
    return docs.flatMap((d) => (Array.isArray(d) ? d : [d])).map((r) => ({ r: r as Replacement, where }));
  });
}

/** The `replacements:` transformer: copies a value from one source field into target fields. */
export function applyReplacements(resources: readonly Resource[], replacements: readonly { r: Replacement; where: Where }[]): void {
  for (const { r, where } of replacements) {
    if ((!r.source && r.sourceValue === undefined) || !r.targets) {
      throw new BuildError(BuildErrorCode.InvalidKustomization, 'replacements must specify a source and at least one target', where);
    }
    const value = r.sourceValue !== undefined ? r.sourceValue : sourceValue(resources, r.source!, where);
    for (const target of r.targets) {
      if (!target.select) throw new BuildError(BuildErrorCode.InvalidKustomization, 'target must specify resources to select', where);
      const paths = target.fieldPaths?.length ? target.fieldPaths : [defaultFieldPath];
      for (const res of resources) {
        if (!matchesMetaSelectors(res, target.select, where)) continue;
        const rejectedByMeta = (target.reject ?? []).some(
          (rej) => (rej.labelSelector || rej.annotationSelector) && matchesMetaSelectors(res, rej, where),
        );
        if (rejectedByMeta) continue;
        // Each of the object's IDs is tried in turn: one that is selected and not itself rejected is enough.
        const hit = ids(res).some((id) => selects(target.select!, id) && !(target.reject ?? []).some((rej) => !isEmptyId(rej) && selects(rej, id)));
        if (!hit) continue;
        for (const path of paths) setTarget(res, path, value, target.options, where);
      }
    }
  }
}

function sourceValue(resources: readonly Resource[], source: NonNullable<Replacement['source']>, where: Where): Json {
  const matches = resources.filter((res) => ids(res).some((id) => selects(source, id)));
  if (matches.length > 1) throw new BuildError(BuildErrorCode.InvalidKustomization, `multiple matches for selector ${describeSelector(source)}`, where);
  if (matches.length === 0) throw new BuildError(BuildErrorCode.InvalidKustomization, `nothing selected by ${describeSelector(source)}`, where);
  const fieldPath = source.fieldPath || defaultFieldPath;
  const found = lookup(matches[0]!.obj, splitFieldPath(fieldPath));
  const empty = found === undefined || found === null || found === '' || (Array.isArray(found) && found.length === 0) || (isMap(found) && Object.keys(found).length === 0);
  if (empty) {
    throw new BuildError(BuildErrorCode.InvalidKustomization, `fieldPath \`${fieldPath}\` is missing for replacement source ${describeSelector(source)}`, where);
  }
  const { delimiter, index = 0 } = source.options ?? {};
  if (!delimiter) return structuredClone(found);
  if (isMap(found) || Array.isArray(found)) throw new BuildError(BuildErrorCode.InvalidKustomization, 'delimiter option can only be used with scalar nodes', where);
  const parts = scalarText(found).split(delimiter);
  if (index < 0 || index >= parts.length) {
    throw new BuildError(BuildErrorCode.InvalidKustomization, `options.index ${index} is out of bounds for value ${scalarText(found)}`, where);
  }
  return parts[index];
}

const scalarText = (v: Json): string => (v === null ? 'null' : String(v));

/** A list step `[key=value]`, or undefined for a plain field or index. */
function listMatcher(step: string): { key: string; value: string } | undefined {
  const m = /^\[([^=\]]*)=(.*)\]$/.exec(step);
  return m ? { key: m[1]!, value: m[2]! } : undefined;
}

/** Follows field-path steps: map keys, list indexes and `[key=value]` list matches. */
export function lookup(node: Json, steps: readonly string[]): Json {
  let cur = node;
  for (const step of steps) {
    if (Array.isArray(cur)) {
      const m = listMatcher(step);
      if (m) cur = cur.find((e) => isMap(e) && scalarText(e[m.key]) === m.value);
      else if (/^\d+$/.test(step)) cur = cur[Number(step)];
      else return undefined;
    } else if (isMap(cur)) cur = cur[step];
    else return undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** The scalar a YAML writer would emit for plain text: numbers, booleans and null read back as such. */
function plainScalar(text: string): Json {
  const [value] = parseYamlStream(`v: ${text === '' ? '""' : text}\n`, 'value', false) as [Map | undefined];
  const v = value?.['v'];
  return v === undefined || isMap(v) || Array.isArray(v) ? text : v;
}

/** A scalar target keeps its own type and takes only the text of the value; anything else is replaced. */
function converted(old: Json, value: Json, created: boolean): Json {
  if (isMap(value) || Array.isArray(value)) return structuredClone(value);
  if (created) return plainScalar(scalarText(value));
  if (isMap(old) || Array.isArray(old)) return value;
  if (typeof old === 'string') return scalarText(value);
  return plainScalar(scalarText(value));
}

function setTarget(res: Resource, path: string, value: Json, options: FieldOptions | undefined, where: Where): void {
  const steps = splitFieldPath(path);
  const create = options?.create ?? false;
  const slots: { get: () => Json; set: (v: Json) => void; created: boolean }[] = [];
  const walk = (node: Json, i: number, set: (v: Json) => void, created: boolean): void => {
    if (i === steps.length) {
      slots.push({ get: () => node, set, created });
      return;
    }
    const step = steps[i]!;
    if (Array.isArray(node)) {
      const m = listMatcher(step);
      if (step === '*') node.forEach((e, j) => walk(e, i + 1, (v) => (node[j] = v), created));
      else if (m) {
        const matched = node.flatMap((e, j) => (isMap(e) && scalarText(e[m.key]) === m.value ? [j] : []));
        if (matched.length === 0 && create) {
          node.push({ [m.key]: m.value });
          matched.push(node.length - 1);
        }
        for (const j of matched) walk(node[j], i + 1, (v) => (node[j] = v), created);
      } else if (/^\d+$/.test(step) && Number(step) < node.length) {
        walk(node[Number(step)], i + 1, (v) => (node[Number(step)] = v), created);
      }
      return;
    }
    if (!isMap(node)) return;
    if (step === '*') {
      for (const key of Object.keys(node)) walk(node[key], i + 1, (v) => (node[key] = v), created);
      return;
    }
    if (!(step in node) || node[step] === null) {
      if (!create) return;
      const next = steps[i + 1];
      node[step] = next === undefined ? undefined : listMatcher(next) ? [] : {};
      walk(node[step], i + 1, (v) => (node[step] = v), true);
      return;
    }
    walk(node[step], i + 1, (v) => (node[step] = v), created);
  };
  walk(res.obj, 0, () => undefined, false);
  if (slots.length === 0) {
    if (create) return;
    throw new BuildError(BuildErrorCode.InvalidKustomization, `unable to find field "${path}" in replacement target`, where);
  }
  for (const slot of slots) {
    let v = value;
    const old = slot.get();
    if (options?.delimiter) {
      if (isMap(old) || Array.isArray(old)) throw new BuildError(BuildErrorCode.InvalidKustomization, 'delimiter option can only be used with scalar nodes', where);
      const parts = old === undefined ? [''] : scalarText(old).split(options.delimiter);
      const index = options.index ?? 0;
      const text = scalarText(value);
      if (index < 0) parts.unshift(text);
      else if (index >= parts.length) parts.push(text);
      else parts[index] = text;
      v = parts.join(options.delimiter);
    }
    slot.set(converted(old, v, slot.created || old === undefined));
  }
}
