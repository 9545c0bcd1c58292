// Flux's kustomization.yaml generation (reference §5.1): the spec fields that shape a build
// (targetNamespace, namePrefix/nameSuffix, patches, images, components, buildMetadata) are written into
// the kustomization file of spec.path, which libs/kustomize then builds as usual. Writing into the file,
// as upstream does, rather than wrapping it in another kustomization keeps kustomize's semantics exact:
// the namespace replaces the file's, images merge by name, patches come after the file's own.
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join, posix } from 'node:path';
import type { Image, KustomizationSpec, Patch } from '@conflux/api';
import { parseYamlStream, toYamlStream } from '@conflux/kustomize';

const fileNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

type Doc = Record<string, unknown>;

/** A failure of Flux's generation step; the reconciler reports it as BuildFailed. */
export class GenerateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GenerateError';
  }
}

/** Whether any spec field changes the kustomization file. */
export function hasOverlay(spec: KustomizationSpec): boolean {
  return Boolean(
    spec.targetNamespace || spec.namePrefix || spec.nameSuffix || spec.patches?.length || spec.images?.length || spec.components?.length || spec.buildMetadata?.length,
  );
}

/**
 * The kustomization with the spec laid over it. `componentExists` tells whether a component path exists
 * (relative to the kustomization's directory), for ignoreMissingComponents.
 */
export function overlay(k: Doc, spec: KustomizationSpec, componentExists: (path: string) => boolean = () => true, existed = true): Doc {
  const out: Doc = { ...k };
  // An existing file without resources would fail kustomize as "empty"; upstream adds origin annotations instead.
  if (existed && !(Array.isArray(out['resources']) && out['resources'].length > 0) && !Array.isArray(out['buildMetadata'])) {
    out['buildMetadata'] = ['originAnnotations'];
  }
  if (spec.targetNamespace) out['namespace'] = spec.targetNamespace;
  if (spec.namePrefix) out['namePrefix'] = spec.namePrefix;
  if (spec.nameSuffix) out['nameSuffix'] = spec.nameSuffix;
  if (spec.patches?.length) out['patches'] = [...asList(out['patches']), ...spec.patches.map(toKustomizePatch)];
  if (spec.components?.length) {
    const components = spec.components.map((c) => {
      if (isAbsolute(c) || /^[a-z][a-z0-9+.-]*:\/\//i.test(c) || c.startsWith('git@')) throw new GenerateError(`component path '${c}' must be local and relative`);
      return c;
    });
    const kept = spec.ignoreMissingComponents ? components.filter(componentExists) : components;
    out['components'] = [...asList(out['components']), ...kept];
  }
  if (spec.images?.length) out['images'] = mergeImages(asList(out['images']) as Doc[], spec.images);
  if (spec.buildMetadata?.length) out['buildMetadata'] = [...spec.buildMetadata];
  return out;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function toKustomizePatch(p: Patch): Doc {
  const out: Doc = { patch: p.patch };
  if (p.target) {
    const target = Object.fromEntries(Object.entries(p.target).filter(([, v]) => v !== undefined && v !== ''));
    if (Object.keys(target).length) out['target'] = target;
  }
  return out;
}

/** Merged by exact name: newName replaces when set; newTag and digest replace together when either is set. */
export function mergeImages(existing: Doc[], images: readonly Image[]): Doc[] {
  const out = existing.map((i) => ({ ...i }));
  for (const img of images) {
    const match = out.find((i) => i['name'] === img.name);
    if (!match) {
      out.push(Object.fromEntries(Object.entries(img).filter(([, v]) => v !== undefined && v !== '')));
      continue;
    }
    if (img.newName) match['newName'] = img.newName;
    if (img.newTag || img.digest) {
      delete match['newTag'];
      delete match['digest'];
      if (img.newTag) match['newTag'] = img.newTag;
      if (img.digest) match['digest'] = img.digest;
    }
  }
  return out;
}

/**
 * What Flux generates for a directory without a kustomization file: its .yaml/.yml files in lexical walk
 * order, and each subdirectory holding a kustomization file as one resource, not descended into.
 */
export async function scanManifests(dir: string): Promise<Doc> {
  const resources: string[] = [];
  const walk = async (current: string): Promise<void> => {
    const entries = (await readdir(current, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const path = join(current, e.name);
      const rel = `./${posix.normalize(path.slice(dir.length + 1).split('\\').join('/'))}`;
      if (e.isDirectory()) {
        if (fileNames.some((n) => existsSync(join(path, n)))) resources.push(rel);
        else await walk(path);
      } else if (e.isFile() && /\.ya?ml$/.test(e.name)) {
        resources.push(rel);
      }
    }
  };
  await walk(dir);
  return resources.length ? { resources } : { namespace: '_placeholder' };
}

/**
 * Writes Flux's kustomization into `dir` when the spec changes it (or the file has no resources).
 * Without a file and without overlays the build generates one itself, so nothing is written.
 */
export async function writeFluxKustomization(dir: string, spec: KustomizationSpec): Promise<void> {
  const name = fileNames.find((n) => existsSync(join(dir, n)));
  let doc: Doc;
  if (name) {
    const text = await readFile(join(dir, name), 'utf8');
    let parsed: unknown;
    try {
      // kustomization files are YAML 1.1 to kustomize (docs/adr/0007); reading and writing them as 1.1 keeps `on` a boolean.
      parsed = parseYamlStream(text, name, true)[0] ?? null;
    } catch (err) {
      throw new GenerateError(`failed to decode ${name}: ${(err as Error).message}`);
    }
    // Anything that is not a map is left for the build to report in its own words.
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return;
    doc = parsed as Doc;
  } else {
    if (!hasOverlay(spec)) return;
    doc = await scanManifests(dir);
  }
  const next = overlay(doc, spec, (c) => existsSync(join(dir, c)), name !== undefined);
  if (name && JSON.stringify(next) === JSON.stringify(doc)) return;
  await writeFile(join(dir, name ?? 'kustomization.yaml'), toYamlStream([next]));
}
