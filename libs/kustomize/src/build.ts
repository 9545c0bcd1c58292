import { posix } from 'node:path';
import { BuildError, BuildErrorCode } from './errors.ts';
import { findKustomizationFile, generateKustomization } from './flux-generate.ts';
import type { BuildFileSystem } from './fs.ts';
import { contentHash } from './generators/hash.ts';
import { addGenerated, generateObject } from './generators/generate.ts';
import { checkKustomization, type Kustomization } from './kustomization.ts';
import { Loader } from './loader.ts';
import { fixBindingReferences, fixNameReferences } from './namereference.ts';
import { applyPatch, applyStrategicMergeEntry } from './patch/apply.ts';
import { appendResources, metadata, nameOf, rename, resourcesFromDocuments, type KubeObject, type Resource } from './resource.ts';
import { applyImages } from './transformers/images.ts';
import { applyCommonAnnotations, applyCommonLabels, applyLabels } from './transformers/labels.ts';
import { applyNamePrefixSuffix } from './transformers/names.ts';
import { applyNamespace } from './transformers/namespace.ts';
import { applyBuildMetadata } from './transformers/buildmetadata.ts';
import { applyReplacements, loadReplacements } from './transformers/replacements.ts';
import { applyReplicas } from './transformers/replicas.ts';
import { sortResources } from './transformers/sort.ts';
import { parseYaml, parseYamlStream } from './yaml.ts';
import { configFromCRDs } from './config/crds.ts';
import { emptyConfig, mergeConfig, mergeFieldSpecs, parseTransformerConfig, type TransformerConfig } from './config/transformer-config.ts';
import { varReferenceSpecs } from './transformers/fieldspecs.ts';
import { mergeVars, parseVars, pinVars, resolveVars, type VarSet } from './vars/vars.ts';

export interface BuildOptions {
  /**
   * Flux's behaviour for the path it builds: generate a kustomization when there is none, and read an
   * existing one leniently (unknown fields dropped). Plain `kustomize build` semantics when false.
   */
  fluxGenerate?: boolean;
}

/**
 * `kustomize build` of `path` (relative to the filesystem's root, or absolute inside it) over `fs`, with Flux's load restrictions: the
 * filesystem's root bounds what may be read. Returns the objects in kustomize's FIFO output order.
 */
export function build(fs: BuildFileSystem, path: string, options: BuildOptions = {}): KubeObject[] {
  const loader = new Loader(fs, fs.root);
  const dir = loader.resolve(fs.root, path, {});
  if (loader.kind(dir) !== 'dir') {
    throw new BuildError(BuildErrorCode.MissingResource, `"${path}" is not a directory`);
  }
  const ctx: Context = { stack: [], fluxGenerate: options.fluxGenerate ?? false, isRoot: true };
  const acc = buildDir(loader, dir, ctx, undefined);
  finishAtRoot(acc);
  const resources = acc.resources;
  const root = ctx.rootKustomization ?? {};
  const sorted = root.sortOptions ? sortResources(resources, root.sortOptions) : resources;
  applyBuildMetadata(sorted, root.buildMetadata ?? [], dir, ctx.rootFile ?? '');
  return sorted.map((r) => r.obj);
}

interface Context {
  stack: string[];
  fluxGenerate: boolean;
  isRoot: boolean;
  /** Filled in while building the root: its sortOptions and buildMetadata apply to the whole output. */
  rootKustomization?: Kustomization;
  rootFile?: string;
  /** The root asked for `buildMetadata: [transformerAnnotations]`, so every transformer run is recorded. */
  trackTransformers?: boolean;
}

function loadKustomization(loader: Loader, dir: string, ctx: Context, where: { file?: string; field?: string }): { k: Kustomization; file: string } {
  const path = findKustomizationFile(loader, dir);
  if (!path) {
    if (ctx.isRoot && ctx.fluxGenerate) return { k: generateKustomization(loader, dir), file: loader.display(posix.join(dir, 'kustomization.yaml')) };
    throw new BuildError(BuildErrorCode.MissingResource, `no kustomization.yaml, kustomization.yml or Kustomization in "${loader.display(dir)}"`, where);
  }
  const file = loader.display(path);
  const k = checkKustomization(parseYaml(loader.readText(path, { file }), file, true), file, ctx.isRoot && ctx.fluxGenerate);
  return { k, file };
}

