// values.yaml as Helm reads it: sigs.k8s.io/yaml turns YAML (1.1 rules: yes/no/on/off, 0755 octal) into
// JSON and then into Go values, so every number becomes a float64 (a JS number here) and every map
// key a string. A first slice: timestamps become RFC 3339 strings; anchors and merge keys follow the
// yaml package.

import { parse } from 'yaml';
import type { GoMap, GoValue } from '../template/values.ts';
import { parseSimpleYAML } from '../yaml/simple.ts';

function toGo(v: unknown): GoValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString().replace(/\.000Z$/, 'Z');
  if (Array.isArray(v)) return v.map(toGo);
  if (v instanceof Map) {
    const m: GoMap = {};
    for (const [k, x] of v) m[String(k)] = toGo(x);
    return m;
  }
  const m: GoMap = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) m[k] = toGo(x);
  return m;
}

/** Decodes a values file; an empty document is an empty map, as in Helm. */
export function decodeValuesYAML(text: string): GoMap {
  const doc: unknown = parseSimpleYAML(text) ?? parse(text, { version: '1.1', schema: 'yaml-1.1', merge: true });
  if (doc === null || doc === undefined) return {};
  const v = toGo(doc);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('values must be a map');
  return v as GoMap;
}
