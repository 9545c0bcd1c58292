// Helm's toYaml: sigs.k8s.io/yaml.Marshal, i.e. encoding/json, then the JSON read back and written by
// go-yaml v2's emitter. Charts depend on that emitter's exact choices: which strings get quoted and how,
// `|-` blocks for multi-line text, sequences not indented under their key, keys in go-yaml's "natural"
// order, and plain scalars folded after column 80.

import { formatFloat, parseInt64, parseUint64 } from '../template/strconv.ts';
import type { GoValue } from '../template/values.ts';
import { marshalJSON } from './json.ts';

/** The JSON data model go-yaml sees after the round trip: numbers split into int and float by their text. */
type Node = null | boolean | string | { int: string } | { float: number } | Node[] | { map: [string, Node][] };

const bestWidth = 80;

function fromJSON(v: unknown): Node {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return { float: v };
  if (Array.isArray(v)) return v.map(fromJSON);
  if (typeof v === 'object' && 'int' in (v as object)) return v as { int: string };
  const entries = Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromJSON(x)] as [string, Node]);
  entries.sort((a, b) => (keyLess(a[0], b[0]) ? -1 : keyLess(b[0], a[0]) ? 1 : 0));
  return { map: entries };
}

/** Parses Go's JSON output, keeping each number's text so integers stay integers as go-yaml reads them. */
function parseJSONKeepingInts(text: string): unknown {
  return JSON.parse(text, (_key, value, context?: { source?: string }) => {
    if (typeof value === 'number' && context?.source !== undefined) {
      const src = context.source;
      if (/^-?\d+$/.test(src) && (parseInt64(src) !== null || parseUint64(src) !== null)) return { int: src };
      return value;
    }
    return value;
  });
}

/** go-yaml v2's keyList.Less for string keys: letters before digits, digit runs compared as numbers. */
export function keyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  const isLetter = (c: string): boolean => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined): boolean => c !== undefined && /\p{Nd}/u.test(c);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(ar[ai]!.codePointAt(0)! - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(br[bi]!.codePointAt(0)! - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
  }
  return ar.length < br.length;
}

const resolvesToNonString = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF',
  '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);

const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** Would go-yaml v2 read this plain scalar as something other than a string? */
function resolvesAsOther(s: string): boolean {
  if (resolvesToNonString.has(s)) return true;
  const c = s[0];
  if (c === undefined || !(/[0-9]/.test(c) || c === '+' || c === '-')) return false;
  if (/^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]| +)\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d*)?(?:Z|[+-]\d{1,2}(?::\d{2})?)?)?$/.test(s)) return true;
  const plain = s.replaceAll('_', '');
  if (parseInt64(plain) !== null || parseUint64(plain) !== null) return true;
  if (yamlStyleFloat.test(plain) && Number.isFinite(Number(plain))) return true;
  if (/^-?0b[01]+$/.test(plain)) return true;
  return false;
}

const base60Float = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** yaml's is_printable: note that code points beyond the BMP are not. */
function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

function analyze(value: string): Analysis {
  const chars = [...value];
  let blockIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) blockIndicators = true;
  const isBlankz = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';
  let precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const followedByWhitespace = isBlankz(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      if ((c === '?' || c === ':') && followedByWhitespace) blockIndicators = true;
      if (c === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (c === ':' && followedByWhitespace) blockIndicators = true;
      if (c === '#' && precededByWhitespace) blockIndicators = true;
    }
    const cp = c.codePointAt(0)!;
    if (!isPrintable(cp)) specialCharacters = true;
    const isBreak = c === '\n' || c === '\r' || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
    if (isBreak) lineBreaks = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousBreak = true;
      previousSpace = false;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

const Style = { Plain: 'plain', Single: 'single', Double: 'double', Literal: 'literal' } as const;
type Style = (typeof Style)[keyof typeof Style];

function chooseStyle(s: string, simpleKey: boolean): Style {
  let style: Style;
  if (s.includes('\n')) style = Style.Literal;
  else if (!resolvesAsOther(s) && !base60Float.test(s)) style = Style.Plain;
  else style = Style.Double;
  const a = analyze(s);
  if (style === Style.Plain) {
    if (!a.blockPlainAllowed) style = Style.Single;
    if (s.length === 0 && simpleKey) style = Style.Single;
  }
  if (style === Style.Single && !a.singleQuotedAllowed) style = Style.Double;
  if (style === Style.Literal && (!a.blockAllowed || simpleKey)) style = Style.Double;
  return style;
}

function doubleQuoted(s: string): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    const escapes: Record<number, string> = {
      0: '0', 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 27: 'e', 34: '"', 92: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
    };
    if (!isPrintable(cp) || cp === 0xfeff || c === '"' || c === '\\') {
      const e = escapes[cp];
      if (e !== undefined && !(cp === 0xa0 && isPrintable(cp))) out += `\\${e}`;
      else if (cp <= 0xff) out += `\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`;
      else if (cp <= 0xffff) out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
      else out += `\\U${cp.toString(16).toUpperCase().padStart(8, '0')}`;
    } else out += c;
  }
  return `${out}"`;
}