/** What a kustomization hands to its parent: objects, transformer configuration and declared vars. */
interface Accumulator {
  resources: Resource[];
  config: TransformerConfig;
  vars: VarSet;
}

/** Builds one kustomization (or component, over `start`) and returns its fully transformed resources. */
function buildDir(loader: Loader, dir: string, ctx: Context, start: Accumulator | undefined, where: { file?: string; field?: string } = {}): Accumulator {
  if (ctx.stack.includes(dir)) {
    const cycle = [...ctx.stack.slice(ctx.stack.indexOf(dir)), dir].map((d) => loader.display(d)).join(' -> ');
    throw new BuildError(BuildErrorCode.Cycle, `cycle between kustomizations: ${cycle}`, where);
  }
  const { k, file } = loadKustomization(loader, dir, ctx, where);
  if (ctx.isRoot) {
    ctx.rootKustomization = k;
    ctx.rootFile = file;
    ctx.trackTransformers = (k.buildMetadata ?? []).includes('transformerAnnotations');
  }
  const isComponent = k.kind === 'Component';
  if (start && !isComponent) {
    throw new BuildError(BuildErrorCode.InvalidKustomization, 'a kustomization listed under components must have kind Component', where);
  }
  const inner: Context = { ...ctx, stack: [...ctx.stack, dir], isRoot: false };
  const acc: Accumulator = start ?? { resources: [], config: emptyConfig(), vars: new Map() };
  const resources = acc.resources;

  for (const [i, ref] of (k.resources ?? []).entries()) {
    const w = { file, field: `resources[${i}]` };
    const path = loader.resolve(dir, ref, w);
    const kind = loader.kind(path);
    if (kind === 'dir') {
      const sub = buildDir(loader, path, inner, undefined, w);
      appendResources(resources, sub.resources, w);
      acc.config = mergeConfig(acc.config, sub.config);
      mergeVars(acc.vars, sub.vars.values(), w);
    } else if (kind === 'file') {
      const display = loader.display(path);
      const loaded = resourcesFromDocuments(parseYamlStream(loader.readText(path, w), display), display);
      for (const res of loaded) res.origin = { path };
      appendResources(resources, loaded, w);
    } else {
      throw new BuildError(BuildErrorCode.MissingResource, `"${ref}": missing resource: no such file or directory`, w);
    }
  }

  for (const [i, ref] of (k.configurations ?? []).entries()) {
    const w = { file, field: `configurations[${i}]` };
    const path = loader.resolve(dir, ref, w);
    acc.config = mergeConfig(acc.config, parseTransformerConfig(loader.readText(path, w), loader.display(path)));
  }
  for (const [i, ref] of (k.crds ?? []).entries()) {
    const w = { file, field: `crds[${i}]` };
    const path = loader.resolve(dir, ref, w);
    acc.config = mergeConfig(acc.config, configFromCRDs(loader.readText(path, w), loader.display(path)));
  }

  for (const [field, kind] of [['configMapGenerator', 'ConfigMap'], ['secretGenerator', 'Secret']] as const) {
    for (const [i, args] of (k[field] ?? []).entries()) {
      const w = { file, field: `${field}[${i}]` };
      const generated = generateObject(kind, args, k.generatorOptions, dir, loader, w);
      generated.origin = { configuredIn: posix.join(dir, posix.basename(file)), generator: `${kind}Generator` };
      addGenerated(resources, generated, args.behavior ?? '', w);
    }
  }

  let current = acc;
  for (const [i, ref] of (k.components ?? []).entries()) {
    const w = { file, field: `components[${i}]` };
    const path = loader.resolve(dir, ref, w);
    if (loader.kind(path) !== 'dir') throw new BuildError(BuildErrorCode.MissingResource, `"${ref}": missing component directory`, w);
    current = buildDir(loader, path, inner, current, w);
  }

  transform(current, k, dir, loader, file, ctx.trackTransformers ?? false);
  pinVars(current.resources, parseVars(k.vars, { file }), current.vars, { file, field: 'vars' });
  return current;
}

