// Sprig's dict functions over map[string]interface{}. merge and mergeOverwrite follow mergo's rules
// (dst is changed in place and returned); dig panics with Go's type-assertion text.

import { defineFunc, type FuncMap } from '../template/builtins.ts';
import { GoStruct, type GoMap, goMapType, type GoValue, isMap, methodsOf, type Result, typedSlice, typeName } from '../template/values.ts';
import { plainMap, valuesMap, valuesType } from '../values/chartutil.ts';
import { strval } from './core.ts';
import { stringSlice } from './cast.ts';
import { empty } from './core.ts';

const I = 'interface {}' as const;
const M = 'map[string]interface {}' as const;
const S = 'string' as const;

const nonEmptyMap = (v: Result): v is GoMap => isMap(v) && Object.keys(v).length > 0;

// mergo's deepMerge for map[string]interface{}: nested maps merge into a non-empty dst map; otherwise a
// value is taken from src when overwriting, or when dst lacks it or holds an empty value.
function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const key of Object.keys(src)) {
    const s = src[key]!;
    const has = Object.hasOwn(dst, key);
    const d = has ? dst[key] : undefined;
    if (s === null) {
      if (overwrite) dst[key] = null;
      continue;
    }
    if (isMap(s) && nonEmptyMap(d)) {
      mergeInto(d, s, overwrite);
      continue;
    }
    if (Array.isArray(s) && has && !empty(d) && !overwrite) continue;
    if (overwrite || !has || empty(d)) dst[key] = s;
  }
}

function merge(overwrite: boolean, dst: Result, srcs: Result[]): GoMap {
  const out = (dst ?? {}) as GoMap;
  for (const src of srcs) if (src) mergeInto(out, src as GoMap, overwrite);
  return plainMap(out);
}

export function deepCopy(v: Result): GoValue {
  if (v === null || v === undefined) return null;

  if (Array.isArray(v)) {
    const type = typeName(v);
    const out = v.map(deepCopy);
    return type === '[]interface {}' ? out : typedSlice(out, type, methodsOf(v));
  }
  if (v instanceof Uint8Array) return v.slice();
  if (v instanceof GoStruct) return new GoStruct(v.typeName, Object.fromEntries(Object.entries(v.fields).map(([k, x]) => [k, deepCopy(x)])), v.methods);
  if (isMap(v)) {
    const out: GoMap = {};
    for (const k of Object.keys(v)) out[k] = deepCopy(v[k]);
    // copystructure rebuilds the map with its own type: a copy of .Values is still chartutil.Values.
    const type = v[goMapType];
    if (type === valuesType) return valuesMap(out);
    if (type !== undefined) Object.defineProperty(out, goMapType, { value: type, configurable: true });
    return out;
  }
  return v;
}

// copystructure reflects on the value's type first, which panics for nil.
function copyTop(v: Result): GoValue {
  if (v === null || v === undefined) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  return deepCopy(v);
}

const assertionError = (v: Result, want: string): Error =>
  new Error(`interface conversion: interface {} is ${v === null || v === undefined ? 'nil' : typeName(v)}, not ${want}`);

function dig(ps: Result[]): Result {
  if (ps.length < 3) throw new Error('dig needs at least three arguments');
  let dict = ps.at(-1);
  if (!isMap(dict) || typeName(dict) !== M) throw assertionError(dict, M);
  const def = ps.at(-2) ?? null;
  const keys = ps.slice(0, -2).map((k) => {
    if (typeof k !== 'string') throw assertionError(k, S);
    return k;
  });
  for (let i = 0; ; i++) {
    const k = keys[i]!;
    if (!Object.hasOwn(dict, k)) return def;
    const step: Result = dict[k];
    if (i === keys.length - 1) return step ?? null;
    if (!isMap(step) || typeName(step) !== M) throw assertionError(step, M);
    dict = step;
  }
}

export const dictFuncs: FuncMap = {
  get: defineFunc([M, S], I, (d, k) => (d && Object.hasOwn(d as GoMap, k as string) ? ((d as GoMap)[k as string] ?? null) : '')),
  set: defineFunc([M, S, I], M, (d, k, v) => {
    if (d === null) throw new Error('assignment to entry in nil map');
    (d as GoMap)[k as string] = (v ?? null) as GoValue;
    return plainMap(d as GoMap);
  }),
  unset: defineFunc([M, S], M, (d, k) => {
    if (d) delete (d as GoMap)[k as string];
    return d ? plainMap(d as GoMap) : null;
  }),
  hasKey: defineFunc([M, S], 'bool', (d, k) => !!d && Object.hasOwn(d as GoMap, k as string)),
  pluck: defineFunc([S, M], '[]interface {}', (k, ...ds) => ds.filter((d) => d && Object.hasOwn(d as GoMap, k as string)).map((d) => (d as GoMap)[k as string]!), { variadic: true }),
  keys: defineFunc([M], '[]string' as typeof M, (...ds) => stringSlice(ds.flatMap((d) => (d ? Object.keys(d as GoMap) : []))), { variadic: true }),
  values: defineFunc([M], '[]interface {}', (d) => (d ? Object.values(d as GoMap) : [])),
  pick: defineFunc(
    [M, S],
    M,
    (d, ...ks) => {
      const out: GoMap = {};
      for (const k of ks as string[]) if (d && Object.hasOwn(d as GoMap, k)) out[k] = (d as GoMap)[k]!;
      return out;
    },
    { variadic: true },
  ),
  omit: defineFunc(
    [M, S],
    M,
    (d, ...ks) => {
      const out: GoMap = {};
      for (const k of Object.keys((d ?? {}) as GoMap)) if (!(ks as string[]).includes(k)) out[k] = (d as GoMap)[k]!;
      return out;
    },
    { variadic: true },
  ),
  merge: defineFunc([M, M], I, (d, ...s) => merge(false, d, s), { variadic: true }),
  mustMerge: defineFunc([M, M], I, (d, ...s) => merge(false, d, s), { variadic: true, returnsError: true }),
  mergeOverwrite: defineFunc([M, M], I, (d, ...s) => merge(true, d, s), { variadic: true }),
  mustMergeOverwrite: defineFunc([M, M], I, (d, ...s) => merge(true, d, s), { variadic: true, returnsError: true }),
  deepCopy: defineFunc([I], I, (v) => copyTop(v)),
  mustDeepCopy: defineFunc([I], I, (v) => copyTop(v), { returnsError: true }),
  dig: defineFunc([I], I, (...ps) => dig(ps), { variadic: true, returnsError: true }),
  dict: defineFunc(
    [I],
    M,
    (...v) => {
      const d: GoMap = {};
      for (let i = 0; i < v.length; i += 2) d[strval(v[i])] = i + 1 < v.length ? ((v[i + 1] ?? null) as GoValue) : '';
      return d;
    },
    { variadic: true },
  ),
};
