// Sprig's number functions: integer arithmetic in int64 over cast's coercions (floats truncate, bad
// strings are 0), float arithmetic through shopspring/decimal, and the integer sequences.

import { randomInt } from 'node:crypto';
import { defineFunc, type FuncMap } from '../template/builtins.ts';
import { sprint } from '../template/fmt.ts';
import { GoInt, type Result, typedSlice } from '../template/values.ts';
import { toFloat64, toInt64 } from './cast.ts';
import * as dec from './decimal.ts';

const I = 'interface {}' as const;
const i64 = (v: bigint): GoInt => new GoInt('int64', v);
const num = (v: Result): number => Number(v as bigint);

function divide(a: bigint, b: bigint, mod: boolean): bigint {
  if (b === 0n) throw new Error('runtime error: integer divide by zero');
  return BigInt.asIntN(64, mod ? a % b : a / b);
}

/** Sprig's untilStep over Go ints. */
export function untilStep(start: number, stop: number, step: number): bigint[] {
  const v: bigint[] = [];
  if (stop < start) {
    if (step >= 0) return v;
    for (let i = start; i > stop; i += step) v.push(BigInt(i));
    return v;
  }
  if (step <= 0) return v;
  for (let i = start; i < stop; i += step) v.push(BigInt(i));
  return v;
}

function seq(params: number[]): string {
  let inc = 1;
  let list: bigint[];
  switch (params.length) {
    case 1: {
      const end = params[0]!;
      if (end < 1) inc = -1;
      list = untilStep(1, end + inc, inc);
      break;
    }
    case 2: {
      const [start, end] = params as [number, number];
      const step = end < start ? -1 : 1;
      list = untilStep(start, end + step, step);
      break;
    }
    case 3: {
      const [start, step, end] = params as [number, number, number];
      if (end < start) {
        inc = -1;
        if (step > 0) return '';
      }
      list = untilStep(start, end + inc, step);
      break;
    }
    default:
      return '';
  }
  return list.join(' ');
}

function decimalOp(a: Result, rest: Result[], op: (x: dec.Decimal, y: dec.Decimal) => dec.Decimal): number {
  let acc = dec.fromFloat(toFloat64(a));
  for (const x of rest) acc = op(acc, dec.fromFloat(toFloat64(x)));
  return dec.toFloat(acc);
}

// Go's round helper: scale, then ceil when the fractional part reaches roundOn, else floor.
function round(a: Result, places: number, roundOn: number): number {
  const pow = 10 ** places;
  const digit = pow * toFloat64(a);
  const frac = digit - Math.trunc(digit);
  return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

/** strconv.ParseInt(s, base, 64) without base prefixes or underscores; null on error. */
function parseIntBase(s: string, base: number): bigint | null {
  const digits = base === 8 ? /^[+-]?[0-7]+$/ : /^[+-]?\d+$/;
  if (!digits.test(s)) return null;
  const neg = s.startsWith('-');
  const body = s.replace(/^[+-]/, '');
  let v = 0n;
  for (const c of body) v = v * BigInt(base) + BigInt(c);
  if (neg) v = -v;
  return v === BigInt.asIntN(64, v) ? v : null;
}

export const mathFuncs: FuncMap = {
  atoi: defineFunc(['string'], 'int', (s) => parseIntBase(s as string, 10) ?? 0n),
  int64: defineFunc([I], 'int64', (v) => i64(toInt64(v))),
  int: defineFunc([I], 'int', (v) => toInt64(v)),
  float64: defineFunc([I], 'float64', (v) => toFloat64(v)),
  toDecimal: defineFunc([I], 'int64', (v) => i64(parseIntBase(sprint([v ?? null]), 8) ?? 0n)),
  seq: defineFunc(['int'], 'string', (...p) => seq(p.map(num)), { variadic: true }),
  until: defineFunc(['int'], '[]int' as 'int', (n) => typedSlice(untilStep(0, num(n), num(n) < 0 ? -1 : 1), '[]int')),
  untilStep: defineFunc(['int', 'int', 'int'], '[]int' as 'int', (a, b, c) => typedSlice(untilStep(num(a), num(b), num(c)), '[]int')),
  add1: defineFunc([I], 'int64', (v) => i64(toInt64(v) + 1n)),
  add: defineFunc([I], 'int64', (...v) => i64(v.reduce<bigint>((acc, x) => BigInt.asIntN(64, acc + toInt64(x)), 0n)), { variadic: true }),
  sub: defineFunc([I, I], 'int64', (a, b) => i64(toInt64(a) - toInt64(b))),
  div: defineFunc([I, I], 'int64', (a, b) => i64(divide(toInt64(a), toInt64(b), false))),
  mod: defineFunc([I, I], 'int64', (a, b) => i64(divide(toInt64(a), toInt64(b), true))),
  mul: defineFunc([I, I], 'int64', (a, ...v) => i64(v.reduce<bigint>((acc, x) => BigInt.asIntN(64, acc * toInt64(x)), toInt64(a))), { variadic: true }),
  randInt: defineFunc(['int', 'int'], 'int', (lo, hi) => {
    const n = num(hi) - num(lo);
    if (n <= 0) throw new Error('invalid argument to Intn');
    return BigInt(randomInt(n) + num(lo));
  }),
  add1f: defineFunc([I], 'float64', (v) => decimalOp(v, [1], dec.add)),
  addf: defineFunc([I], 'float64', (...v) => decimalOp(0, v, dec.add), { variadic: true }),
  subf: defineFunc([I, I], 'float64', (a, ...v) => decimalOp(a, v, dec.sub), { variadic: true }),
  mulf: defineFunc([I, I], 'float64', (a, ...v) => decimalOp(a, v, dec.mul), { variadic: true }),
  divf: defineFunc([I, I], 'float64', (a, ...v) => decimalOp(a, v, dec.div), { variadic: true }),
  biggest: defineFunc([I, I], 'int64', (a, ...v) => i64(v.map(toInt64).reduce((m, x) => (x > m ? x : m), toInt64(a))), { variadic: true }),
  max: defineFunc([I, I], 'int64', (a, ...v) => i64(v.map(toInt64).reduce((m, x) => (x > m ? x : m), toInt64(a))), { variadic: true }),
  min: defineFunc([I, I], 'int64', (a, ...v) => i64(v.map(toInt64).reduce((m, x) => (x < m ? x : m), toInt64(a))), { variadic: true }),
  maxf: defineFunc([I, I], 'float64', (a, ...v) => v.map(toFloat64).reduce((m, x) => Math.max(m, x), toFloat64(a)), { variadic: true }),
  minf: defineFunc([I, I], 'float64', (a, ...v) => v.map(toFloat64).reduce((m, x) => Math.min(m, x), toFloat64(a)), { variadic: true }),
  ceil: defineFunc([I], 'float64', (v) => Math.ceil(toFloat64(v))),
  floor: defineFunc([I], 'float64', (v) => Math.floor(toFloat64(v))),
  round: defineFunc([I, 'int', 'float64'], 'float64', (a, p, ...r) => round(a, num(p), r.length > 0 ? (r[0] as number) : 0.5), { variadic: true }),
};
