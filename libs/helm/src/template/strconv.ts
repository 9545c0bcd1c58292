// The parts of Go's strconv that templates expose: quoting, unquoting literals, parsing number literals
// with base prefixes and underscores, and formatting floats digit for digit as Go does.

const utf8 = new TextEncoder();

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
export function isPrint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  return printable.test(String.fromCodePoint(cp));
}

function escapeRune(cp: number, quote: string, asciiOnly: boolean): string {
  const c = String.fromCodePoint(cp);
  if (c === quote || c === '\\') return `\\${c}`;
  if (asciiOnly ? cp < 0x80 && isPrint(cp) : isPrint(cp)) return c;
  switch (cp) {
    case 7:
      return '\\a';
    case 8:
      return '\\b';
    case 12:
      return '\\f';
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 9:
      return '\\t';
    case 11:
      return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd'; // a lone surrogate is invalid UTF-8 in Go
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

const plainASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** strconv.Quote (or QuoteToASCII for %+q). */
export function quote(s: string, asciiOnly = false): string {
  // Most quoted strings (every `quote` in a chart) need no escaping.
  if (plainASCII.test(s)) return `"${s}"`;
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0)!, '"', asciiOnly);
  return `${out}"`;
}

/** strconv.QuoteRune. */
export function quoteRune(cp: number, asciiOnly = false): string {
  if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
  return `'${escapeRune(cp, "'", asciiOnly)}'`;
}

/** strconv.CanBackquote. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '`' || cp === 0xfeff) return false;
    if (cp < 0x20 && ch !== '\t') return false;
    if (cp === 0x7f) return false;
  }
  return true;
}

export class SyntaxError extends Error {}

/** Reads one (possibly escaped) character of a quoted literal; returns the code point(s) and the rest. */
function unquoteChar(s: string, quoteChar: string): { value: string; tail: string } {
  const c = s[0]!;
  if (c === quoteChar && (quoteChar === "'" || quoteChar === '"')) throw new SyntaxError('invalid syntax');
  if (c !== '\\') {
    const cp = s.codePointAt(0)!;
    const ch = String.fromCodePoint(cp);
    return { value: ch, tail: s.slice(ch.length) };
  }
  if (s.length <= 1) throw new SyntaxError('invalid syntax');
  const e = s[1]!;
  const rest = s.slice(2);
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
  if (simple[e] !== undefined) return { value: simple[e], tail: rest };
  if (e === 'x' || e === 'u' || e === 'U') {
    const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
    const hex = rest.slice(0, n);
    if (hex.length < n || !/^[0-9a-fA-F]+$/.test(hex)) throw new SyntaxError('invalid syntax');
    const v = parseInt(hex, 16);
    if (e === 'x') return { value: String.fromCharCode(v), tail: rest.slice(n), byte: true } as { value: string; tail: string };
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new SyntaxError('invalid syntax');
    return { value: String.fromCodePoint(v), tail: rest.slice(n) };
  }
  if (e >= '0' && e <= '7') {
    const oct = s.slice(1, 4);
    if (!/^[0-7]{3}$/.test(oct)) throw new SyntaxError('invalid syntax');
    const v = parseInt(oct, 8);
    if (v > 255) throw new SyntaxError('invalid syntax');
    return { value: String.fromCharCode(v), tail: s.slice(4) };
  }
  if (e === "'" || e === '"') {
    if (e !== quoteChar) throw new SyntaxError('invalid syntax');
    return { value: e, tail: rest };
  }
  throw new SyntaxError('invalid syntax');
}

/**
 * strconv.Unquote for "…", `…` and '…' literals. Go strings are bytes: `\xff` is one byte. JS strings
 * cannot hold arbitrary bytes, so a \x escape above 0x7f becomes the code point of the same number.
 */
const plainLiteral = /^[^"\\\n\ud800-\udfff]*$/;

export function unquote(lit: string): string {
  const q = lit[0];
  if (lit.length < 2 || lit[lit.length - 1] !== q) throw new SyntaxError('invalid syntax');
  const body = lit.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) throw new SyntaxError('invalid syntax');
    return body.replaceAll('\r', '');
  }
  if (q !== '"' && q !== "'") throw new SyntaxError('invalid syntax');
  // Most template string literals have nothing to decode (Go's Unquote has the same shortcut).
  if (q === '"' && plainLiteral.test(body)) return body;
  let out = '';
  let s = body;
  while (s.length > 0) {
    if (s[0] === '\n') throw new SyntaxError('invalid syntax');
    const { value, tail } = unquoteChar(s, q);
    out += value;
    s = tail;
    if (q === "'" && s.length > 0) throw new SyntaxError('invalid syntax');
  }
  if (q === "'" && out.length === 0) throw new SyntaxError('invalid syntax');
  return out;
}

