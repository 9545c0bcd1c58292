import { BuildError, BuildErrorCode } from '../errors.ts';
import type { FieldSpec } from '../fieldspec.ts';
import { parseYaml } from '../yaml.ts';

/** A kind whose renames must be followed into the fields listed as its referrers. */
export interface NameReference {
  group?: string;
  version?: string;
  kind: string;
  fieldSpecs: FieldSpec[];
}

/**
 * What `configurations:` files and `crds:` add to kustomize's built-in transformer configuration. The
 * built-in field specs stay in the transformers themselves; this holds only the additions, so a build
 * without either field pays nothing for them.
 */
export interface TransformerConfig {
  namePrefix: FieldSpec[];
  nameSuffix: FieldSpec[];
  namespace: FieldSpec[];
  commonLabels: FieldSpec[];
  labels: FieldSpec[];
  templateLabels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  nameReference: NameReference[];
  varReference: FieldSpec[];
  images: FieldSpec[];
  replicas: FieldSpec[];
}

const specKeys = ['namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'labels', 'templateLabels', 'commonAnnotations', 'varReference', 'images', 'replicas'] as const;

export function emptyConfig(): TransformerConfig {
  return {
    namePrefix: [], nameSuffix: [], namespace: [], commonLabels: [], labels: [], templateLabels: [],
    commonAnnotations: [], nameReference: [], varReference: [], images: [], replicas: [],
  };
}

export function isEmptyConfig(c: TransformerConfig): boolean {
  return c.nameReference.length === 0 && specKeys.every((k) => c[k].length === 0);
}

const sameTarget = (a: FieldSpec, b: FieldSpec): boolean =>
  (a.group ?? '') === (b.group ?? '') && (a.version ?? '') === (b.version ?? '') && (a.kind ?? '') === (b.kind ?? '') && a.path === b.path;

/** Set union keyed on GVK and path; a second spec for the same field must agree on `create`, as in kustomize. */
export function mergeFieldSpecs(into: readonly FieldSpec[], add: readonly FieldSpec[]): FieldSpec[] {
  const out = [...into];
  for (const spec of add) {
    const existing = out.find((s) => sameTarget(s, spec));
    if (!existing) out.push(spec);
    else if (Boolean(existing.create) !== Boolean(spec.create)) {
      throw new BuildError(BuildErrorCode.InvalidKustomization, `conflicting fieldspecs for path "${spec.path}"${spec.kind ? ` of kind ${spec.kind}` : ''}`);
    }
  }
  return out;
}

export function mergeConfig(a: TransformerConfig, b: TransformerConfig): TransformerConfig {
  if (isEmptyConfig(b)) return a;
  if (isEmptyConfig(a)) return b;
  const out = emptyConfig();
  for (const key of specKeys) out[key] = mergeFieldSpecs(a[key], b[key]);
  out.nameReference = a.nameReference.map((r) => ({ ...r, fieldSpecs: [...r.fieldSpecs] }));
  for (const ref of b.nameReference) {
    const existing = out.nameReference.find((r) => r.kind === ref.kind && (r.group ?? '') === (ref.group ?? '') && (r.version ?? '') === (ref.version ?? ''));
    if (existing) existing.fieldSpecs = mergeFieldSpecs(existing.fieldSpecs, ref.fieldSpecs);
    else out.nameReference.push(ref);
  }
  return out;
}

const optionalString = (v: unknown, what: string, where: { file: string }): string | undefined => {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new BuildError(BuildErrorCode.InvalidKustomization, `${what} must be a string`, where);
  return v;
};

/** One field spec as transformer configurations write it: `{group, version, kind, path, create}`. */
export function parseFieldSpec(raw: unknown, where: { file: string; field?: string }): FieldSpec {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new BuildError(BuildErrorCode.InvalidKustomization, 'a field spec must be a map', where);
  }
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (!['group', 'version', 'kind', 'path', 'create'].includes(key)) {
      throw new BuildError(BuildErrorCode.InvalidKustomization, `unknown field "${key}" in a field spec`, where);
    }
  }
  const path = optionalString(r['path'], 'path', where);
  if (!path) throw new BuildError(BuildErrorCode.InvalidKustomization, 'a field spec needs a path', where);
  const spec: FieldSpec = { path };
  const group = optionalString(r['group'], 'group', where);
  const version = optionalString(r['version'], 'version', where);
  const kind = optionalString(r['kind'], 'kind', where);
  if (group) spec.group = group;
  if (version) spec.version = version;
  if (kind) spec.kind = kind;
  if (r['create'] === true) spec.create = true;
  return spec;
}

const specList = (raw: unknown, where: { file: string; field: string }): FieldSpec[] => {
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) throw new BuildError(BuildErrorCode.InvalidKustomization, 'expected a list of field specs', where);
  return raw.map((r) => parseFieldSpec(r, where));
};

/** Reads one `configurations:` file; kustomize decodes these strictly, so unknown keys fail. */
export function parseTransformerConfig(text: string, file: string): TransformerConfig {
  const raw = parseYaml(text, file, true);
  const config = emptyConfig();
  if (raw === null) return config;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new BuildError(BuildErrorCode.InvalidKustomization, 'a transformer configuration must be a map', { file });
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const where = { file, field: key };
    if ((specKeys as readonly string[]).includes(key)) {
      config[key as (typeof specKeys)[number]] = mergeFieldSpecs([], specList(value, where));
    } else if (key === 'nameReference') {
      if (value === null) continue;
      if (!Array.isArray(value)) throw new BuildError(BuildErrorCode.InvalidKustomization, 'expected a list', where);
      for (const entry of value as Record<string, unknown>[]) {
        const kind = optionalString(entry?.['kind'], 'kind', where);
        if (!kind) throw new BuildError(BuildErrorCode.InvalidKustomization, 'a nameReference entry needs a kind', where);
        const ref: NameReference = { kind, fieldSpecs: specList(entry['fieldSpecs'], where) };
        const group = optionalString(entry['group'], 'group', where);
        const version = optionalString(entry['version'], 'version', where);
        if (group) ref.group = group;
        if (version) ref.version = version;
        const single = emptyConfig();
        single.nameReference = [ref];
        Object.assign(config, mergeConfig(config, single));
      }
    } else {
      throw new BuildError(BuildErrorCode.InvalidKustomization, `unknown field "${key}" in transformer configuration`, where);
    }
  }
  return config;
}
