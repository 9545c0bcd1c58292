// Sprig's reflection helpers: Go's %T and reflect kinds as the value model exposes them, and
// reflect.DeepEqual, which also decides uniq, without and has.

import { defineFunc, type FuncMap } from '../template/builtins.ts';
import { GoComplex, GoInt, GoStruct, type GoMap, isMap, isNilSlice, kindName, type Result, typeName } from '../template/values.ts';

export function deepEqual(a: Result, b: Result): boolean {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an && bn;
  if (typeName(a) !== typeName(b)) return false;
  if (a instanceof GoInt) return a.value === (b as GoInt).value;
  if (a instanceof GoComplex) return a.re === (b as GoComplex).re && a.im === (b as GoComplex).im;
  if (a instanceof Uint8Array) return Buffer.compare(a, b as Uint8Array) === 0;
  if (Array.isArray(a)) {
    if (isNilSlice(a) !== isNilSlice(b)) return false;
    const bl = b as Result[];
    return a.length === bl.length && a.every((x, i) => deepEqual(x, bl[i]));
  }
  if (a instanceof GoStruct) {
    const bs = b as GoStruct;
    return Object.keys(a.fields).every((k) => deepEqual(a.fields[k], bs.fields[k]));
  }
  if (isMap(a)) {
    const bm = b as GoMap;
    const ka = Object.keys(a);
    return ka.length === Object.keys(bm).length && ka.every((k) => Object.hasOwn(bm, k) && deepEqual(a[k], bm[k]));
  }
  if (typeof a === 'object') return false; // func values are equal only when both are nil
  return a === b;
}

const I = 'interface {}' as const;
const S = 'string' as const;

export const reflectFuncs: FuncMap = {
  typeOf: defineFunc([I], S, (v) => typeName(v)),
  typeIs: defineFunc([S, I], 'bool', (t, v) => t === typeName(v)),
  typeIsLike: defineFunc([S, I], 'bool', (t, v) => t === typeName(v) || `*${t as string}` === typeName(v)),
  kindOf: defineFunc([I], S, (v) => kindName(v)),
  kindIs: defineFunc([S, I], 'bool', (t, v) => t === kindName(v)),
  deepEqual: defineFunc([I, I], 'bool', (a, b) => deepEqual(a, b)),
};
