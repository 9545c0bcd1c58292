import { BuildError, BuildErrorCode } from './errors.ts';
import { parseFieldSpec } from './config/transformer-config.ts';
import type { FieldSpec } from './fieldspec.ts';
import type { ReplacementEntry } from './transformers/replacements.ts';

export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export interface Patch {
  path?: string;
  patch?: string;
  target?: Selector;
  options?: { allowNameChange?: boolean; allowKindChange?: boolean };
}

export interface GeneratorOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

export interface GeneratorArgs {
  name?: string;
  namespace?: string;
  behavior?: 'create' | 'merge' | 'replace' | '';
  literals?: string[];
  files?: string[];
  envs?: string[];
  options?: GeneratorOptions;
  /** Secrets only. */
  type?: string;
}

export interface Image {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

export interface Label {
  pairs?: Record<string, string>;
  /** Extra field specs this entry's labels go to. */
  fields?: FieldSpec[];
  includeSelectors?: boolean;
  includeTemplates?: boolean;
}

export interface SortOptions {
  order?: 'legacy' | 'fifo';
  legacySortOptions?: { orderFirst?: string[]; orderLast?: string[] };
}

export interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  resources?: string[];
  components?: string[];
  commonLabels?: Record<string, string>;
  labels?: Label[];
  commonAnnotations?: Record<string, string>;
  images?: Image[];
  replicas?: { name: string; count: number }[];
  patches?: Patch[];
  patchesStrategicMerge?: string[];
  patchesJson6902?: Patch[];
  configMapGenerator?: GeneratorArgs[];
  secretGenerator?: GeneratorArgs[];
  generatorOptions?: GeneratorOptions;
  replacements?: ReplacementEntry[];
  sortOptions?: SortOptions;
  buildMetadata?: string[];
  /** Legacy vars, read by parseVars. */
  vars?: unknown;
  /** Transformer configuration files. */
  configurations?: string[];
  /** OpenAPI definition files for custom kinds. */
  crds?: string[];
}

/** The names kustomize looks for, in its order of preference. */
export const kustomizationFileNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** Fields this build understands. Known kustomize fields that it does not yet implement fail loudly. */
const supported = new Set([
  'apiVersion', 'kind', 'metadata', 'namespace', 'namePrefix', 'nameSuffix', 'resources', 'bases', 'components',
  'commonLabels', 'labels', 'commonAnnotations', 'images', 'imageTags', 'replicas', 'patches',
  'patchesStrategicMerge', 'patchesJson6902', 'configMapGenerator', 'secretGenerator', 'generatorOptions',
  'replacements', 'sortOptions', 'buildMetadata', 'vars', 'crds', 'configurations',
]);
const notYet = new Set([
  'generators', 'transformers', 'validators', 'openapi', 'helmCharts', 'helmGlobals', 'helmChartInflationGenerator',
]);

/**
 * Checks a parsed kustomization and folds the legacy fields into their successors (`bases` into
 * `resources`, `imageTags` into `images`, a generator's `env` into `envs`), as kustomize's
 * FixKustomization does. Unknown fields are an error (kustomize decodes strictly) unless `lenient`, which
 * is how Flux reads a kustomization.yaml it found: it drops unknown keys silently.
 */
export function checkKustomization(raw: unknown, file: string, lenient = false): Kustomization {
  if (raw === null || raw === undefined) {
    throw new BuildError(BuildErrorCode.InvalidKustomization, 'kustomization is empty', { file });
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new BuildError(BuildErrorCode.InvalidKustomization, 'kustomization must be a YAML map', { file });
  }
  const k = { ...(raw as Record<string, unknown>) };
  for (const key of Object.keys(k)) {
    if (notYet.has(key)) {
      throw new BuildError(BuildErrorCode.Unsupported, `field "${key}" is not supported by this build yet`, { file, field: key });
    }
    if (!supported.has(key)) {
      if (lenient) delete k[key];
      else throw new BuildError(BuildErrorCode.InvalidKustomization, `unknown field "${key}"`, { file, field: key });
    }
  }
  const kind = k['kind'];
  if (kind !== undefined && kind !== 'Kustomization' && kind !== 'Component') {
    throw new BuildError(BuildErrorCode.InvalidKustomization, `kind "${String(kind)}" is neither Kustomization nor Component`, { file, field: 'kind' });
  }
  if (Array.isArray(k['bases'])) k['resources'] = [...((k['resources'] as unknown[]) ?? []), ...(k['bases'] as unknown[])];
  delete k['bases'];
  if (Array.isArray(k['imageTags'])) k['images'] = [...((k['images'] as unknown[]) ?? []), ...(k['imageTags'] as unknown[])];
  delete k['imageTags'];
  for (const field of ['configMapGenerator', 'secretGenerator'] as const) {
    const gens = k[field];
    if (!Array.isArray(gens)) continue;
    k[field] = gens.map((g: Record<string, unknown>) => {
      if (typeof g['env'] !== 'string' || !g['env']) return g;
      const { env, ...rest } = g;
      return { ...rest, envs: [...((rest['envs'] as string[]) ?? []), env] };
    });
  }
  for (const field of ['commonLabels', 'commonAnnotations'] as const) {
    if (k[field] !== undefined) k[field] = stringMap(k[field], file, field);
  }
  if (Array.isArray(k['labels'])) {
    k['labels'] = (k['labels'] as Record<string, unknown>[]).map((l, i) => {
      const label: Record<string, unknown> = { ...l, pairs: stringMap(l['pairs'] ?? {}, file, `labels[${i}].pairs`) };
      if (Array.isArray(l['fields'])) label['fields'] = l['fields'].map((f) => parseFieldSpec(f, { file, field: `labels[${i}].fields` }));
      return label;
    });
  }
  return k as Kustomization;
}

/** A map[string]string field of the kustomization. */
export function stringMap(value: unknown, file: string, field: string): Record<string, string> {
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new BuildError(BuildErrorCode.InvalidKustomization, 'expected a map of strings', { file, field });
  }
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    // kustomize decodes into map[string]string, so an unquoted number or boolean is an error there too.
    if (v !== null && typeof v !== 'string') {
      throw new BuildError(BuildErrorCode.InvalidKustomization, `value of "${key}" must be a string (quote it)`, { file, field });
    }
    out[key] = v ?? '';
  }
  return out;
}
