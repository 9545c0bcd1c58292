// Sprig's string functions (strings.go, goutils, xstrings). Several goutils helpers walk a string byte by
// byte, not rune by rune; those quirks show in charts with non-ASCII text, so they are kept.

import { randomInt } from 'node:crypto';
import { defineFunc, type FuncMap } from '../template/builtins.ts';
import { sprintf } from '../template/fmt.ts';
import { compareStrings, type GoMap, goMapType, type Result, typeName } from '../template/values.ts';
import { isList, listItems, sliceBytes, stringSlice } from './cast.ts';
import { strval } from './core.ts';

const I = 'interface {}' as const;
const S = 'string' as const;

/** unicode.IsSpace. */
const spaceRe = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;
export const isSpace = (c: string): boolean => spaceRe.test(c);
const isUpper = (c: string): boolean => /^\p{Lu}$/u.test(c);
const isLower = (c: string): boolean => /^\p{Ll}$/u.test(c);
const isTitleCase = (c: string): boolean => /^\p{Lt}$/u.test(c);
const isLetter = (c: string): boolean => /^\p{L}$/u.test(c);
const isNumber = (c: string): boolean => /^\p{N}$/u.test(c);
const isPunct = (c: string): boolean => /^\p{P}$/u.test(c);

/** One rune in, one rune out, as Go's unicode.ToUpper/ToLower (no multi-rune expansions). */
function runeCase(c: string, upper: boolean): string {
  const m = upper ? c.toUpperCase() : c.toLowerCase();
  return [...m].length === 1 ? m : c;
}

/** The UTF-8 bytes of s as a one-char-per-byte string, for the helpers that index bytes. */
const toBytes = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');
const fromBytes = (b: string): string => Buffer.from(b, 'latin1').toString('utf8');

// goutils.AbbreviateFull, over bytes.
function abbreviateFull(str: string, offset: number, maxWidth: number): string {
  if (str === '') return '';
  if (str.length <= maxWidth) return str;
  if (offset > str.length) offset = str.length;
  if (str.length - offset < maxWidth - 3) offset = str.length - (maxWidth - 3);
  if (offset <= 4) return `${str.slice(0, maxWidth - 3)}...`;
  if (maxWidth < 7) return '';
  if (offset + maxWidth - 3 < str.length) return `...${abbreviateFull(str.slice(offset), 0, maxWidth - 3)}`;
  return `...${str.slice(str.length - (maxWidth - 3))}`;
}

// goutils.WrapCustom, over bytes.
function wrapCustom(str: string, wrapLength: number, newLine: string, wrapLongWords: boolean): string {
  if (str === '') return '';
  if (newLine === '') newLine = '\n';
  if (wrapLength < 1) wrapLength = 1;
  let offset = 0;
  let out = '';
  while (str.length - offset > wrapLength) {
    if (str[offset] === ' ') {
      offset++;
      continue;
    }
    const spaceAt = str.slice(offset, wrapLength + offset + 1).lastIndexOf(' ') + offset;
    if (spaceAt >= offset) {
      out += str.slice(offset, spaceAt) + newLine;
      offset = spaceAt + 1;
    } else if (wrapLongWords) {
      out += str.slice(offset, offset + wrapLength) + newLine;
      offset += wrapLength;
    } else {
      const end = wrapLength + offset;
      const index = str.slice(end).indexOf(' ');
      if (index === -1) {
        out += str.slice(offset);
        offset = str.length;
      } else {
        out += str.slice(offset, index + end) + newLine;
        offset = index + end + 1;
      }
    }
  }
  return out + str.slice(offset);
}

// strings.Title: a letter is upper-cased when the rune before it is a separator.
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    let sep: boolean;
    if (cp <= 0x7f) sep = !/[0-9A-Za-z_]/.test(prev);
    else sep = false;
    const pcp = prev.codePointAt(0)!;
    if (pcp <= 0x7f) sep = !/[0-9A-Za-z_]/.test(prev);
    else if (isLetter(prev) || isNumber(prev)) sep = false;
    else sep = isSpace(prev);
    out += sep ? runeCase(c, true) : c;
    prev = c;
  }
  return out;
}

