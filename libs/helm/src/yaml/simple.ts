// A fast reader for the plain shape of YAML that values files and rendered manifests almost always
// have: block mappings and sequences, one-line plain and quoted scalars, literal block scalars, `{}`
// and `[]`. It exists because the yaml package is slow before the JIT has warmed up: parsing every
// rendered document for its kind was a third of a fresh `conflux-helm template` process.
//
// It gives exactly what the yaml package's parse() gives with the same options, or `undefined` when
// the text uses anything else (anchors, tags, flow collections, multi-line or escaped scalars, folded
// blocks, tabs, duplicate keys, any error): callers then fall back to the yaml package, which also
// produces the error messages. Plain scalars are resolved by the yaml package's own YAML 1.1 tags.

import { Document, isScalar, type Schema } from 'yaml';

interface Line {
  indent: number;
  /** The line without its indentation; never empty, never a comment. */
  text: string;
}

// Thrown to abandon the fast path; it never escapes this module.
const unsupported: unique symbol = Symbol('unsupported');

type Resolver = { schema: Schema; options: unknown };
type ScalarTag = { default?: boolean | 'key'; resolve: (text: string, onError: (message: string) => void, options: unknown) => unknown };
let resolver: Resolver | undefined;

/** The YAML 1.1 schema parse() uses with { version: '1.1', schema: 'yaml-1.1', merge: true }. */
function yaml11(): Resolver {
  if (!resolver) {
    const doc = new Document(null, { version: '1.1', schema: 'yaml-1.1', merge: true });
    resolver = { schema: doc.schema, options: doc.options };
  }
  return resolver;
}

// 'e' and 'E' included: the exponent float's mantissa is optional, so "e3" is a number.
const maybeTyped = /^(?:$|[-+.0-9~<nNyYtTfFoOeE])/;

/** The yaml package's findScalarTagByTest and the tag's resolve, as its composer does for a plain scalar. */
function resolvePlain(text: string, atKey: boolean): unknown {
  // Every default tag's test (null, bool, int, float, timestamp, merge) needs one of these first.
  if (!maybeTyped.test(text)) return text;
  const { schema, options } = yaml11();
  const tag = schema.tags.find((t) => (t.default === true || (atKey && t.default === 'key')) && t.test?.test(text)) as ScalarTag | undefined;
  if (!tag) return text;
  if (tag.default === 'key') throw unsupported;
  const failed = { yes: false };
  const res = tag.resolve(text, () => (failed.yes = true), options);
  if (failed.yes) throw unsupported;
  // parse() converts with { keep: true }: scalar values come out as resolved (timestamps as Dates).
  return isScalar(res) ? res.value : res;
}

