import { parseAllDocuments, stringify } from 'yaml';
import { describeId, metadata, type KubeObject } from '../resource.ts';
import { envsubst, EnvsubstError } from './envsubst.ts';

/** The label or annotation (value `disabled`) that opts a built object out of substitution. */
export const substituteKey = 'kustomize.toolkit.fluxcd.io/substitute';

// RE2 reads [[:alpha:]] as ASCII letters only.
const validName = /^[_A-Za-z][_A-Za-z0-9]*$/;

export const SubstituteErrorCode = {
  InvalidVariableName: 'InvalidVariableName',
  SubstitutionFailed: 'SubstitutionFailed',
  InvalidResult: 'InvalidResult',
} as const;
export type SubstituteErrorCode = (typeof SubstituteErrorCode)[keyof typeof SubstituteErrorCode];

export class SubstituteError extends Error {
  readonly code: SubstituteErrorCode;
  /** The object being substituted, as `group/version/Kind/name.namespace`. */
  readonly object: string | undefined;

  constructor(code: SubstituteErrorCode, message: string, object?: string, cause?: unknown) {
    super(object ? `${object}: ${message}` : message, cause === undefined ? undefined : { cause });
    this.name = 'SubstituteError';
    this.code = code;
    this.object = object;
  }
}

export interface SubstituteOptions {
  /** Unset variables without a default fail the build (Flux's StrictPostBuildSubstitutions, on by default). */
  strict?: boolean;
  /** Run even with no variables (`substituteStrategy: Always`), so strict mode and `$$` escapes still apply. */
  always?: boolean;
}

/**
 * Normalises variables as kustomize-controller loads them: newlines are removed from values, and every
 * name must be a shell-style identifier, even names the objects never use.
 */
export function normaliseVariables(vars: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(vars)) {
    if (!validName.test(name)) {
      throw new SubstituteError(
        SubstituteErrorCode.InvalidVariableName,
        `'${name}' var name is invalid, must match '^[_[:alpha:]][_[:alpha:][:digit:]]*$'`,
      );
    }
    out[name] = value.replaceAll('\n', '');
  }
  return out;
}

/**
 * Flux's post-build substitution over built objects. Each object is written as YAML, expanded as text, and
 * read back as YAML 1.1, so a substituted `true` or `123` in an unquoted position becomes a boolean or a
 * number. Objects labelled or annotated `kustomize.toolkit.fluxcd.io/substitute: disabled` are left alone.
 * Returns new objects; the input is not modified.
 */
export function substitute(objects: readonly KubeObject[], vars: Readonly<Record<string, string>>, options: SubstituteOptions = {}): KubeObject[] {
  const values = normaliseVariables(vars);
  if (Object.keys(values).length === 0 && !options.always) return objects.map((o) => structuredClone(o));
  const lookup = (name: string): string | undefined => (Object.hasOwn(values, name) ? values[name] : undefined);
  return objects.map((obj) => {
    if (isDisabled(obj)) return structuredClone(obj);
    const id = describeId(obj);
    let text: string;
    try {
      text = envsubst(stringify(obj, writeOptions), lookup, { strict: options.strict ?? true });
    } catch (err) {
      if (!(err instanceof EnvsubstError)) throw err;
      throw new SubstituteError(SubstituteErrorCode.SubstitutionFailed, `variable substitution failed: ${err.message}`, id, err);
    }
    return reread(text, id);
  });
}

function isDisabled(obj: KubeObject): boolean {
  const meta = metadata(structuredClone(obj));
  const labels = meta['labels'] as Record<string, unknown> | undefined;
  const annotations = meta['annotations'] as Record<string, unknown> | undefined;
  return labels?.[substituteKey] === 'disabled' || annotations?.[substituteKey] === 'disabled';
}

// Strings that YAML 1.1 would read as something else are quoted when written, as kyaml does, so only the
// substituted text can change a value's type.
const writeOptions = { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false } as const;

// sigs.k8s.io/yaml reads with go-yaml v2: YAML 1.1 booleans (yes/on/...), octal and underscored numbers,
// but timestamps and base-60 numbers stay strings.
const keptAsStrings = new Set(['tag:yaml.org,2002:timestamp']);
const readOptions = {
  version: '1.1',
  schema: 'yaml-1.1',
  customTags: (tags: unknown[]) =>
    tags.filter((t) => {
      const tag = t as { tag?: string; format?: string };
      return !keptAsStrings.has(tag.tag ?? '') && tag.format !== 'TIME';
    }),
} as const;

function reread(text: string, id: string): KubeObject {
  const docs = parseAllDocuments(text, readOptions as never);
  const doc = Array.isArray(docs) ? docs[0] : undefined;
  const err = doc?.errors[0];
  if (!doc || err) {
    throw new SubstituteError(SubstituteErrorCode.InvalidResult, `YAMLToJSON: ${err?.message.split('\n')[0] ?? 'empty document'}`, id);
  }
  // Through JSON, as Flux does: map keys become strings and only JSON values survive.
  const value = JSON.parse(JSON.stringify(doc.toJS({ maxAliasCount: 10_000 }))) as unknown;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new SubstituteError(SubstituteErrorCode.InvalidResult, 'substitution did not yield an object', id);
  }
  return value as KubeObject;
}
