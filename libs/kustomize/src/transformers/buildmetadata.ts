import { posix } from 'node:path';
import { BuildError, BuildErrorCode } from '../errors.ts';
import { metadata, type Resource } from '../resource.ts';

/** The version kustomize writes into its managed-by label; the reference binary is v5.8.1. */
export const managedByValue = 'kustomize-v5.8.1';

/**
 * Annotations kustomize uses for its own bookkeeping while building (and the kyaml file-tracking ones). It
 * deletes them from every object at the end, so one written into an input never reaches the output.
 */
export const buildAnnotations: readonly string[] = [
  ...['previousKinds', 'previousNames', 'prefixes', 'suffixes', 'previousNamespaces', 'allowNameChange', 'allowKindChange',
    'refBy', 'generatorBehavior', 'needsHashSuffix', 'path', 'index', 'seqindent', 'id', 'annotations-migration-resource-id',
    'helm-generated'].map((k) => `internal.config.kubernetes.io/${k}`),
  'config.kubernetes.io/path', 'config.kubernetes.io/index', 'config.k8s.io/id',
];
export const originAnnotation = 'config.kubernetes.io/origin';
export const transformationsAnnotation = 'alpha.config.kubernetes.io/transformations';

const options = new Set(['originAnnotations', 'transformerAnnotations', 'managedByLabel']);

/**
 * The root kustomization's `buildMetadata`: `managedByLabel` labels every object with the kustomize
 * version, `originAnnotations` records the file (or generator) each object came from and
 * `transformerAnnotations` the transformers that ran over it, paths relative to the root kustomization.
 * Then the build annotations are removed, and origin/transformer annotations unless they were asked for.
 */
export function applyBuildMetadata(resources: readonly Resource[], requested: readonly string[], rootDir: string, file: string): void {
  for (const option of requested) {
    if (!options.has(option)) {
      throw new BuildError(BuildErrorCode.InvalidKustomization, `unknown buildMetadata option "${option}"`, { file, field: 'buildMetadata' });
    }
  }
  const origins = requested.includes('originAnnotations');
  const transformations = requested.includes('transformerAnnotations');
  const rel = (path: string): string => posix.relative(rootDir, path);
  for (const res of resources) {
    const meta = metadata(res.obj);
    const existing = meta['annotations'];
    const annotations: Record<string, unknown> = existing && typeof existing === 'object' ? { ...(existing as Record<string, unknown>) } : {};
    for (const key of buildAnnotations) delete annotations[key];
    if (!origins) delete annotations[originAnnotation];
    if (!transformations) delete annotations[transformationsAnnotation];
    if (origins && res.origin) {
      annotations[originAnnotation] = 'path' in res.origin
        ? `path: ${rel(res.origin.path)}\n`
        : `configuredIn: ${rel(res.origin.configuredIn)}\nconfiguredBy:\n  apiVersion: builtin\n  kind: ${res.origin.generator}\n`;
    }
    if (transformations && res.transformations?.length) {
      annotations[transformationsAnnotation] = res.transformations
        .map((t) => `- configuredIn: ${rel(t.configuredIn)}\n  configuredBy:\n    apiVersion: builtin\n    kind: ${t.kind}\n`)
        .join('');
    }
    // kustomize rewrites the map through a setter that drops it when empty, so `annotations: {}` goes too.
    if (Object.keys(annotations).length) meta['annotations'] = annotations;
    else delete meta['annotations'];
    if (requested.includes('managedByLabel')) {
      meta['labels'] = { ...((meta['labels'] as Record<string, string>) ?? {}), 'app.kubernetes.io/managed-by': managedByValue };
    }
  }
}