/** Go's underscoreOK: underscores only between digits or after a base prefix. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1]!)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

const int64Min = -(1n << 63n);
const int64Max = (1n << 63n) - 1n;
const uint64Max = (1n << 64n) - 1n;

const plainDecimal = /^(?:0|[1-9][0-9]*)$/;

function parseUnsignedBase0(s: string): bigint | null {
  if (s.length < 20 && plainDecimal.test(s)) return BigInt(s);
  if (s === '') return null;
  let base = 10n;
  let digits = s;
  let prefixed = false;
  if (s[0] === '0') {
    if (s.length >= 3 && (s[1] === 'x' || s[1] === 'X')) {
      base = 16n;
      digits = s.slice(2);
      prefixed = true;
    } else if (s.length >= 3 && (s[1] === 'o' || s[1] === 'O')) {
      base = 8n;
      digits = s.slice(2);
      prefixed = true;
    } else if (s.length >= 3 && (s[1] === 'b' || s[1] === 'B')) {
      base = 2n;
      digits = s.slice(2);
      prefixed = true;
    } else {
      base = 8n;
      digits = s.slice(1);
      prefixed = true;
    }
  }
  if (s.includes('_') && !underscoreOK(s)) return null;
  digits = digits.replaceAll('_', '');
  if (digits === '') return prefixed && base === 8n ? 0n : null;
  let v = 0n;
  for (const c of digits) {
    const digit = parseInt(c, 36);
    if (Number.isNaN(digit) || BigInt(digit) >= base) return null;
    const d = BigInt(digit);
    v = v * base + d;
    if (v > uint64Max) return null;
  }
  return v;
}

/** strconv.ParseUint(s, 0, 64), or null on any error. */
export function parseUint64(s: string): bigint | null {
  if (s.startsWith('+') || s.startsWith('-')) return null;
  return parseUnsignedBase0(s);
}

/** strconv.ParseInt(s, 0, 64), or null on any error. */
export function parseInt64(s: string): bigint | null {
  let neg = false;
  let body = s;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    body = s.slice(1);
  }
  const u = parseUnsignedBase0(body);
  if (u === null) return null;
  const v = neg ? -u : u;
  if (v < int64Min || v > int64Max) return null;
  return v;
}

/** strconv.ParseFloat(s, 64), or null on a syntax or range error. Accepts hex floats and underscores. */
export function parseFloat64(s: string): number | null {
  let body = s;
  let sign = 1;
  if (body[0] === '+' || body[0] === '-') {
    sign = body[0] === '-' ? -1 : 1;
    body = body.slice(1);
  }
  const lower = body.toLowerCase();
  if (lower === 'inf' || lower === 'infinity') return sign * Infinity;
  if (lower === 'nan') return NaN;
  if (body.includes('_') && !underscoreOK(s)) return null;
  body = body.replaceAll('_', '');
  let v: number;
  if (/^0[xX]/.test(body)) {
    const m = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(body);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null;
    const mant = BigInt(`0x${(m[1] || '0') + (m[2] ?? '')}`);
    const exp = Number(m[3]) - 4 * (m[2] ?? '').length;
    v = Number(mant) * 2 ** exp;
  } else {
    if (!/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(body)) return null;
    v = Number(body);
  }
  if (!Number.isFinite(v)) return null;
  return sign * v;
}

/** The exact decimal expansion of a finite double: digits (no leading zeros) and the decimal point position. */
function exactDecimal(x: number): { digits: string; dp: number } {
  if (x === 0) return { digits: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let exp: number;
  if (expBits === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = expBits - 1075;
  }
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    // mant / 2^-exp = mant * 5^-exp / 10^-exp
    digits = (mant * 5n ** BigInt(-exp)).toString();
    dp = digits.length - -exp;
  }
  const trimmed = digits.replace(/0+$/, '');
  const lead = trimmed.length - trimmed.replace(/^0+/, '').length;
  return { digits: trimmed.slice(lead), dp: dp - lead };
}

