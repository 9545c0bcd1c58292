// Go's fmt.Sprint, Sprintln and Sprintf over Go values: what {{ .x }}, print, printf and toString print.

import { canBackquote, formatFloat, quote, quoteRune, utf8Bytes } from './strconv.ts';
import {
  GoComplex,
  GoInt,
  GoStruct,
  type GoMap,
  type GoValue,
  isGoFunc,
  isNilSlice,
  kindOf,
  Kind,
  sortedKeys,
  typeName,
} from './values.ts';

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | undefined;
  prec: number | undefined;
}

const noFlags: Flags = { plus: false, minus: false, sharp: false, space: false, zero: false, width: undefined, prec: undefined };

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function pad(s: string, f: Flags, zeroOK = true): string {
  if (f.width === undefined) return s;
  const n = f.width - runeCount(s);
  if (n <= 0) return s;
  if (f.minus) return s + ' '.repeat(n);
  return (f.zero && zeroOK ? '0' : ' ').repeat(n) + s;
}

function badVerb(verb: string, v: GoValue | undefined): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${formatValue(v, 'v', noFlags, 0)})`;
}

function fmtBool(b: boolean, verb: string, f: Flags): string {
  if (verb !== 't' && verb !== 'v') return badVerb(verb, b);
  return pad(b ? 'true' : 'false', f, false);
}

function fmtInteger(n: bigint, verb: string, f: Flags, v: GoValue): string {
  switch (verb) {
    case 'c':
      return pad(String.fromCodePoint(validRune(n)), f, false);
    case 'q':
      return pad(quoteRune(validRune(n), f.plus), f, false);
    case 'U': {
      let s = `U+${(n < 0n ? BigInt.asUintN(64, n) : n).toString(16).toUpperCase().padStart(4, '0')}`;
      if (f.sharp && n >= 0n && n <= 0x10ffffn) s += ` '${String.fromCodePoint(Number(n))}'`;
      return pad(s, f, false);
    }
  }
  const bases: Record<string, number> = { v: 10, d: 10, b: 2, o: 8, O: 8, x: 16, X: 16 };
  const base = bases[verb];
  if (base === undefined) return badVerb(verb, v);
  const neg = n < 0n;
  let digits = (neg ? -n : n).toString(base);
  if (verb === 'X') digits = digits.toUpperCase();
  let prec = f.prec;
  // Zero padding becomes a precision, leaving room for the sign.
  if (prec === undefined && f.zero && !f.minus && f.width !== undefined) {
    prec = f.width;
    if (neg || f.plus || f.space) prec--;
  }
  if (prec !== undefined) {
    if (prec === 0 && n === 0n) return pad('', { ...f, zero: false });
    digits = digits.padStart(prec, '0');
  }
  if (f.sharp || verb === 'O') {
    if (base === 8 && (verb === 'O' || digits[0] !== '0')) digits = (verb === 'O' ? '0o' : '0') + digits;
    else if (base === 16 && f.sharp) digits = (verb === 'X' ? '0X' : '0x') + digits;
    else if (base === 2 && f.sharp) digits = `0b${digits}`;
  }
  const sign = neg ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  return pad(sign + digits, { ...f, zero: false });
}

function validRune(n: bigint): number {
  if (n < 0n || n > 0x10ffffn || (n >= 0xd800n && n <= 0xdfffn)) return 0xfffd;
  return Number(n);
}

function fmtFloat(x: number, verb: string, f: Flags): string {
  let s: string;
  switch (verb) {
    case 'v':
      s = formatFloat(x, 'g', f.prec ?? -1);
      break;
    case 'g':
    case 'G':
      s = formatFloat(x, verb, f.prec ?? -1);
      break;
    case 'e':
    case 'E':
    case 'f':
      s = formatFloat(x, verb, f.prec ?? 6);
      break;
    case 'F':
      s = formatFloat(x, 'f', f.prec ?? 6);
      break;
    default:
      return badVerb(verb, x);
  }
  if (s === 'NaN' || s === '+Inf' || s === '-Inf') {
    if (s === '+Inf' && !f.plus) s = f.space ? ' Inf' : '+Inf';
    if (s === 'NaN' && (f.plus || f.space)) s = (f.plus ? '+' : ' ') + s;
    if (s === '+Inf' && !f.plus && !f.space) s = '+Inf';
    return pad(s, f, false);
  }
  if (f.sharp && !s.includes('.') && !/[eE]/.test(s)) s += '.';
  let sign = '';
  if (s.startsWith('-')) {
    sign = '-';
    s = s.slice(1);
  } else if (f.plus) sign = '+';
  else if (f.space) sign = ' ';
  if (f.zero && !f.minus && f.width !== undefined && f.width > s.length + sign.length) {
    return sign + '0'.repeat(f.width - s.length - sign.length) + s;
  }
  return pad(sign + s, f, false);
}

function fmtComplex(c: GoComplex, verb: string, f: Flags): string {
  if (!'vbgGxXfFeE'.includes(verb)) return badVerb(verb, c);
  const inner = { ...f, width: undefined };
  const re = fmtFloat(c.re, verb, inner);
  const im = fmtFloat(c.im, verb, { ...inner, plus: true });
  return pad(`(${re}${im}i)`, f, false);
}

function truncate(s: string, f: Flags): string {
  if (f.prec === undefined) return s;
  let out = '';
  let n = 0;
  for (const ch of s) {
    if (n++ >= f.prec) break;
    out += ch;
  }
  return out;
}

function hexBytes(bytes: Uint8Array, upper: boolean, f: Flags): string {
  const parts: string[] = [];
  for (const b of bytes) {
    let h = b.toString(16).padStart(2, '0');
    if (upper) h = h.toUpperCase();
    parts.push(h);
  }
  const prefix = upper ? '0X' : '0x';
  if (f.space) return parts.map((p) => (f.sharp ? prefix + p : p)).join(' ');
  return (f.sharp && parts.length > 0 ? prefix : '') + parts.join('');
}

function fmtString(s: string, verb: string, f: Flags): string {
  switch (verb) {
    case 'v':
      if (f.sharp) return pad(quote(s), f);
      return pad(truncate(s, f), f);
    case 's':
      return pad(truncate(s, f), f);
    case 'x':
    case 'X':
      return pad(hexBytes(utf8Bytes(truncate(s, f)), verb === 'X', f), f);
    case 'q': {
      const t = truncate(s, f);
      if (f.sharp && canBackquote(t)) return pad(`\`${t}\``, f);
      return pad(quote(t, f.plus), f);
    }
  }
  return badVerb(verb, s);
}

