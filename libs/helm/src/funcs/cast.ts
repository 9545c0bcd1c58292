// The coercions Sprig applies to interface{} arguments (spf13/cast v1.7 as Sprig calls it) and the Go
// runtime panics its helpers raise, which text/template reports as `error calling NAME: <panic>`.

import { parseFloat64, parseInt64 } from '../template/strconv.ts';
import { GoInt, type GoValue, kindName, type Result, typedSlice } from '../template/values.ts';

export const nilDeref = 'runtime error: invalid memory address or nil pointer dereference';

/** reflect.TypeOf(v).Kind().String(), which panics on nil as Sprig's list helpers do. */
export function reflectKind(v: Result): string {
  if (v === null || v === undefined) throw new Error(nilDeref);
  return kindName(v);
}

export function isList(v: Result): v is GoValue[] | Uint8Array {
  return Array.isArray(v) || v instanceof Uint8Array;
}

/** A Go []string: Sprig's string-list results report that type to typeOf, %T and argument checks. */
export function stringSlice(list: string[]): string[] {
  return typedSlice(list, '[]string');
}

/** The elements of a slice as interface{} values ([]byte elements are uint8). */
export function listItems(v: GoValue[] | Uint8Array): GoValue[] {
  if (v instanceof Uint8Array) return [...v].map((b) => new GoInt('uint8', BigInt(b)));
  return v;
}

// cast strips a trailing ".000" so that "8.00" converts to 8, but "8.5" does not.
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === '0') foundZero = true;
    else return s;
  }
  return s;
}

// Go's int64(float64) on amd64: truncation, and the "integer indefinite" value when out of range.
function floatToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= 2 ** 63 || f < -(2 ** 63)) return -(2n ** 63n);
  return BigInt(Math.trunc(f));
}

/** cast.ToInt64: numbers convert (floats truncate), strings parse with base 0, anything else is 0. */
export function toInt64(v: Result): bigint {
  if (v === null || v === undefined) return 0n;
  switch (typeof v) {
    case 'bigint':
      return v;
    case 'number':
      return floatToInt64(v);
    case 'boolean':
      return v ? 1n : 0n;
    case 'string':
      return parseInt64(trimZeroDecimal(v)) ?? 0n;
  }
  if (v instanceof GoInt) return BigInt.asIntN(64, v.value);
  return 0n;
}

/** cast.ToFloat64: numbers convert, strings use strconv.ParseFloat, anything else is 0. */
export function toFloat64(v: Result): number {
  if (v === null || v === undefined) return 0;
  switch (typeof v) {
    case 'bigint':
      return Number(v);
    case 'number':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'string':
      return parseFloat64(v) ?? 0;
  }
  if (v instanceof GoInt) return Number(v.value);
  return 0;
}

/** Go's s[lo:hi] on a string's bytes, with the runtime's panic text. */
export function sliceBytes(s: string, lo: number | undefined, hi: number | undefined): string {
  const b = Buffer.from(s, 'utf8');
  const n = b.length;
  const l = lo ?? 0;
  const h = hi ?? n;
  if (hi !== undefined && (h < 0 || h > n)) throw new Error(`runtime error: slice bounds out of range [:${h}] with length ${n}`);
  if (l < 0 || l > h) throw new Error(`runtime error: slice bounds out of range [${l}:${h}]`);
  return b.subarray(l, h).toString('utf8');
}

export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
