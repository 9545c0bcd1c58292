// Go's time.Duration: ParseDuration and Duration.String, over int64 nanoseconds held as bigint.

const maxInt64 = (1n << 63n) - 1n;
const bound = 1n << 63n;

export const Nanosecond = 1n;
export const Microsecond = 1000n;
export const Millisecond = 1000000n;
export const Second = 1000000000n;
export const Minute = 60n * Second;
export const Hour = 60n * Minute;

const units: Record<string, bigint> = {
  ns: Nanosecond,
  us: Microsecond,
  'µs': Microsecond,
  'μs': Microsecond,
  ms: Millisecond,
  s: Second,
  m: Minute,
  h: Hour,
};

const goQuote = (s: string): string => JSON.stringify(s);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** time.ParseDuration: "[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+", with Go's messages and overflow checks. */
export function parseDuration(orig: string): bigint {
  const invalid = (): Error => new Error(`time: invalid duration ${goQuote(orig)}`);
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) throw invalid();
    let i = 0;
    let v = 0n;
    while (isDigit(s[i])) {
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v >= bound) throw invalid();
      i++;
    }
    const pre = i > 0;
    s = s.slice(i);
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      while (isDigit(s[j])) {
        // Digits past int64 precision are consumed but ignored, as Go's leadingFraction does.
        if (!overflow) {
          const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
          if (f > maxInt64 / 10n || y >= bound) overflow = true;
          else {
            f = y;
            scale *= 10;
          }
        }
        j++;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) throw invalid();
    let u = 0;
    while (u < s.length && s[u] !== '.' && !isDigit(s[u])) u++;
    if (u === 0) throw new Error(`time: missing unit in duration ${goQuote(orig)}`);
    const name = s.slice(0, u);
    s = s.slice(u);
    const unit = units[name];
    if (unit === undefined) throw new Error(`time: unknown unit ${goQuote(name)} in duration ${goQuote(orig)}`);
    if (v > bound / unit) throw invalid();
    v *= unit;
    if (f > 0n) {
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > bound) throw invalid();
    }
    d += v;
    if (d > bound) throw invalid();
  }
  if (neg) return -d;
  if (d > maxInt64) throw invalid();
  return d;
}

// The fraction of v/10^prec without trailing zeros (and without the point when it is zero).
function fraction(v: bigint, prec: number): [string, bigint] {
  let digits = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print ||= digit !== 0n;
    if (print) digits = digit.toString() + digits;
    v /= 10n;
  }
  return [print ? `.${digits}` : '', v];
}

/** Duration.String: "1h2m3.5s", "1.5ms", "0s". */
export function durationString(d: bigint): string {
  const neg = d < 0n;
  let u = BigInt.asUintN(64, neg ? -d : d);
  let out: string;
  if (u < Second) {
    if (u === 0n) return '0s';
    let prec: number;
    let unit: string;
    if (u < Microsecond) {
      prec = 0;
      unit = 'ns';
    } else if (u < Millisecond) {
      prec = 3;
      unit = 'µs';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const [frac, whole] = fraction(u, prec);
    out = `${whole}${frac}${unit}`;
  } else {
    const [frac, whole] = fraction(u, 9);
    u = whole;
    out = `${u % 60n}${frac}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

/** Duration.Round(m) for m > 0: halves round away from zero, saturating at the int64 bounds. */
export function roundDuration(d: bigint, m: bigint): bigint {
  let r = d % m;
  if (d < 0n) {
    r = -r;
    if (r + r < m) return d + r;
    const d1 = d - m + r;
    return d1 < d ? d1 : -bound;
  }
  if (r + r < m) return d - r;
  const d1 = d + m - r;
  return d1 > d && d1 <= maxInt64 ? d1 : maxInt64;
}