/** Rounds a decimal digit string to n digits, half to even on exact ties as Go does. */
function roundDigits(d: { digits: string; dp: number }, n: number): { digits: string; dp: number } {
  if (n < 0) return { digits: '', dp: d.dp };
  if (d.digits.length <= n) return d;
  const keep = d.digits.slice(0, n);
  const next = d.digits.charCodeAt(n) - 48;
  const restNonZero = /[1-9]/.test(d.digits.slice(n + 1));
  let up = next > 5 || (next === 5 && (restNonZero || (n > 0 && (keep.charCodeAt(n - 1) - 48) % 2 === 1)));
  if (next === 5 && !restNonZero && n === 0) up = false;
  if (!up) return { digits: keep, dp: d.dp };
  // Propagate the carry.
  const arr = keep.split('').map(Number);
  let i = arr.length - 1;
  while (i >= 0) {
    arr[i]!++;
    if (arr[i]! < 10) break;
    arr[i] = 0;
    i--;
  }
  if (i < 0) return { digits: `1${arr.join('')}`, dp: d.dp + 1 };
  return { digits: arr.join(''), dp: d.dp };
}

/** The shortest digits that read back as x (what Go and JS both compute). */
function shortestDigits(x: number): { digits: string; dp: number } {
  if (x === 0) return { digits: '', dp: 0 };
  const [mant, e] = Math.abs(x).toExponential().split('e');
  const digits = mant!.replace('.', '').replace(/0+$/, '');
  return { digits, dp: Number(e) + 1 };
}

function expString(e: number): string {
  return (e < 0 ? '-' : '+') + String(Math.abs(e)).padStart(2, '0');
}

interface Decimal {
  digits: string;
  dp: number;
}

/** Go's fmtE: d.ddddde±dd with exactly prec fraction digits. */
function fmtE(d: Decimal, prec: number, upper: boolean): string {
  const first = d.digits[0] ?? '0';
  let out = first;
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += d.digits[i] ?? '0';
  }
  const e = d.digits.length === 0 ? 0 : d.dp - 1;
  return `${out}${upper ? 'E' : 'e'}${expString(e)}`;
}

/** Go's fmtF: %f with exactly prec fraction digits. */
function fmtF(d: Decimal, prec: number): string {
  let out = d.dp > 0 ? d.digits.slice(0, d.dp).padEnd(d.dp, '0') : '0';
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) {
      const j = d.dp + i - 1;
      out += j >= 0 && j < d.digits.length ? d.digits[j] : '0';
    }
  }
  return out;
}

function trimZeros(d: Decimal): Decimal {
  const digits = d.digits.replace(/0+$/, '');
  return digits ? { digits, dp: d.dp } : { digits: '', dp: 0 };
}

/**
 * strconv.FormatFloat(x, fmt, prec, 64) for fmt in e E f g G; prec -1 means the shortest digits that
 * read back as x. Infinities print as +Inf/-Inf and NaN as NaN, as Go does.
 */
export function formatFloat(x: number, format: 'e' | 'E' | 'f' | 'g' | 'G', prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  const shortest = prec < 0;
  let body: string;
  if (format === 'e' || format === 'E') {
    const d = shortest ? shortestDigits(ax) : trimZeros(roundDigits(exactDecimal(ax), prec + 1));
    body = fmtE(d, shortest ? Math.max(d.digits.length - 1, 0) : prec, format === 'E');
  } else if (format === 'f') {
    const exact = exactDecimal(ax);
    const d = shortest ? shortestDigits(ax) : trimZeros(roundDigits(exact, exact.dp + prec));
    body = fmtF(d, shortest ? Math.max(d.digits.length - d.dp, 0) : prec);
  } else {
    let p = prec === 0 ? 1 : prec;
    const d = shortest ? shortestDigits(ax) : trimZeros(roundDigits(exactDecimal(ax), p));
    if (shortest) p = d.digits.length;
    let eprec = p;
    if (eprec > d.digits.length && d.digits.length >= d.dp) eprec = d.digits.length;
    // Shortest formatting switches to an exponent at 1e+06 and below 1e-04 (Helm prints 1000000 as 1e+06).
    if (shortest) eprec = 6;
    const exp = d.dp - 1;
    if (exp < -4 || exp >= eprec) {
      if (p > d.digits.length) p = d.digits.length;
      body = fmtE(d, p - 1, format === 'G');
    } else {
      if (p > d.dp) p = d.digits.length;
      body = fmtF(d, Math.max(p - d.dp, 0));
    }
  }
  return neg ? `-${body}` : body;
}

/** The UTF-8 bytes of a string, as Go sees it. */
export function utf8Bytes(s: string): Uint8Array {
  return utf8.encode(s);
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
