import { BuildError, BuildErrorCode } from '../errors.ts';
import type { FieldSpec } from '../fieldspec.ts';
import { parseYaml } from '../yaml.ts';
import { emptyConfig, mergeConfig, type TransformerConfig } from './transformer-config.ts';

// The `crds:` field takes OpenAPI definition files (a map from Go type name to `{Schema, Dependencies}`,
// as openapi-gen writes them), not CustomResourceDefinition objects. Extensions on a property teach the
// transformers about the kind:
const ext = {
  annotation: 'x-kubernetes-annotation',
  labelSelector: 'x-kubernetes-label-selector',
  identity: 'x-kubernetes-identity',
  refVersion: 'x-kubernetes-object-ref-api-version',
  refKind: 'x-kubernetes-object-ref-kind',
  refNameKey: 'x-kubernetes-object-ref-name-key',
} as const;

type Schema = { properties?: Record<string, Property> };
type Property = Record<string, unknown> & { $ref?: string };
type Definitions = Record<string, { Schema?: Schema }>;

const isK8sType = (s: Schema | undefined): boolean => Boolean(s?.properties && 'kind' in s.properties && 'apiVersion' in s.properties && 'metadata' in s.properties);

/** Reads one `crds:` file into transformer configuration. */
export function configFromCRDs(text: string, file: string): TransformerConfig {
  let defs: Definitions;
  try {
    defs = (text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text, file, true)) as Definitions;
  } catch (err) {
    if (err instanceof BuildError) throw err;
    throw new BuildError(BuildErrorCode.InvalidKustomization, `unable to parse open API definition: ${(err as Error).message}`, { file });
  }
  let config = emptyConfig();
  if (!defs || typeof defs !== 'object') return config;
  for (const [typeName, def] of Object.entries(defs)) {
    if (!isK8sType(def?.Schema)) continue;
    // The kind is the last dot-separated part of the Go type name: `example.com/pkg/apis/v1.Widget`.
    const kind = typeName.split('.').pop() ?? typeName;
    config = mergeConfig(config, configForType(defs, kind, typeName, [], new Set()));
  }
  return config;
}

function configForType(defs: Definitions, kind: string, typeName: string, path: string[], seen: Set<string>): TransformerConfig {
  const config = emptyConfig();
  const def = defs[typeName];
  if (!def || seen.has(typeName)) return config;
  const inner = new Set(seen).add(typeName);
  let merged = config;
  for (const [prop, schema] of Object.entries(def.Schema?.properties ?? {})) {
    const at = [...path, prop];
    const spec = (p: string[]): FieldSpec => ({ kind, path: p.join('/') });
    const has = (key: string): boolean => typeof schema[key] === 'string';
    const add = emptyConfig();
    if (has(ext.annotation)) add.commonAnnotations.push(spec(at));
    if (has(ext.labelSelector)) add.commonLabels.push(spec(at));
    if (has(ext.identity)) add.namePrefix.push(spec(at));
    if (has(ext.refVersion) && has(ext.refKind)) {
      const nameKey = has(ext.refNameKey) ? String(schema[ext.refNameKey]) : 'name';
      add.nameReference.push({ kind: String(schema[ext.refKind]), version: String(schema[ext.refVersion]), fieldSpecs: [spec([...at, nameKey])] });
    }
    merged = mergeConfig(merged, add);
    if (typeof schema.$ref === 'string') merged = mergeConfig(merged, configForType(defs, kind, schema.$ref, at, inner));
  }
  return merged;
}