// YAML's indicator characters.
const indicators = new Set(['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);

/** Where a plain scalar's comment starts (" #"), or the text's length. */
function commentAt(s: string, from: number): number {
  const i = s.indexOf(' #', from);
  return i < 0 ? s.length : i;
}

/** Whether only spaces, or spaces and then a comment, follow `from`. */
function isBlank(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) if (s.charCodeAt(i) !== 32) return s.charCodeAt(i) === 35 && i > from;
  return true;
}

/** '-', '?' and ':' start a plain scalar when a non-space follows ("-1", "--port"); the rest never do. */
function startsPlain(s: string, at: number): boolean {
  const c = s[at]!;
  if (!indicators.has(c)) return true;
  return (c === '-' || c === '?' || c === ':') && at + 1 < s.length && s[at + 1] !== ' ';
}

/** A one-line quoted scalar starting at `from`; returns its value and the index after it. */
function quoted(s: string, from: number): [string, number] {
  const q = s[from];
  if (q === "'") {
    let out = '';
    let i = from + 1;
    for (;;) {
      const j = s.indexOf("'", i);
      if (j < 0) throw unsupported;
      out += s.slice(i, j);
      if (s[j + 1] !== "'") return [out, j + 1];
      out += "'";
      i = j + 2;
    }
  }
  let out = '';
  let i = from + 1;
  for (;;) {
    const close = s.indexOf('"', i);
    const esc = s.indexOf('\\', i);
    if (close < 0) throw unsupported;
    if (esc < 0 || close < esc) return [out + s.slice(i, close), close + 1];
    out += s.slice(i, esc);
    const [text, next] = escape(s, esc);
    out += text;
    i = next;
  }
}

const simpleEscapes: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\' };

function escape(s: string, at: number): [string, number] {
  const c = s[at + 1];
  if (c === undefined) throw unsupported;
  const simple = simpleEscapes[c];
  if (simple !== undefined) return [simple, at + 2];
  const len = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
  const hex = s.slice(at + 2, at + 2 + len);
  if (len === 0 || hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) throw unsupported;
  const cp = Number.parseInt(hex, 16);
  if (cp > 0x10ffff) throw unsupported;
  return [String.fromCodePoint(cp), at + 2 + len];
}

// Inside a one-line flow collection a plain scalar stops at these; ':' is left out altogether because
// its rules there (": ", ":x", "x:") differ between YAML versions.
const flowStops = /[,[\]{}:#]/;

/** One scalar entry of a flow collection at `from`: its value and the index after it. */
function flowScalar(s: string, from: number, atKey: boolean): [unknown, number] {
  if (s[from] === '"' || s[from] === "'") return quoted(s, from);
  let end = from;
  while (end < s.length && !flowStops.test(s[end]!)) end++;
  const plain = s.slice(from, end).trimEnd();
  if (plain === '' || !startsPlain(plain, 0)) throw unsupported;
  return [resolvePlain(plain, atKey), end];
}

function skipSpaces(s: string, from: number): number {
  while (s.charCodeAt(from) === 32) from++;
  return from;
}

/**
 * A one-line flow mapping or sequence of scalars ("{cpu: 500m, memory: 256Mi}", "[a, b]", "{ }") at
 * `from`; nesting, empty entries and multi-line collections are left to the yaml package.
 */
function flow(s: string, from: number): [unknown, number] {
  const isMap = s[from] === '{';
  const close = isMap ? '}' : ']';
  const map: Record<string, unknown> = {};
  const list: unknown[] = [];
  let i = skipSpaces(s, from + 1);
  if (s[i] === close) return [isMap ? map : list, i + 1];
  for (;;) {
    if (isMap) {
      const [key, afterKey] = flowScalar(s, i, true);
      if (typeof key !== 'string' || key === '__proto__' || Object.hasOwn(map, key)) throw unsupported;
      if (s[afterKey] !== ':' || s[afterKey + 1] !== ' ') throw unsupported;
      const [value, afterValue] = flowScalar(s, skipSpaces(s, afterKey + 1), false);
      map[key] = value;
      i = afterValue;
    } else {
      const [value, afterValue] = flowScalar(s, i, false);
      list.push(value);
      i = afterValue;
    }
    i = skipSpaces(s, i);
    if (s[i] === close) return [isMap ? map : list, i + 1];
    if (s[i] !== ',') throw unsupported;
    i = skipSpaces(s, i + 1);
    if (s[i] === close || s[i] === ',') throw unsupported;
  }
}

/** The end of an implicit key (the ':' of ": " or a final ':'), or -1 if the text is no key. */
function keyEnd(text: string): number {
  const c = text[0]!;
  if (c === '"' || c === "'") {
    const [, after] = quoted(text, 0);
    return text[after] === ':' && (after + 1 === text.length || text[after + 1] === ' ') ? after : -1;
  }
  if (!startsPlain(text, 0)) return -1;
  const sep = text.indexOf(': ');
  const end = sep >= 0 ? sep : text.endsWith(':') ? text.length - 1 : -1;
  if (end < 0) return -1;
  // "a #b: c" is a comment, "a : b" needs the yaml package's trimming, and keys have a length limit.
  if (commentAt(text, 0) < end || text[end - 1] === ' ' || end > 1024) throw unsupported;
  return end;
}

class Reader {
  private readonly lines: Line[];
  private i = 0;

  /** For each content line, its index in `raw` (block scalars read raw lines). */
  private readonly rawIndex: number[] = [];
  private readonly raw: string[];

  constructor(raw: string[]) {
    this.raw = raw;
    this.lines = [];
    for (let n = 0; n < raw.length; n++) {
      const line = raw[n]!;
      let indent = 0;
      while (line.charCodeAt(indent) === 32) indent++;
      if (indent === line.length || line.charCodeAt(indent) === 35) continue;
      if (indent === 0 && (line.startsWith('---') || line.startsWith('...'))) throw unsupported;
      this.lines.push({ indent, text: line.slice(indent) });
      this.rawIndex.push(n);
    }
  }

  document(): unknown {
    const first = this.lines[0];
    if (!first || first.indent !== 0) throw unsupported;
    const v = this.node(0);
    if (this.i !== this.lines.length) throw unsupported;
    return v;
  }

  /** A block mapping or sequence starting at the current line, whose indentation is `indent`. */
  private node(indent: number): unknown {
    const line = this.lines[this.i]!;
    return line.text === '-' || line.text.startsWith('- ') ? this.sequence(indent) : this.mapping(indent);
  }

  private mapping(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      if (line.indent < indent) break;
      if (line.indent > indent) throw unsupported;
      const end = keyEnd(line.text);
      if (end < 0) throw unsupported;
      const keyText = line.text.slice(0, end);
      const key = keyText[0] === '"' || keyText[0] === "'" ? quoted(keyText, 0)[0] : resolvePlain(keyText, true);
      // Duplicates are an error or a replacement depending on uniqueKeys: the yaml package decides.
      if (typeof key !== 'string' || key === '__proto__' || seen.has(key)) throw unsupported;
      seen.add(key);
      out[key] = this.value(line.text, end + 1, indent, true);
    }
    return out;
  }

  private sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      // A key at the same column ends a sequence nested under "key:" at that column.
      if (line.indent < indent || (line.indent === indent && !(line.text === '-' || line.text.startsWith('- ')))) break;
      if (line.indent > indent) throw unsupported;
      let at = 1;
      while (line.text.charCodeAt(at) === 32) at++;
      const rest = line.text.slice(at);
      if (rest !== '' && rest[0] !== '#' && keyEnd(rest) >= 0) {
        // "- key: value": a mapping whose keys stand at the column of the first one.
        this.lines[this.i] = { indent: indent + at, text: rest };
        out.push(this.mapping(indent + at));
        continue;
      }
      if (rest === '-' || rest.startsWith('- ')) throw unsupported;
      out.push(this.value(line.text, 1, indent, false));
    }
    return out;
  }

  /** The value after a key's ':' or a sequence's '-' at `from` on the current line, which it consumes. */
  private value(text: string, from: number, indent: number, inMapping: boolean): unknown {
    this.i++;
    let at = from;
    while (text.charCodeAt(at) === 32) at++;
    if (at === text.length || text[at] === '#') return this.nested(indent, inMapping);
    const c = text[at]!;
    let v: unknown;
    let after: number;
    if (c === '"' || c === "'") [v, after] = quoted(text, at);
    else if (c === '|') return this.literal(text, at, indent);
    else if (c === '{' || c === '[') [v, after] = flow(text, at);
    else if (!startsPlain(text, at)) throw unsupported;
    else {
      const plain = text.slice(at, commentAt(text, at)).trimEnd();
      if (plain.includes(': ') || plain.endsWith(':')) throw unsupported;
      v = resolvePlain(plain, false);
      after = text.length;
    }
    if (!isBlank(text, after)) throw unsupported;
    // A more indented line after a one-line value continues it (a multi-line scalar) or is an error.
    if (this.i < this.lines.length && this.lines[this.i]!.indent > indent) throw unsupported;
    return v;
  }

  /** The node under "key:" or "-" with nothing after it: more indented, or a sequence at the key's column. */
  private nested(indent: number, inMapping: boolean): unknown {
    const next = this.lines[this.i];
    if (!next || next.indent < indent) return null;
    if (next.indent > indent) return this.node(next.indent);
    if (inMapping && (next.text === '-' || next.text.startsWith('- '))) return this.sequence(indent);
    return null;
  }

  /** A literal block scalar ("|", "|-") whose header is at `at` on the line just consumed. */
  private literal(text: string, at: number, indent: number): string {
    const header = text.slice(at + 1, commentAt(text, at)).trimEnd();
    if (header !== '' && header !== '-') throw unsupported;
    const strip = header === '-';
    // Its lines are the raw ones (comment-like lines are content) up to the next node at or left of
    // `indent`; blank lines just before that node belong to the scalar and are chomped.
    const headerRaw = this.rawIndex[this.i - 1]!;
    while (this.i < this.lines.length && this.lines[this.i]!.indent > indent) this.i++;
    const body = this.raw.slice(headerRaw + 1, this.i < this.lines.length ? this.rawIndex[this.i]! : this.raw.length);
    const first = body.find((l) => l.trim() !== '');
    if (first === undefined) {
      if (body.some((l) => l !== '')) throw unsupported;
      return '';
    }
    let content = 0;
    while (first.charCodeAt(content) === 32) content++;
    if (content <= indent) throw unsupported;
    const parts: string[] = [];
    for (const l of body) {
      if (l.trim() === '') {
        // A blank line longer than the indentation holds spaces, by rules left to the yaml package.
        if (l.length > content) throw unsupported;
        parts.push('');
        continue;
      }
      let n = 0;
      while (l.charCodeAt(n) === 32) n++;
      if (n < content) throw unsupported;
      parts.push(l.slice(content));
    }
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    const joined = parts.join('\n');
    return strip ? joined : `${joined}\n`;
  }
}

// Outside block scalars these would need the yaml package's rules; inside them they are rare.
// YAML 1.1 also breaks lines at NEL, LS and PS.
const awkward = /[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\ufeff]/;

/**
 * parse(text, { version: '1.1', schema: 'yaml-1.1', merge: true }) for a document in the subset, with
 * or without uniqueKeys (the subset has no duplicate keys), else `undefined`. The result is always a
 * mapping or a sequence.
 */
export function parseSimpleYAML(text: string): Record<string, unknown> | unknown[] | undefined {
  if (awkward.test(text)) return undefined;
  try {
    return new Reader(text.split('\n')).document() as Record<string, unknown> | unknown[];
  } catch (err) {
    if (err === unsupported) return undefined;
    throw err;
  }
}
