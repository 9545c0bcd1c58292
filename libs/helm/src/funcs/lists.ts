// Sprig's list functions. The plain forms panic on a non-list and the must* forms return the same
// message as an error; text/template prints both as `error calling NAME: ...`.

import { defineFunc, type FuncMap } from '../template/builtins.ts';
import { type GoValue, nilSlice, type Result, typedSlice, typeName } from '../template/values.ts';
import { isList, listItems, reflectKind, toInt64 } from './cast.ts';
import { empty } from './core.ts';
import { deepEqual } from './reflect.ts';

const I = 'interface {}' as const;
const L = '[]interface {}' as const;

function items(v: Result, message: string): Result[] {
  const kind = reflectKind(v);
  if (!isList(v)) throw new Error(`${message} ${kind}`);
  return listItems(v);
}

const vals = (xs: Result[]): GoValue[] => xs.map((x) => x ?? null);
const orNil = (out: GoValue[], list: Result): GoValue[] => ((list as GoValue[]).length === 0 ? nilSlice() : out);
const inList = (haystack: Result[], needle: Result): boolean => haystack.some((h) => deepEqual(needle, h));

function chunk(size: number, list: Result[]): GoValue[] {
  const l = list.length;
  const cs = Math.floor((l - 1) / size) + 1;
  if (!Number.isFinite(cs) || cs < 0) throw new Error('runtime error: makeslice: len out of range');
  const out: GoValue[] = [];
  for (let i = 0; i < cs; i++) {
    let clen = size;
    if (i === cs - 1) {
      clen = Math.floor(l % size);
      if (clen === 0) clen = size;
    }
    if (clen < 0) throw new Error('runtime error: makeslice: len out of range');
    out.push(vals(list.slice(i * size, i * size + clen)));
  }
  return out;
}

function sliceList(v: Result, indices: Result[]): Result {
  const kind = reflectKind(v);
  if (!isList(v)) throw new Error(`list should be type of slice or array but ${kind}`);
  const l = v.length;
  if (l === 0) return null;
  const start = indices.length > 0 ? Number(toInt64(indices[0])) : 0;
  const end = indices.length < 2 ? l : Number(toInt64(indices[1]));
  if (start < 0 || end < start || end > l) throw new Error('reflect.Value.Slice: slice index out of bounds');
  if (v instanceof Uint8Array) return v.slice(start, end);
  // reflect's Slice keeps the slice type: a slice of a []string is a []string.
  const type = typeName(v);
  return type === '[]interface {}' ? vals(v.slice(start, end)) : typedSlice(v.slice(start, end), type);
}

// Each operation once; the plain name panics and the must name returns the error, with one message.
function both(name: string, params: readonly (typeof I | 'int')[], result: string, fn: (...a: Result[]) => Result, variadic = false): FuncMap {
  const must = `must${name[0]!.toUpperCase()}${name.slice(1)}`;
  return {
    [name]: defineFunc(params, result as typeof I, fn, { variadic }),
    [must]: defineFunc(params, result as typeof I, fn, { variadic, returnsError: true }),
  };
}

export const listFuncs: FuncMap = {
  tuple: defineFunc([I], L, (...v) => vals(v), { variadic: true }),
  ...both('push', [I, I], L, (l, v) => [...vals(items(l, 'Cannot push on type')), v ?? null]),
  ...both('append', [I, I], L, (l, v) => [...vals(items(l, 'Cannot push on type')), v ?? null]),
  ...both('prepend', [I, I], L, (l, v) => [v ?? null, ...vals(items(l, 'Cannot prepend on type'))]),
  ...both('first', [I], I, (l) => items(l, 'Cannot find first on type')[0] ?? null),
  ...both('last', [I], I, (l) => items(l, 'Cannot find last on type').at(-1) ?? null),
  // Sprig returns a nil slice for the rest or initial of an empty list.
  ...both('rest', [I], L, (l) => orNil(vals(items(l, 'Cannot find rest on type').slice(1)), l)),
  ...both('initial', [I], L, (l) => orNil(vals(items(l, 'Cannot find initial on type').slice(0, -1)), l)),
  ...both('reverse', [I], L, (l) => vals([...items(l, 'Cannot find reverse on type')].reverse())),
  ...both('compact', [I], L, (l) => vals(items(l, 'Cannot compact on type').filter((x) => !empty(x)))),
  ...both(
    'uniq',
    [I],
    L,
    (l) => {
      const out: Result[] = [];
      for (const x of items(l, 'Cannot find uniq on type')) if (!inList(out, x)) out.push(x);
      return vals(out);
    },
  ),
  ...both('without', [I, I], L, (l, ...omit) => vals(items(l, 'Cannot find without on type').filter((x) => !inList(omit, x))), true),
  ...both('has', [I, I], 'bool', (needle, hay) => (hay === null || hay === undefined ? false : inList(items(hay, 'Cannot find has on type'), needle))),
  ...both('slice', [I, I], I, (l, ...ix) => sliceList(l, ix), true),
  ...both('chunk', ['int', I], '[][]interface {}', (size, l) => typedSlice(chunk(Number(size as bigint), items(l, 'Cannot chunk type')), '[][]interface {}')),
  concat: defineFunc(
    [I],
    I,
    (...lists) => {
      const out: GoValue[] = [];
      for (const l of lists) {
        const kind = reflectKind(l);
        if (!isList(l)) throw new Error(`Cannot concat type ${kind} as list`);
        out.push(...vals(listItems(l)));
      }
      return out;
    },
    { variadic: true },
  ),
};