/** The transformers, in kustomize's fixed order. */
function transform(acc: Accumulator, k: Kustomization, dir: string, loader: Loader, file: string, track: boolean): void {
  const { resources, config } = acc;
  const configuredIn = posix.join(dir, posix.basename(file));
  // kustomize notes each configured transformer on every object present when it ran, changed or not.
  const ran = (kind: string): void => {
    if (!track) return;
    for (const res of resources) (res.transformations ??= []).push({ configuredIn, kind });
  };
  if (k.patchesStrategicMerge?.length) {
    for (const [i, entry] of k.patchesStrategicMerge.entries()) {
      applyStrategicMergeEntry(resources, entry, dir, loader, { file, field: `patchesStrategicMerge[${i}]` });
    }
    ran('PatchStrategicMergeTransformer');
  }
  for (const [i, patch] of (k.patches ?? []).entries()) {
    applyPatch(resources, patch, dir, loader, { file, field: `patches[${i}]` });
    ran('PatchTransformer');
  }
  if (k.namespace) {
    applyNamespace(resources, k.namespace, config.namespace);
    ran('NamespaceTransformer');
  }
  // One rename for both keeps a single earlier name per object, which is what name references match on.
  applyNamePrefixSuffix(resources, k.namePrefix, k.nameSuffix, config.namePrefix, config.nameSuffix);
  if (k.namePrefix) ran('PrefixTransformer');
  if (k.nameSuffix) ran('SuffixTransformer');
  for (const label of k.labels ?? []) {
    const extra = [...config.labels, ...(label.includeSelectors ? config.commonLabels : label.includeTemplates ? config.templateLabels : []), ...(label.fields ?? [])];
    applyLabels(resources, label.pairs ?? {}, label, extra);
    ran('LabelTransformer');
  }
  if (k.labels?.length || Object.keys(k.commonLabels ?? {}).length) {
    if (k.commonLabels) applyCommonLabels(resources, k.commonLabels, config.commonLabels);
    ran('LabelTransformer');
  }
  if (Object.keys(k.commonAnnotations ?? {}).length) {
    applyCommonAnnotations(resources, k.commonAnnotations!, config.commonAnnotations);
    ran('AnnotationsTransformer');
  }
  for (const [i, patch] of (k.patchesJson6902 ?? []).entries()) {
    applyPatch(resources, patch, dir, loader, { file, field: `patchesJson6902[${i}]` }, true);
    ran('PatchJson6902Transformer');
  }
  for (const replica of k.replicas ?? []) {
    applyReplicas(resources, [replica], config.replicas);
    ran('ReplicaCountTransformer');
  }
  for (const image of k.images ?? []) {
    applyImages(resources, [image], config.images);
    ran('ImageTagTransformer');
  }
  if (k.replacements?.length) {
    applyReplacements(resources, loadReplacements(k.replacements, dir, loader, file));
    ran('ReplacementTransformer');
  }
}

/** Hash suffixes, back references, vars and local-config removal happen once, on the final objects. */
function finishAtRoot(acc: Accumulator): void {
  const { resources } = acc;
  for (const res of resources) {
    if (res.generated?.needsHash) rename(res, `${nameOf(res.obj)}-${contentHash(res.obj)}`);
  }
  fixNameReferences(resources, acc.config.nameReference);
  fixBindingReferences(resources);
  resolveVars(resources, acc.vars, mergeFieldSpecs(varReferenceSpecs, acc.config.varReference));
  for (let i = resources.length - 1; i >= 0; i--) {
    const local = (metadata(resources[i]!.obj)['annotations'] as Record<string, unknown> | undefined)?.['config.kubernetes.io/local-config'];
    if (local !== undefined && local !== 'false') resources.splice(i, 1);
  }
}