function untitle(s: string): string {
  let next = true;
  let out = '';
  for (const c of s) {
    if (isSpace(c)) {
      next = true;
      out += c;
    } else if (next) {
      out += runeCase(c, false);
      next = false;
    } else out += c;
  }
  return out;
}

// goutils.SwapCase: a lower-case letter after a space becomes title case, which for the letters charts
// use is upper case, so only the direction of each letter matters here.
function swapCase(s: string): string {
  let out = '';
  for (const c of s) {
    if (isUpper(c) || isTitleCase(c)) out += runeCase(c, false);
    else if (isLower(c)) out += runeCase(c, true);
    else out += c;
  }
  return out;
}

const isConnector = (c: string): boolean => c === '-' || c === '_' || isSpace(c);
// xstrings treats CJK ideographs as "other", not as alphabet.
const isAlphabet = (c: string): boolean => isLetter(c) && !/^[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]$/u.test(c);

// xstrings.ToPascalCase, which Sprig's camelcase is.
function pascalCase(str: string): string {
  const rs = [...str];
  if (rs.length === 0) return '';
  let out = '';
  let i = 0;
  let firstUpper = false;
  let r0 = '';
  for (; i < rs.length; ) {
    r0 = rs[i++]!;
    if (!isConnector(r0)) {
      firstUpper = isUpper(r0);
      r0 = runeCase(r0, true);
      break;
    }
    out += r0;
  }
  // xstrings writes the last rune read once more when the input is all connectors.
  if (i >= rs.length) return out + r0;
  while (i < rs.length) {
    const r1 = r0;
    r0 = rs[i++]!;
    if (isConnector(r0) && isConnector(r1)) {
      out += r1;
      continue;
    }
    if (isConnector(r1)) {
      firstUpper = isUpper(r0);
      r0 = runeCase(r0, true);
    } else {
      if (firstUpper) {
        if (isUpper(r0)) r0 = runeCase(r0, false);
        else firstUpper = false;
      }
      out += r1;
    }
  }
  return out + r0;
}

const Word = { invalid: 0, number: 1, upper: 2, alphabet: 3, connector: 4, punct: 5, other: 6 } as const;
type Word = (typeof Word)[keyof typeof Word];

// xstrings.nextWord over runes.
function nextWord(rs: string[], at: number): [Word, number] {
  const n = rs.length;
  let i = at + 1;
  const r = rs[at]!;
  const run = (pred: (c: string) => boolean): number => {
    while (i < n && pred(rs[i]!)) i++;
    return i;
  };
  if (isConnector(r)) return [Word.connector, run(isConnector)];
  if (isPunct(r)) return [Word.punct, run(isPunct)];
  if (isUpper(r)) {
    if (i >= n) return [Word.upper, i];
    const r2 = rs[i]!;
    if (isUpper(r2)) {
      run(isUpper);
      // An upper-case run followed by a lower-case letter gives its last capital to the next word.
      if (i < n && isAlphabet(rs[i]!)) i--;
    } else if (isAlphabet(r2)) run((c) => isAlphabet(c) && !isUpper(c));
    return [Word.upper, i];
  }
  if (isAlphabet(r)) return [Word.alphabet, run((c) => isAlphabet(c) && !isUpper(c))];
  if (isNumber(r)) return [Word.number, run(isNumber)];
  return [Word.other, run((c) => !(isConnector(c) || isAlphabet(c) || isNumber(c) || isPunct(c)))];
}

function lowerWord(wt: Word, word: string[], connector: string): string {
  if (wt !== Word.upper && wt !== Word.connector) return word.join('');
  return word.map((c) => (isConnector(c) ? connector : isUpper(c) ? runeCase(c, false) : c)).join('');
}