class Writer {
  out = '';
  column = 0;
  write(s: string): void {
    this.out += s;
    const nl = s.lastIndexOf('\n');
    this.column = nl >= 0 ? [...s.slice(nl + 1)].length : this.column + [...s].length;
  }
  newline(indent: number): void {
    this.out += `\n${' '.repeat(indent)}`;
    this.column = indent;
  }
}

/** Writes a plain or single-quoted scalar, breaking at a space once past column 80 as go-yaml does. */
function writeFolding(w: Writer, s: string, indent: number, allowBreaks: boolean, quoted: boolean): void {
  const chars = [...s];
  if (quoted) w.write("'");
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ' ') {
      const canBreak = allowBreaks && !spaces && w.column > bestWidth && chars[i + 1] !== ' ' && (!quoted || (i !== 0 && i !== chars.length - 1));
      if (canBreak) w.newline(indent);
      else w.write(' ');
      spaces = true;
    } else {
      w.write(c === "'" && quoted ? "''" : c);
      spaces = false;
    }
  }
  if (quoted) w.write("'");
}

function writeLiteral(w: Writer, s: string, indent: number): void {
  let chomp = '-';
  if (s.endsWith('\n')) chomp = s.length >= 2 && (s.endsWith('\n\n') || s === '\n') ? '+' : '';
  const hint = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
  w.write(`|${hint}${chomp}`);
  const lines = s.split('\n');
  if (s.endsWith('\n')) lines.pop();
  for (const line of lines) {
    if (line === '') {
      w.out += '\n';
      w.column = 0;
    } else w.newline(indent);
    if (line !== '') w.write(line);
  }
}

function writeScalar(w: Writer, s: string, indent: number, simpleKey: boolean): void {
  switch (chooseStyle(s, simpleKey)) {
    case Style.Plain:
      return writeFolding(w, s, indent, !simpleKey, false);
    case Style.Single:
      return writeFolding(w, s, indent, !simpleKey, true);
    case Style.Double:
      return w.write(doubleQuoted(s));
    case Style.Literal:
      return writeLiteral(w, s, indent);
  }
}

function scalarText(n: Node): string | undefined {
  if (n === null) return 'null';
  if (typeof n === 'boolean') return n ? 'true' : 'false';
  if (typeof n === 'object' && 'int' in n) return n.int;
  if (typeof n === 'object' && 'float' in n) {
    const f = n.float;
    if (Number.isNaN(f)) return '.nan';
    if (f === Infinity) return '.inf';
    if (f === -Infinity) return '-.inf';
    return formatFloat(f, 'g', -1);
  }
  return undefined;
}

function writeValue(w: Writer, n: Node, indent: number): void {
  const text = scalarText(n);
  if (text !== undefined) return w.write(text);
  if (typeof n === 'string') return writeScalar(w, n, indent, false);
  if (Array.isArray(n)) {
    if (n.length === 0) return w.write('[]');
    return writeSequence(w, n, indent);
  }
  const m = (n as { map: [string, Node][] }).map;
  if (m.length === 0) return w.write('{}');
  return writeMapping(w, m, indent);
}

function isCollection(n: Node): boolean {
  if (Array.isArray(n)) return n.length > 0;
  return typeof n === 'object' && n !== null && 'map' in n && n.map.length > 0;
}

function writeMapping(w: Writer, entries: [string, Node][], indent: number): void {
  entries.forEach(([k, v], i) => {
    if (i > 0) w.newline(indent);
    writeScalar(w, k, indent, true);
    w.write(':');
    if (Array.isArray(v) && v.length > 0) {
      // Sequences sit at their key's indentation.
      w.newline(indent);
      writeSequence(w, v, indent);
    } else if (isCollection(v)) {
      w.newline(indent + 2);
      writeValue(w, v, indent + 2);
    } else {
      w.write(' ');
      writeValue(w, v, indent + 2);
    }
  });
}

function writeSequence(w: Writer, items: Node[], indent: number): void {
  items.forEach((item, i) => {
    if (i > 0) w.newline(indent);
    w.write('- ');
    writeValue(w, item, indent + 2);
  });
}

/** Marshals like sigs.k8s.io/yaml, with the final newline that Helm's toYaml trims. */
export function marshalYAML(v: GoValue | undefined): string {
  const node = fromJSON(parseJSONKeepingInts(marshalJSON(v)));
  const w = new Writer();
  writeValue(w, node, 0);
  return `${w.out}\n`;
}
