import { BuildError, BuildErrorCode } from '../errors.ts';
import type { Patch } from '../kustomization.ts';
import type { Loader } from '../loader.ts';
import { allNames, describeId, groupVersionOf, kindOf, metadata, nameOf, namespaceOf, sameNamespace, type KubeObject, type Resource } from '../resource.ts';
import { compileSelector } from '../selector.ts';
import { parseYamlStream } from '../yaml.ts';
import { applyJsonPatch, type JsonPatchOp } from './json6902.ts';
import { schemaFor } from './schema.ts';
import { strategicMerge } from './smp.ts';

type Where = { file: string; field: string };

/** The text of a patch: inline, or read from the file it names. */
function patchText(patch: Patch, dir: string, loader: Loader, where: Where): { text: string; file: string } {
  if (patch.path && patch.patch) throw new BuildError(BuildErrorCode.InvalidPatch, 'a patch has both path and patch', where);
  if (patch.path) {
    const path = loader.resolve(dir, patch.path, where);
    return { text: loader.readText(path, where), file: loader.display(path) };
  }
  if (patch.patch) return { text: patch.patch, file: where.file };
  throw new BuildError(BuildErrorCode.InvalidPatch, 'a patch needs path or patch', where);
}

type Parsed = { json: JsonPatchOp[] } | { smp: KubeObject[] };

/** A patch is JSON 6902 when it is a list of operations, strategic merge when it is one or more maps. */
function classify(text: string, file: string, where: Where): Parsed {
  const docs = parseYamlStream(text, file);
  if (docs.length === 1 && Array.isArray(docs[0])) return { json: docs[0] as JsonPatchOp[] };
  if (docs.every((d) => d && typeof d === 'object' && !Array.isArray(d))) return { smp: docs as KubeObject[] };
  throw new BuildError(BuildErrorCode.InvalidPatch, 'the patch is neither a strategic merge patch nor a JSON 6902 patch', where);
}

/** Strategic merge into one resource; kind, name and namespace survive unless the options allow a change. */
function mergeInto(res: Resource, patch: KubeObject, options: Patch['options']): boolean {
  const before = { kind: kindOf(res.obj), name: nameOf(res.obj), namespace: namespaceOf(res.obj) };
  const merged = strategicMerge(res.obj, structuredClone(patch), schemaFor(res.obj));
  if (!merged) return false;
  res.obj = merged;
  if (!options?.allowKindChange) res.obj['kind'] = before.kind;
  const meta = metadata(res.obj);
  if (!options?.allowNameChange) meta['name'] = before.name;
  else if (meta['name'] !== before.name) res.previous.push({ name: before.name, namespace: before.namespace });
  if (before.namespace) meta['namespace'] = before.namespace;
  else delete meta['namespace'];
  return true;
}

/** The resource a target-less strategic merge patch names by its apiVersion, kind, name and namespace. */
function findById(resources: readonly Resource[], patch: KubeObject, where: Where): Resource {
  const { group, version } = groupVersionOf(patch);
  const name = nameOf(patch);
  const ns = namespaceOf(patch);
  const found = resources.filter((r) => {
    const gv = groupVersionOf(r.obj);
    return (
      kindOf(r.obj) === kindOf(patch) && gv.group === group && gv.version === version &&
      allNames(r).some((n) => n.name === name && sameNamespace(n.namespace, ns))
    );
  });
  if (found.length === 0) {
    throw new BuildError(BuildErrorCode.PatchTargetNotFound, `no resource matches the patch for ${describeId(patch)}`, where);
  }
  if (found.length > 1) {
    throw new BuildError(BuildErrorCode.PatchTargetNotFound, `more than one resource matches the patch for ${describeId(patch)}`, where);
  }
  return found[0]!;
}

/** Applies one `patches:` (or `patchesJson6902:`) entry, removing resources that a `$patch: delete` drops. */
export function applyPatch(resources: Resource[], patch: Patch, dir: string, loader: Loader, where: Where, requireJson = false): void {
  const { text, file } = patchText(patch, dir, loader, where);
  const parsed = classify(text, file, where);
  if ('json' in parsed) {
    if (!patch.target) throw new BuildError(BuildErrorCode.InvalidPatch, 'a JSON 6902 patch needs a target', where);
    const select = compileSelector(patch.target, where);
    for (const res of resources.filter(select)) {
      const before = { kind: kindOf(res.obj), name: nameOf(res.obj), namespace: namespaceOf(res.obj) };
      applyJsonPatch(res.obj, parsed.json, where);
      if (nameOf(res.obj) !== before.name || namespaceOf(res.obj) !== before.namespace) {
        res.previous.push({ name: before.name, namespace: before.namespace });
      }
    }
    return;
  }
  if (requireJson) throw new BuildError(BuildErrorCode.InvalidPatch, 'patchesJson6902 entries must be JSON 6902 patches', where);
  if (patch.target) {
    if (parsed.smp.length !== 1) {
      throw new BuildError(BuildErrorCode.InvalidPatch, 'a strategic merge patch with a target must hold exactly one document', where);
    }
    const select = compileSelector(patch.target, where);
    for (const res of resources.filter(select)) {
      if (!mergeInto(res, parsed.smp[0]!, patch.options)) resources.splice(resources.indexOf(res), 1);
    }
    return;
  }
  for (const doc of parsed.smp) {
    const res = findById(resources, doc, where);
    if (!mergeInto(res, doc, patch.options)) resources.splice(resources.indexOf(res), 1);
  }
}

/**
 * One `patchesStrategicMerge` entry: a file path when such a file exists, otherwise inline YAML,
 * which is how kustomize tells them apart.
 */
export function applyStrategicMergeEntry(resources: Resource[], entry: string, dir: string, loader: Loader, where: Where): void {
  const looksInline = entry.includes('\n') || /^\s*(apiVersion|kind|metadata)\s*:/.test(entry);
  const patch: Patch = looksInline ? { patch: entry } : { path: entry };
  applyPatch(resources, patch, dir, loader, where);
}