// xstrings.camelCaseToLowerCase, which snakecase and kebabcase are.
function connectWords(str: string, connector: string): string {
  const rs = [...str];
  if (rs.length === 0) return '';
  let pos = 0;
  const next = (): [Word, string[]] => {
    if (pos >= rs.length) return [Word.invalid, []];
    const [wt, end] = nextWord(rs, pos);
    const w = rs.slice(pos, end);
    pos = end;
    return [wt, w];
  };
  let out = '';
  let [wt, word] = next();
  while (pos < rs.length) {
    if (wt !== Word.connector) out += lowerWord(wt, word, connector);
    const prev = wt;
    const last = word;
    [wt, word] = next();
    if (prev === Word.number) {
      while (wt === Word.alphabet || wt === Word.number) {
        out += lowerWord(wt, word, connector);
        [wt, word] = next();
      }
      if (wt !== Word.invalid && wt !== Word.punct && wt !== Word.connector) out += connector;
    } else if (prev === Word.connector) {
      out += lowerWord(prev, last, connector);
    } else if (prev !== Word.punct) {
      if (wt !== Word.number) {
        if (wt !== Word.connector && wt !== Word.punct) out += connector;
        continue;
      }
      if (pos >= rs.length) continue;
      const num = word;
      [wt, word] = next();
      if (wt !== Word.alphabet) {
        out += lowerWord(Word.number, num, connector);
        if (wt !== Word.connector && wt !== Word.punct) out += connector;
        continue;
      }
      out += connector + lowerWord(Word.number, num, connector);
      while (wt === Word.alphabet || wt === Word.number) {
        out += lowerWord(wt, word, connector);
        [wt, word] = next();
      }
      if (wt !== Word.invalid && wt !== Word.connector && wt !== Word.punct) out += connector;
    }
  }
  return out + lowerWord(wt, word, connector);
}

