// The two Sprig helpers everything else leans on: strval (how a value becomes text) and empty (what
// default, compact and coalesce treat as missing).

import { sprintf } from '../template/fmt.ts';
import { GoComplex, GoInt, GoStruct, isGoFunc, type Result } from '../template/values.ts';

/** Sprig's strval: strings as they are, bytes as text, anything else as fmt's %v. */
export function strval(v: Result): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  // fmt's %v already prints a fmt.Stringer (semver versions, times) through its String method.
  return sprintf('%v', [v ?? null]);
}

/** Sprig's empty: nil, false, zero numbers and empty strings, slices and maps; never a struct. */
export function empty(v: Result): boolean {
  if (v === undefined || v === null) return true;
  switch (typeof v) {
    case 'string':
      return v.length === 0;
    case 'boolean':
      return !v;
    case 'number':
      return v === 0;
    case 'bigint':
      return v === 0n;
  }
  if (v instanceof GoInt) return v.value === 0n;
  if (v instanceof GoComplex) return v.re === 0 && v.im === 0;
  if (v instanceof GoStruct) return false;
  if (isGoFunc(v)) return false;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  return Object.keys(v).length === 0;
}

/** strings.ToUpper/ToLower map rune by rune; JS's full case mapping (ß → SS) is not Go's. */
export function mapRunes(s: string, f: (c: string) => string): string {
  let out = '';
  for (const c of s) {
    const m = f(c);
    out += [...m].length === 1 ? m : c;
  }
  return out;
}

