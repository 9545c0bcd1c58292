// The first Sprig functions (v3.3.0 semantics), with the Go signatures Helm's templates are checked against.

import { defineFunc, type FuncMap } from '../template/builtins.ts';
import { sprintf } from '../template/fmt.ts';
import { quote as goQuote } from '../template/strconv.ts';
import { GoComplex, GoInt, GoStruct, type GoMap, type GoValue, isGoFunc, type Result } from '../template/values.ts';

/** Sprig's strval: strings as they are, bytes as text, anything else as fmt's %v. */
export function strval(v: Result): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
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
function mapRunes(s: string, f: (c: string) => string): string {
  let out = '';
  for (const c of s) {
    const m = f(c);
    out += [...m].length === 1 ? m : c;
  }
  return out;
}

function indent(spaces: number, v: string): string {
  const pad = ' '.repeat(Math.max(spaces, 0));
  return pad + v.replaceAll('\n', `\n${pad}`);
}

const I = 'interface {}' as const;

export const sprigFuncs: FuncMap = {
  quote: defineFunc([I], 'string', (...args) => args.filter((a) => a !== null && a !== undefined).map((a) => goQuote(strval(a))).join(' '), { variadic: true }),
  squote: defineFunc([I], 'string', (...args) => args.filter((a) => a !== null && a !== undefined).map((a) => `'${strval(a)}'`).join(' '), { variadic: true }),
  default: defineFunc([I, I], I, (d, ...given) => (given.length === 0 || empty(given[0]) ? (d ?? null) : (given[0] ?? null)), { variadic: true }),
  empty: defineFunc([I], 'bool', (v) => empty(v)),
  indent: defineFunc(['int', 'string'], 'string', (n, v) => indent(Number(n as bigint), v as string)),
  nindent: defineFunc(['int', 'string'], 'string', (n, v) => `\n${indent(Number(n as bigint), v as string)}`),
  trim: defineFunc(['string'], 'string', (s) => (s as string).replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '')),
  upper: defineFunc(['string'], 'string', (s) => mapRunes(s as string, (c) => c.toUpperCase())),
  lower: defineFunc(['string'], 'string', (s) => mapRunes(s as string, (c) => c.toLowerCase())),
  toString: defineFunc([I], 'string', (v) => strval(v)),
  list: defineFunc([I], '[]interface {}', (...v) => v.map((x) => x ?? null), { variadic: true }),
  dict: defineFunc(
    [I],
    'map[string]interface {}',
    (...v) => {
      const d: GoMap = {};
      for (let i = 0; i < v.length; i += 2) d[strval(v[i])] = i + 1 < v.length ? ((v[i + 1] ?? null) as GoValue) : '';
      return d;
    },
    { variadic: true },
  ),
};
