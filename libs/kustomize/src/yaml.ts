import { isMap, isScalar, parseAllDocuments, stringify, type Document } from 'yaml';
import { goScalarTags, goTimestamp } from './yaml-go-scalars.ts';
import { BuildError, BuildErrorCode } from './errors.ts';

/**
 * YAML is read as 1.2 core schema, like go-yaml v3 under kyaml: `on`, `yes`, `y` and `off` stay strings and
 * only true/false (any case of the first letter) are booleans. Duplicate keys are an error, as in kyaml.
 * Merge keys (`<<`) are expanded, as kyaml does when it de-anchors documents.
 */
const parseOptions = {
  version: '1.2', schema: 'core', merge: true, uniqueKeys: true, prettyErrors: true,
  customTags: goScalarTags,
} as const;

/**
 * kustomization files are different: kustomize decodes them with sigs.k8s.io/yaml, which is YAML 1.1, so
 * there `y`, `yes` and `on` are booleans (and then fail to decode into a string field).
 */
const kustomizationOptions = { version: '1.1', schema: 'yaml-1.1', merge: true, uniqueKeys: true, prettyErrors: true } as const;

/** Parses a YAML stream into plain values, skipping empty documents. Errors name the file, line and column. */
export function parseYamlStream(text: string, file: string, yaml11 = false): unknown[] {
  const docs = parseAllDocuments(text, yaml11 ? kustomizationOptions : parseOptions) as Document[] | { errors: unknown[] };
  if (!Array.isArray(docs)) return [];
  const values: unknown[] = [];
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err) {
      const pos = err.linePos?.[0];
      const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
      throw new BuildError(BuildErrorCode.InvalidYAML, `invalid YAML: ${err.message.split('\n')[0]}`, { file: where });
    }
    if (doc.contents === null) continue;
    if (isScalar(doc.contents) && doc.contents.value === null) continue;
    const value = doc.toJS({ maxAliasCount: 10_000 }) as unknown;
    if (!yaml11) keepMetadataText(doc, value);
    values.push(value);
  }
  return values;
}

/**
 * Label and annotation values are strings to kyaml, so the Go number and date readings do not apply to
 * them: `version: 0755` stays "0755" there while `0755` elsewhere becomes 493.
 */
function keepMetadataText(doc: Document, value: unknown): void {
  const meta = (value as { metadata?: Record<string, Record<string, unknown> | undefined> } | null)?.metadata;
  if (!meta || typeof meta !== 'object') return;
  for (const field of ['labels', 'annotations'] as const) {
    const node = doc.getIn(['metadata', field], true);
    const target = meta[field];
    if (!isMap(node) || !target || typeof target !== 'object') continue;
    for (const pair of node.items) {
      if (!isScalar(pair.key) || !isScalar(pair.value) || pair.value.type !== 'PLAIN') continue;
      const source = (pair.value as { source?: string }).source;
      if (typeof source !== 'string') continue;
      const goRead = goTimestamp(source) !== undefined || (typeof pair.value.value === 'number' && /^[-+]?(?:0[0-9xXoObB]|.*_)/.test(source));
      if (goRead) target[String(pair.key.value)] = source;
    }
  }
}

/** Parses a single-document YAML file into a value (null when empty). */
export function parseYaml(text: string, file: string, yaml11 = false): unknown {
  const values = parseYamlStream(text, file, yaml11);
  return values[0] ?? null;
}

/**
 * Writes objects as a `---`-separated stream. Strings that YAML 1.1 would read as booleans or numbers
 * (`on`, `yes`, `0777`) are quoted: kyaml leaves them bare, and the Kubernetes YAML decoder, which is 1.1,
 * then turns them into booleans. Quoting keeps the value a string for both readers.
 */
export function toYamlStream(objects: readonly unknown[]): string {
  return objects.map((o) => stringify(o, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}
