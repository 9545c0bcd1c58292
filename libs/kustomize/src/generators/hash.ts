import { createHash } from 'node:crypto';
import type { KubeObject } from '../resource.ts';

/**
 * Go's encoding/json output for the values a hash input holds: keys sorted, and `<`, `>`, `&`, U+2028 and
 * U+2029 escaped as \uXXXX. The hash must match kustomize's byte for byte, so JSON.stringify is not enough.
 */
export function goJSON(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goJSON).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${goString(k)}:${goJSON(v)}`).join(',')}}`;
}

function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The hash input of kustomize's api/hasher: the kind and content of a ConfigMap or Secret. kustomize looks
 * the name up as the single field "metadata/name", which never exists, so the name it hashes is always
 * empty; a missing data map likewise hashes as "". Both are reproduced so that suffixes match.
 */
export function hashInput(obj: KubeObject): string {
  const kind = obj['kind'];
  const field = (key: string): unknown => {
    const v = obj[key];
    return v === undefined || v === null ? '' : v;
  };
  const isMap = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (kind === 'ConfigMap') {
    const m: Record<string, unknown> = { kind, name: '', data: field('data') };
    if (isMap(obj['binaryData'])) m['binaryData'] = obj['binaryData'];
    return goJSON(m);
  }
  if (kind === 'Secret') {
    const m: Record<string, unknown> = { kind, type: field('type'), name: '', data: field('data') };
    if (isMap(obj['stringData'])) m['stringData'] = obj['stringData'];
    return goJSON(m);
  }
  return goJSON(obj);
}

/** The name suffix: sha256 hex, first ten characters, with some digits and letters swapped to avoid words. */
export function contentHash(obj: KubeObject): string {
  const hex = createHash('sha256').update(hashInput(obj)).digest('hex').slice(0, 10);
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return hex.replace(/[013ae]/g, (c) => swap[c]!);
}