/** Sprig's strslice (toStrings): nil elements are skipped, a non-list becomes a one-element list. */
export function strslice(v: Result): string[] {
  // A []string comes back as itself, not a copy: sortAlpha then sorts the caller's list in place, as in Go.
  if (Array.isArray(v) && typeName(v) === '[]string') return v as string[];
  if (isList(v)) return listItems(v).filter((x) => x !== null && x !== undefined).map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

function goSplit(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const rs = [...s];
    if (n < 0 || n >= rs.length) return rs;
    return [...rs.slice(0, n - 1), rs.slice(n - 1).join('')];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

function indexedMap(parts: string[]): GoMap {
  const m: GoMap = {};
  parts.forEach((p, i) => (m[`_${i}`] = p));
  m[goMapType] = 'map[string]string';
  return m;
}

function trimCutset(s: string, cutset: string): string {
  const cut = new Set(cutset);
  const rs = [...s];
  let a = 0;
  let b = rs.length;
  while (a < b && cut.has(rs[a]!)) a++;
  while (b > a && cut.has(rs[b - 1]!)) b--;
  return rs.slice(a, b).join('');
}

const alpha = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const digits = '0123456789';
const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
function randomFrom(chars: string, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += chars[randomInt(chars.length)];
  return out;
}

const num = (v: Result): number => Number(v as bigint);

export const stringFuncs: FuncMap = {
  hello: defineFunc([], S, () => 'Hello!'),
  abbrev: defineFunc(['int', S], S, (w, s) => (num(w) < 4 ? (s as string) : fromBytes(abbreviateFull(toBytes(s as string), 0, num(w))))),
  abbrevboth: defineFunc(['int', 'int', S], S, (l, r, s) => {
    const left = num(l);
    const right = num(r);
    if (right < 4 || (left > 0 && right < 7)) return s as string;
    return fromBytes(abbreviateFull(toBytes(s as string), left, right));
  }),
  trunc: defineFunc(['int', S], S, (c, s) => {
    const n = num(c);
    const b = toBytes(s as string);
    if (n < 0 && b.length + n > 0) return fromBytes(b.slice(b.length + n));
    if (n >= 0 && b.length > n) return fromBytes(b.slice(0, n));
    return s as string;
  }),
  title: defineFunc([S], S, (s) => title(s as string)),
  untitle: defineFunc([S], S, (s) => untitle(s as string)),
  substr: defineFunc(['int', 'int', S], S, (a, b, s) => {
    const start = num(a);
    const end = num(b);
    const str = s as string;
    if (start < 0) return sliceBytes(str, undefined, end);
    if (end < 0 || end > Buffer.byteLength(str)) return sliceBytes(str, start, undefined);
    return sliceBytes(str, start, end);
  }),
  repeat: defineFunc(['int', S], S, (c, s) => {
    if (num(c) < 0) throw new Error('strings: negative Repeat count');
    return (s as string).repeat(num(c));
  }),
  trimall: defineFunc([S, S], S, (a, b) => trimCutset(b as string, a as string)),
  trimAll: defineFunc([S, S], S, (a, b) => trimCutset(b as string, a as string)),
  trimSuffix: defineFunc([S, S], S, (a, b) => ((b as string).endsWith(a as string) ? (b as string).slice(0, (b as string).length - (a as string).length) : (b as string))),
  trimPrefix: defineFunc([S, S], S, (a, b) => ((b as string).startsWith(a as string) ? (b as string).slice((a as string).length) : (b as string))),
  // goutils tests each byte as a rune, so bytes 0x85 and 0xA0 inside UTF-8 sequences count as spaces.
  nospace: defineFunc([S], S, (s) => {
    const b = toBytes(s as string);
    const kept = [...b].filter((c) => !isSpace(c));
    return kept.length === b.length ? (s as string) : kept.join('');
  }),
  initials: defineFunc([S], S, (s) => {
    let gap = true;
    let out = '';
    for (const c of toBytes(s as string)) {
      if (isSpace(c)) gap = true;
      else if (gap) {
        out += c;
        gap = false;
      }
    }
    return out;
  }),
  randAlphaNum: defineFunc(['int'], S, (n) => randomFrom(alpha + digits, Math.max(num(n), 0))),
  randAlpha: defineFunc(['int'], S, (n) => randomFrom(alpha, Math.max(num(n), 0))),
  randAscii: defineFunc(['int'], S, (n) => randomFrom(ascii, Math.max(num(n), 0))),
  randNumeric: defineFunc(['int'], S, (n) => randomFrom(digits, Math.max(num(n), 0))),
  swapcase: defineFunc([S], S, (s) => swapCase(s as string)),
  shuffle: defineFunc([S], S, (s) => {
    const rs = [...(s as string)];
    for (let i = rs.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [rs[i], rs[j]] = [rs[j]!, rs[i]!];
    }
    return rs.join('');
  }),
  snakecase: defineFunc([S], S, (s) => connectWords(s as string, '_')),
  kebabcase: defineFunc([S], S, (s) => connectWords(s as string, '-')),
  camelcase: defineFunc([S], S, (s) => pascalCase(s as string)),
  wrap: defineFunc(['int', S], S, (l, s) => fromBytes(wrapCustom(toBytes(s as string), num(l), '', false))),
  wrapWith: defineFunc(['int', S, S], S, (l, sep, s) => fromBytes(wrapCustom(toBytes(s as string), num(l), toBytes(sep as string), true))),
  contains: defineFunc([S, S], 'bool', (sub, s) => (s as string).includes(sub as string)),
  hasPrefix: defineFunc([S, S], 'bool', (p, s) => (s as string).startsWith(p as string)),
  hasSuffix: defineFunc([S, S], 'bool', (p, s) => (s as string).endsWith(p as string)),
  squote: defineFunc([I], S, (...args) => args.filter((a) => a !== null && a !== undefined).map((a) => `'${sprintf('%v', [a])}'`).join(' '), { variadic: true }),
  cat: defineFunc(
    [I],
    S,
    (...args) => {
      const v = args.filter((a) => a !== null && a !== undefined);
      return sprintf('%v '.repeat(v.length).trim(), v);
    },
    { variadic: true },
  ),
  replace: defineFunc([S, S, S], S, (o, n, s) => (s as string).replaceAll(o as string, n as string)),
  plural: defineFunc([S, S, 'int'], S, (one, many, c) => (num(c) === 1 ? (one as string) : (many as string))),
  split: defineFunc([S, S], 'map[string]string' as 'map[string]interface {}', (sep, s) => indexedMap(goSplit(s as string, sep as string, -1))),
  splitn: defineFunc([S, 'int', S], 'map[string]string' as 'map[string]interface {}', (sep, n, s) => indexedMap(goSplit(s as string, sep as string, num(n)))),
  splitList: defineFunc([S, S], '[]string' as '[]interface {}', (sep, s) => stringSlice(goSplit(s as string, sep as string, -1))),
  toStrings: defineFunc([I], '[]string' as '[]interface {}', (v) => stringSlice(strslice(v))),
  join: defineFunc([S, I], S, (sep, v) => strslice(v).join(sep as string)),
  sortAlpha: defineFunc([I], '[]string' as '[]interface {}', (v) => stringSlice(isList(v) ? strslice(v).sort(compareStrings) : [strval(v)])),
};