function fmtBytes(b: Uint8Array, verb: string, f: Flags): string {
  if (verb === 'v' || verb === 'd') {
    return `[${Array.from(b, (x) => fmtInteger(BigInt(x), verb, f, new GoInt('uint8', BigInt(x)))).join(' ')}]`;
  }
  if (verb === 's' || verb === 'q' || verb === 'x' || verb === 'X') return fmtString(new TextDecoder().decode(b), verb, f);
  return badVerb(verb, b);
}

/** Formats one operand with a verb, as fmt's printArg/printValue do. */
export function formatValue(v: GoValue | undefined, verb: string, f: Flags, depth: number, addressable = false): string {
  if (verb === 'T') return pad(typeName(v ?? null), f);
  if (v === null || v === undefined) {
    if (verb === 'v') return pad('<nil>', f);
    return depth > 0 ? '<nil>' : badVerb(verb, null);
  }
  switch (typeof v) {
    case 'boolean':
      return fmtBool(v, verb, f);
    case 'string':
      return fmtString(v, verb, f);
    case 'number':
      return fmtFloat(v, verb, f);
    case 'bigint':
      return fmtInteger(v, verb, f, v);
  }
  if (v instanceof GoInt) return fmtInteger(v.value, verb, f, v);
  if (v instanceof GoComplex) return fmtComplex(v, verb, f);
  if (v instanceof Uint8Array) return fmtBytes(v, verb, f);
  if (v instanceof GoStruct) {
    const text = stringerText(v, verb, f, addressable && depth === 0);
    if (text !== undefined) return fmtString(text, verb, f);
    const parts = Object.entries(v.fields).map(([k, x]) => (f.plus ? `${k}:` : '') + formatValue(x, verb, f, depth + 1));
    return `{${parts.join(' ')}}`;
  }
  if (isGoFunc(v)) return verb === 'v' || verb === 'p' ? '0x0' : badVerb(verb, v);
  if (Array.isArray(v)) {
    if (f.sharp && verb === 'v') return goSyntax(v);
    return `[${v.map((x) => formatValue(x, verb, f, depth + 1)).join(' ')}]`;
  }
  const m = v as GoMap;
  if (f.sharp && verb === 'v') return goSyntax(m);
  return `map[${sortedKeys(m)
    .map((k) => `${formatValue(k, verb, f, depth + 1)}:${formatValue(m[k]!, verb, f, depth + 1)}`)
    .join(' ')}]`;
}

/**
 * fmt's handleMethods: a value with a String() string method (times, versions, KubeVersion) prints
 * through it for the string-like verbs; %#v would want GoString instead, which these types lack.
 */
