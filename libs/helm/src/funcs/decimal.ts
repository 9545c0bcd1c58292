// The slice of shopspring/decimal that Sprig's float helpers use: exact sums, differences and products
// of the shortest decimal forms of float64s, and quotients rounded half away from zero to 16 places.

import { formatFloat } from '../template/strconv.ts';

export interface Decimal {
  coef: bigint;
  exp: number;
}

export function fromFloat(f: number): Decimal {
  if (!Number.isFinite(f)) throw new Error(`Cannot create a Decimal from ${formatFloat(f, 'g', -1)}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(formatFloat(f, 'e', -1).replace(/e([+-])0*(\d)/, 'e$1$2'))!;
  const frac = m[3] ?? '';
  const coef = BigInt(`${m[1]}${m[2]}${frac}`);
  return { coef, exp: Number(m[4] ?? 0) - frac.length };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const exp = Math.min(a.exp, b.exp);
  return [a.coef * 10n ** BigInt(a.exp - exp), b.coef * 10n ** BigInt(b.exp - exp), exp];
}

export function add(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = align(a, b);
  return { coef: x + y, exp };
}

export function sub(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = align(a, b);
  return { coef: x - y, exp };
}

export function mul(a: Decimal, b: Decimal): Decimal {
  return { coef: a.coef * b.coef, exp: a.exp + b.exp };
}

const divisionPrecision = 16;

export function div(a: Decimal, b: Decimal): Decimal {
  if (b.coef === 0n) throw new Error('decimal division by 0');
  // a/b scaled to 10^-(precision+1), then rounded half away from zero at 10^-precision.
  const shift = a.exp - b.exp + divisionPrecision + 1;
  let num = a.coef;
  let den = b.coef;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  const neg = num < 0n !== den < 0n;
  const abs = (x: bigint): bigint => (x < 0n ? -x : x);
  const q = abs(num) / abs(den);
  let r = q / 10n;
  const digit = q % 10n;
  // The 17th digit alone decides: 5 or more is at least half way, and rounds away from zero.
  if (digit >= 5n) r += 1n;
  return { coef: neg ? -r : r, exp: -divisionPrecision };
}

export function toFloat(d: Decimal): number {
  return Number(`${d.coef}e${d.exp}`);
}
