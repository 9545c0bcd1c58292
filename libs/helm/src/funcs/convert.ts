// Helm's fromYaml/fromYamlArray/fromJson/fromJsonArray never fail a render: an error becomes the
// result ("Error" key of a map, or the only element of a list). YAML goes through sigs.k8s.io/yaml,
// i.e. YAML 1.1 to JSON to Go values, so numbers are float64 and keys are strings.

import { parseAllDocuments } from 'yaml';
import { defineFunc, type FuncMap } from '../template/builtins.ts';
import type { GoMap, GoValue } from '../template/values.ts';
import { decodeJSON, GoJSONError, jsonKind } from './gojson.ts';

const mapType = 'map[string]interface {}';
const listType = '[]interface {}';

function toGo(v: unknown): GoValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toGo);
  const m: GoMap = {};
  const entries = v instanceof Map ? [...v.entries()] : Object.entries(v as Record<string, unknown>);
  for (const [k, x] of entries) m[String(k)] = toGo(x);
  return m;
}

/** YAML text to Go values; only the first document counts, as in sigs.k8s.io/yaml. */
export function decodeYAML(text: string): GoValue {
  // Into interface{}, go-yaml keeps timestamps as the text they were written as.
  const docs = parseAllDocuments(text, {
    version: '1.1',
    schema: 'yaml-1.1',
    merge: true,
    customTags: (tags) => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
  });
  const first = Array.isArray(docs) ? docs[0] : docs;
  if (!first) return null;
  if (first.errors.length > 0) throw new Error(`error converting YAML to JSON: yaml: ${first.errors[0]!.message.split('\n')[0]}`);
  return toGo(first.toJS());
}

/** json.Unmarshal into a map or slice: null leaves the empty target, another kind is a type error. */
function into(v: GoValue, want: 'map' | 'list'): GoValue {
  if (v === null) return want === 'map' ? {} : [];
  const ok = want === 'map' ? jsonKind(v) === 'object' : Array.isArray(v);
  if (!ok) throw new GoJSONError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type ${want === 'map' ? mapType : listType}`);
  return v;
}

function fromYAMLAs(text: string, want: 'map' | 'list'): GoValue {
  const v = decodeYAML(text);
  try {
    return into(v, want);
  } catch (err) {
    throw new Error(`error unmarshaling JSON: while decoding JSON: ${(err as Error).message}`);
  }
}

function orError(want: 'map' | 'list', f: () => GoValue): GoValue {
  try {
    return f();
  } catch (err) {
    const msg = (err as Error).message;
    return want === 'map' ? { Error: msg } : [msg];
  }
}

export const fromYaml = (s: string): GoValue => orError('map', () => fromYAMLAs(s, 'map'));
export const fromYamlArray = (s: string): GoValue => orError('list', () => fromYAMLAs(s, 'list'));
export const fromJson = (s: string): GoValue => orError('map', () => into(decodeJSON(s), 'map'));
export const fromJsonArray = (s: string): GoValue => orError('list', () => into(decodeJSON(s), 'list'));

export const convertFuncs: FuncMap = {
  fromYaml: defineFunc(['string'], mapType, (s) => fromYaml(s as string)),
  fromYamlArray: defineFunc(['string'], listType, (s) => fromYamlArray(s as string)),
  fromJson: defineFunc(['string'], mapType, (s) => fromJson(s as string)),
  fromJsonArray: defineFunc(['string'], listType, (s) => fromJsonArray(s as string)),
  // Sprig's own form, which Helm leaves in place: any JSON value, and a real error.
  mustFromJson: defineFunc(['string'], 'interface {}', (s) => decodeJSON(s as string), { returnsError: true }),
};