function stringerText(v: GoStruct, verb: string, f: Flags, addressable: boolean): string | undefined {
  if (f.sharp && verb === 'v') return undefined;
  if (!'vsxXq'.includes(verb)) return undefined;
  const str = v.methods['String'];
  if (!str || str.params.length !== 0 || str.result !== 'string') return undefined;
  if (str.pointerReceiver && !addressable && !v.typeName.startsWith('*')) return undefined;
  return str.fn() as string;
}

/**
 * What `{{ x }}` prints. text/template takes the address of an addressable value (a field reached
 * through a pointer, such as .Capabilities.KubeVersion) so that methods on *T count as Stringers too.
 */
export function printValueText(v: GoValue): string {
  return formatValue(v, 'v', noFlags, 0, true);
}

/** %#v, for the collection types values hold. */
function goSyntax(v: GoValue): string {
  if (v === null) return '<nil>';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number') {
    const s = formatFloat(v, 'g', -1);
    return s;
  }
  if (isNilSlice(v)) return `${typeName(v)}(nil)`;
  if (Array.isArray(v)) return `${typeName(v)}{${v.map(goSyntax).join(', ')}}`;
  if (kindOf(v) === Kind.Map) {
    const m = v as GoMap;
    return `${typeName(m)}{${sortedKeys(m)
      .map((k) => `${quote(k)}:${goSyntax(m[k]!)}`)
      .join(', ')}}`;
  }
  return formatValue(v, 'v', noFlags, 1);
}

function isString(v: GoValue | undefined): boolean {
  return typeof v === 'string';
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: readonly (GoValue | undefined)[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (i > 0 && !isString(a) && !isString(args[i - 1])) out += ' ';
    out += formatValue(a, 'v', noFlags, 0);
  }
  return out;
}

/** fmt.Sprintln: always spaces, and a newline. */
export function sprintln(args: readonly (GoValue | undefined)[]): string {
  return `${args.map((a) => formatValue(a, 'v', noFlags, 0)).join(' ')}\n`;
}

/** fmt.Sprintf with Go's verbs, flags, widths, precisions, argument indexes and error markers. */
export function sprintf(format: string, args: readonly (GoValue | undefined)[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  let i = 0;
  const n = format.length;
  while (i < n) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const f: Flags = { ...noFlags };
    // Flags.
    for (; i < n; i++) {
      const c = format[i];
      if (c === '#') f.sharp = true;
      else if (c === '0') f.zero = !f.minus;
      else if (c === '+') f.plus = true;
      else if (c === '-') {
        f.minus = true;
        f.zero = false;
      } else if (c === ' ') f.space = true;
      else break;
    }
    let badIndex = false;
    const argIndex = (): void => {
      if (format[i] !== '[') return;
      reordered = true;
      const close = format.indexOf(']', i);
      const idx = close > 0 ? Number(format.slice(i + 1, close)) : NaN;
      if (close < 0 || !Number.isInteger(idx) || idx < 1 || idx > args.length || format.slice(i + 1, close).trim() === '') {
        badIndex = true;
        i = close < 0 ? n : close + 1;
        return;
      }
      argNum = idx - 1;
      i = close + 1;
    };
    argIndex();
    // Width.
    if (format[i] === '*') {
      i++;
      const w = args[argNum++];
      const wn = typeof w === 'bigint' ? Number(w) : w instanceof GoInt ? Number(w.value) : undefined;
      if (wn === undefined) out += '%!(BADWIDTH)';
      else if (wn < 0) {
        f.minus = true;
        f.zero = false;
        f.width = -wn;
      } else f.width = wn;
      argIndex();
    } else {
      const m = /^\d+/.exec(format.slice(i));
      if (m) {
        f.width = Number(m[0]);
        i += m[0].length;
      }
    }
    // Precision.
    if (format[i] === '.') {
      i++;
      argIndex();
      if (format[i] === '*') {
        i++;
        const p = args[argNum++];
        const pn = typeof p === 'bigint' ? Number(p) : p instanceof GoInt ? Number(p.value) : undefined;
        if (pn === undefined || pn < 0) out += '%!(BADPREC)';
        else f.prec = pn;
        argIndex();
      } else {
        const m = /^\d+/.exec(format.slice(i));
        f.prec = m ? Number(m[0]) : 0;
        if (m) i += m[0].length;
      }
    }
    if (!f.minus && f.width === undefined) argIndex();
    if (i >= n) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (badIndex) {
      out += `%!${verb}(BADINDEX)`;
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[argNum++];
    if (verb === 'w') {
      out += badVerb(verb, arg);
      continue;
    }
    out += formatValue(arg, verb, f, 0);
  }
  if (!reordered && argNum < args.length) {
    out += `%!(EXTRA ${args
      .slice(argNum)
      .map((a) => (a === null || a === undefined ? '<nil>' : `${typeName(a)}=${formatValue(a, 'v', noFlags, 0)}`))
      .join(', ')})`;
  }
  return out;
}
