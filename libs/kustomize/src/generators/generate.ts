import { posix } from 'node:path';
import { BuildError, BuildErrorCode } from '../errors.ts';
import type { GeneratorArgs, GeneratorOptions } from '../kustomization.ts';
import type { Loader } from '../loader.ts';
import { allNames, describeId, kindOf, metadata, sameNamespace, namespaceOf, type KubeObject, type Resource } from '../resource.ts';
import { kustomizeBase64 } from './base64.ts';
import { parseEnvFile, parseLiteral, type KeyValue } from './kv.ts';

type GeneratedKind = 'ConfigMap' | 'Secret';

/** Local options win per key; a global `true` cannot be turned off locally. */
function mergeOptions(global: GeneratorOptions = {}, local: GeneratorOptions = {}): GeneratorOptions {
  return {
    labels: { ...global.labels, ...local.labels },
    annotations: { ...global.annotations, ...local.annotations },
    disableNameSuffixHash: Boolean(global.disableNameSuffixHash || local.disableNameSuffixHash),
    immutable: Boolean(global.immutable || local.immutable),
  };
}

const keyPattern = /^[-._a-zA-Z0-9]+$/;

function collect(args: GeneratorArgs, dir: string, loader: Loader, where: { file: string; field: string }): KeyValue[] {
  const pairs: KeyValue[] = [];
  for (const [i, env] of (args.envs ?? []).entries()) {
    const w = { ...where, field: `${where.field}.envs[${i}]` };
    pairs.push(...parseEnvFile(loader.readText(loader.resolve(dir, env, w), w), w));
  }
  for (const [i, literal] of (args.literals ?? []).entries()) {
    pairs.push(parseLiteral(literal, { ...where, field: `${where.field}.literals[${i}]` }));
  }
  for (const [i, entry] of (args.files ?? []).entries()) {
    const w = { ...where, field: `${where.field}.files[${i}]` };
    const eq = entry.indexOf('=');
    const key = eq < 0 ? undefined : entry.slice(0, eq);
    const path = loader.resolve(dir, eq < 0 ? entry : entry.slice(eq + 1), w);
    if (loader.kind(path) === 'dir') throw new BuildError(BuildErrorCode.InvalidGenerator, `"${entry}" must resolve to a file`, w);
    if (key === '') throw new BuildError(BuildErrorCode.InvalidGenerator, `"${entry}": the key is empty`, w);
    pairs.push({ key: key ?? posix.basename(path), value: loader.readBytes(path, w) });
  }
  const seen = new Set<string>();
  for (const { key } of pairs) {
    if (!keyPattern.test(key)) throw new BuildError(BuildErrorCode.InvalidGenerator, `"${key}" is not a valid ConfigMap/Secret key`, where);
    if (seen.has(key)) {
      throw new BuildError(BuildErrorCode.InvalidGenerator, `cannot add key "${key}", another key by that name already exists`, where);
    }
    seen.add(key);
  }
  return pairs;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Builds one generated object from its generator entry. */
export function generateObject(
  kind: GeneratedKind,
  args: GeneratorArgs,
  globalOptions: GeneratorOptions | undefined,
  dir: string,
  loader: Loader,
  where: { file: string; field: string },
): Resource {
  if (!args.name) throw new BuildError(BuildErrorCode.InvalidGenerator, 'a generator needs a name', where);
  const options = mergeOptions(globalOptions, args.options);
  const pairs = collect(args, dir, loader, where);
  const meta: Record<string, unknown> = { name: args.name };
  if (args.namespace) meta['namespace'] = args.namespace;
  if (Object.keys(options.labels ?? {}).length) meta['labels'] = { ...options.labels };
  if (Object.keys(options.annotations ?? {}).length) meta['annotations'] = { ...options.annotations };
  const obj: KubeObject = { apiVersion: 'v1', kind, metadata: meta };
  if (kind === 'ConfigMap') {
    const data: Record<string, string> = {};
    const binaryData: Record<string, string> = {};
    for (const { key, value } of pairs) {
      // Content that is not valid UTF-8 cannot live in `data`, so it goes to `binaryData` as base64.
      const text = typeof value === 'string' ? value : decodeUtf8(value);
      if (text === undefined) binaryData[key] = kustomizeBase64(value);
      else data[key] = text;
    }
    if (Object.keys(data).length) obj['data'] = data;
    if (Object.keys(binaryData).length) obj['binaryData'] = binaryData;
  } else {
    obj['type'] = args.type || 'Opaque';
    const data: Record<string, string> = {};
    for (const { key, value } of pairs) data[key] = kustomizeBase64(value);
    if (Object.keys(data).length) obj['data'] = data;
  }
  if (options.immutable) obj['immutable'] = true;
  return { obj, previous: [], generated: { needsHash: !options.disableNameSuffixHash } };
}

/**
 * Adds a generated object to the accumulated resources according to its behavior: create refuses an
 * existing one, merge folds data and metadata into it, replace swaps it out keeping its labels and
 * annotations underneath.
 */
export function addGenerated(resources: Resource[], res: Resource, behavior: string, where: { file: string; field: string }): void {
  const name = String(metadata(res.obj)['name']);
  const ns = namespaceOf(res.obj);
  const index = resources.findIndex(
    (r) =>
      kindOf(r.obj) === kindOf(res.obj) &&
      allNames(r).some((n) => n.name === name && (!ns || sameNamespace(n.namespace, ns))),
  );
  const mode = behavior || 'create';
  if (mode === 'create') {
    if (index >= 0) {
      throw new BuildError(BuildErrorCode.DuplicateResource, `${describeId(res.obj)} already exists; use behavior merge or replace`, where);
    }
    resources.push(res);
    return;
  }
  if (mode !== 'merge' && mode !== 'replace') {
    throw new BuildError(BuildErrorCode.InvalidGenerator, `unknown behavior "${behavior}"`, where);
  }
  const old = resources[index];
  if (!old) {
    throw new BuildError(BuildErrorCode.InvalidGenerator, `${describeId(res.obj)} does not exist; cannot ${mode} it`, where);
  }
  const oldMeta = metadata(old.obj);
  const newMeta = metadata(res.obj);
  const mergedMeta = (key: 'labels' | 'annotations'): Record<string, unknown> | undefined => {
    const merged = { ...(oldMeta[key] as object), ...(newMeta[key] as object) };
    return Object.keys(merged).length ? merged : undefined;
  };
  const labels = mergedMeta('labels');
  const annotations = mergedMeta('annotations');
  // The binary keeps a hash suffix only when both sides want one: merging into or replacing a plain
  // object never adds a suffix, and disableNameSuffixHash on either side removes it.
  const needsHash = Boolean(old.generated?.needsHash && res.generated?.needsHash);
  if (mode === 'merge') {
    for (const field of ['data', 'binaryData'] as const) {
      const merged = { ...(old.obj[field] as object), ...(res.obj[field] as object) };
      if (Object.keys(merged).length) old.obj[field] = merged;
    }
    if (res.obj['immutable'] !== undefined) old.obj['immutable'] = res.obj['immutable'];
    if (labels) oldMeta['labels'] = labels;
    if (annotations) oldMeta['annotations'] = annotations;
    old.generated = { needsHash };
    return;
  }
  // replace: the new content under the old identity.
  newMeta['name'] = oldMeta['name'];
  if (oldMeta['namespace'] !== undefined) newMeta['namespace'] = oldMeta['namespace'];
  if (labels) newMeta['labels'] = labels;
  if (annotations) newMeta['annotations'] = annotations;
  resources[index] = { obj: res.obj, previous: old.previous, generated: { needsHash } };
}
