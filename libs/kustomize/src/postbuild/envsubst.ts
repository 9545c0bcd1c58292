import { globMatch } from './glob.ts';

/**
 * Flux's envsubst (its fork of drone/envsubst), as kustomize-controller runs it over each built object's
 * YAML. Only `${...}` expands; `$$` yields a single `$`; `$name` stays literal. The operator set and its
 * quirks are Flux's, not POSIX sh's: `${v-d}` and `${v+d}` do not parse, `${v:+d}` and `${v:?d}` behave
 * like `${v:-d}`, lengths and offsets count UTF-8 bytes, and `*` in a trim pattern also matches `/`.
 */

export const EnvsubstErrorCode = {
  VariableNotSet: 'VariableNotSet',
  BadSubstitution: 'BadSubstitution',
  MissingClosingBrace: 'MissingClosingBrace',
  BadVariableName: 'BadVariableName',
  BadFunctionArgument: 'BadFunctionArgument',
  BadDefault: 'BadDefault',
} as const;
export type EnvsubstErrorCode = (typeof EnvsubstErrorCode)[keyof typeof EnvsubstErrorCode];

// The messages are Flux's, so a status condition reads the same as upstream's.
const messages: Record<Exclude<EnvsubstErrorCode, 'VariableNotSet'>, string> = {
  BadSubstitution: 'bad substitution',
  MissingClosingBrace: 'missing closing brace',
  BadVariableName: 'unable to parse variable name',
  BadFunctionArgument: 'unable to parse substitution within function',
  BadDefault: 'unable to parse default function',
};

export class EnvsubstError extends Error {
  readonly code: EnvsubstErrorCode;
  /** The unset variable, for VariableNotSet. */
  readonly variable: string | undefined;

  constructor(code: EnvsubstErrorCode, variable?: string) {
    super(code === 'VariableNotSet' ? `variable not set (strict mode): ${JSON.stringify(variable)}` : messages[code]);
    this.name = 'EnvsubstError';
    this.code = code;
    this.variable = variable;
  }
}

export interface EnvsubstOptions {
  /** An unset variable used without a default-providing operator is an error (Flux's default since v1.9). */
  strict?: boolean;
}

type Node = { text: string } | { param: string; op: string; args: Node[] };

/**
 * Expands `text` with `lookup` (undefined = unset). Throws EnvsubstError on a parse error, or in strict
 * mode on an unset variable.
 */
export function envsubst(text: string, lookup: (name: string) => string | undefined, options: EnvsubstOptions = {}): string {
  const nodes = new Parser(text).parseTop();
  const strict = options.strict ?? false;
  const evaluate = (node: Node): string => {
    if ('text' in node) return node.text;
    const args = node.args.map(evaluate);
    const value = lookup(node.param);
    if (value === undefined && strict && !defaultOps.has(node.op)) throw new EnvsubstError('VariableNotSet', node.param);
    return operator(node.op, args.length)(value ?? '', args);
  };
  return nodes.map(evaluate).join('');
}

const defaultOps = new Set(['-', '+', '=', '?', ':-', ':+', ':=', ':?']);

// Which runes a token may hold; `i` is the token length so far in bytes, counting the rune offered.
type Accept = (r: string, i: number) => boolean;
const anyRune: Accept = () => true;
const identRune: Accept = (r) => /^[\p{L}\p{Nd}_]$/u.test(r);
const notClosing: Accept = (r) => r !== '}';
const notSlash: Accept = (r) => r !== '/';
const notColonOrClosing: Accept = (r) => r !== ':' && r !== '}';
const colons: Accept = (r) => r === ':';
const slashes: Accept = (r) => r === '/';
const upTo2 = (chars: string): Accept => (r, i) => chars.includes(r) && i < 3;
const exactly = (chars: string[]): Accept => (r, i) => chars[i - 1]?.includes(r) ?? false;

const Mode = { ident: 1, open: 2, close: 4, escape: 8 } as const;
type Token = 'eof' | 'ident' | 'open' | 'close' | 'illegal';

/**
 * A rune scanner with the reference's modes: whether `${`, `}` and escapes are recognised changes with the
 * parser's position, and an escape is applied by deleting the escaping rune from the buffer.
 */
class Parser {
  private buf: string;
  private pos = 0;
  private start = 0;
  private width = 0;
  private mode = 0;
  private escapeBackslash = false;
  private accept: Accept = anyRune;

  constructor(text: string) {
    this.buf = text;
  }

  private read(): string {
    if (this.pos >= this.buf.length) {
      this.width = 0;
      return '';
    }
    const r = String.fromCodePoint(this.buf.codePointAt(this.pos)!);
    this.width = r.length;
    this.pos += r.length;
    return r;
  }
  private unread(): void {
    this.pos -= this.width;
  }
  private peek(): string {
    const r = this.read();
    this.unread();
    return r;
  }
  private bytes(from: number, to: number): number {
    return Buffer.byteLength(this.buf.slice(from, to));
  }

  private isOpen(r: string): boolean {
    if (!(this.mode & Mode.open) || r !== '$') return false;
    if (this.read() === '{') return true;
    this.unread();
    return false;
  }
  private isEscape(r: string): boolean {
    if (!(this.mode & Mode.escape)) return false;
    if (r === '$') return this.peek() === '$';
    return this.escapeBackslash && r === '\\' && (this.peek() === '/' || this.peek() === '\\');
  }
  /** Drops the rune just read; the rune after it is then taken literally. */
  private dropPrevious(r: string): void {
    this.buf = this.buf.slice(0, this.pos - r.length) + this.buf.slice(this.pos);
    this.pos -= r.length;
    // The escaped rune is consumed without being offered to `accept`.
    this.read();
  }

  private scan(): Token {
    this.start = this.pos;
    const r = this.read();
    if (r === '') return 'eof';
    if (this.isOpen(r)) return 'open';
    if (this.mode & Mode.close && r === '}') return 'close';
    if (this.scanIdent(r)) return 'ident';
    return 'illegal';
  }

  private scanIdent(first: string): boolean {
    if (!(this.mode & Mode.ident)) return false;
    if (this.isEscape(first)) this.dropPrevious(first);
    else if (!this.accept(first, this.bytes(this.start, this.pos))) return false;
    for (;;) {
      const r = this.read();
      if (r === '') break;
      if (this.isOpen(r)) {
        this.pos -= 2;
        break;
      }
      if (this.isEscape(r)) {
        this.dropPrevious(r);
        continue;
      }
      if (!this.accept(r, this.bytes(this.start, this.pos))) {
        this.unread();
        break;
      }
    }
    return true;
  }

  private token(): string {
    return this.buf.slice(this.start, this.pos);
  }

  parseTop(): Node[] {
    const out: Node[] = [];
    for (;;) {
      this.accept = anyRune;
      this.mode = Mode.ident | Mode.open | Mode.escape;
      this.escapeBackslash = false;
      const t = this.scan();
      if (t === 'eof') return out;
      if (t === 'ident') out.push({ text: this.token() });
      else if (t === 'open') out.push(this.parseFunc());
      else throw new EnvsubstError('BadSubstitution');
    }
  }

  private expect(accept: Accept, mode: number, code: EnvsubstErrorCode): string {
    this.accept = accept;
    this.mode = mode;
    if (this.scan() !== 'ident') throw new EnvsubstError(code);
    return this.token();
  }

  private closeBrace(code: EnvsubstErrorCode = 'BadSubstitution'): void {
    this.mode = Mode.close;
    if (this.scan() !== 'close') throw new EnvsubstError(code);
  }

  private parseFunc(): Node {
    // Inside `${}`, `\/` and `\\` become escapes too, for the rest of the parse.
    this.escapeBackslash = true;
    if (this.peek() === '#') {
      const op = this.expect(exactly(['#']), Mode.ident, 'BadSubstitution');
      const param = this.expect(identRune, Mode.ident, 'BadSubstitution');
      this.closeBrace();
      return { param, op, args: [] };
    }
    const param = this.expect(identRune, Mode.ident, 'BadVariableName');
    switch (this.peek()) {
      case ':': {
        this.read();
        const next = this.peek();
        this.unread();
        return '=-?+'.includes(next) && next !== '' ? this.parseDefault(param) : this.parseSubstring(param);
      }
      case '=':
        return this.parseDefault(param);
      case ',':
      case '^': {
        const op = this.expect(upTo2(',^'), Mode.ident, 'BadSubstitution');
        this.closeBrace();
        return { param, op, args: [] };
      }
      case '/':
        return this.parseReplace(param);
      case '#':
      case '%': {
        const op = this.expect(upTo2(this.peek()), Mode.ident, 'BadSubstitution');
        const args = [this.parseArg(notClosing, Mode.ident)];
        this.closeBrace();
        return { param, op, args };
      }
    }
    this.closeBrace('MissingClosingBrace');
    return { param, op: '', args: [] };
  }

  private parseArg(accept: Accept, mode: number): Node {
    this.accept = accept;
    this.mode = mode | Mode.open;
    const t = this.scan();
    if (t === 'open') return this.parseFunc();
    if (t === 'ident' || t === 'close') return { text: this.token() };
    throw new EnvsubstError('BadFunctionArgument');
  }

  private parseDefault(param: string): Node {
    const op = this.expect(this.peek() === '=' ? exactly(['=']) : exactly([':', '=-?+']), Mode.ident, 'BadDefault');
    const args: Node[] = [];
    while (this.peek() !== '}') args.push(this.parseArg(notClosing, Mode.ident));
    this.closeBrace();
    return { param, op, args };
  }

  private parseSubstring(param: string): Node {
    const op = this.expect(exactly([':']), Mode.ident, 'BadSubstitution');
    const args = [this.parseArg(notColonOrClosing, Mode.ident)];
    this.accept = colons;
    this.mode = Mode.ident | Mode.close;
    const t = this.scan();
    if (t === 'close') return { param, op, args };
    if (t !== 'ident') throw new EnvsubstError('BadSubstitution');
    args.push(this.parseArg(notClosing, Mode.ident));
    this.closeBrace();
    return { param, op, args };
  }

  private parseReplace(param: string): Node {
    const op = this.expect(exactly(['/', '/#%']), Mode.ident, 'BadSubstitution');
    // An empty pattern (`${v/#/x}`) is allowed: it prepends or appends.
    const args = [this.peek() === '/' ? { text: '' } : this.parseArg(notSlash, Mode.ident | Mode.escape)];
    this.expect(slashes, Mode.ident, 'BadSubstitution');
    if (this.peek() !== '}') args.push(this.parseArg(notClosing, Mode.ident | Mode.escape));
    this.closeBrace();
    return { param, op, args };
  }
}

type Operator = (value: string, args: string[]) => string;

function operator(op: string, argCount: number): Operator {
  switch (op) {
    case ',':
      return (v) => firstRune(v, (r) => r.toLowerCase());
    case ',,':
      return (v) => v.toLowerCase();
    case '^':
      return (v) => firstRune(v, (r) => r.toUpperCase());
    case '^^':
      return (v) => v.toUpperCase();
    case '#':
      return argCount === 0 ? (v) => String(Buffer.byteLength(v)) : (v, [p]) => trimPrefix(v, p!, false);
    case '##':
      return (v, [p]) => trimPrefix(v, p!, true);
    case '%':
      return (v, [p]) => trimSuffix(v, p!, false);
    case '%%':
      return (v, [p]) => trimSuffix(v, p!, true);
    case ':':
      return substring;
    case '/':
      return (v, a) => (a.length === 0 ? v : goReplace(v, a[0]!, a[1] ?? '', 1));
    case '//':
      return (v, a) => (a.length === 0 ? v : goReplace(v, a[0]!, a[1] ?? '', -1));
    case '/#':
      return (v, a) => (a.length === 2 && v.startsWith(a[0]!) ? a[1]! + v.slice(a[0]!.length) : v);
    case '/%':
      return (v, a) => (a.length === 2 && v.endsWith(a[0]!) ? v.slice(0, v.length - a[0]!.length) + a[1]! : v);
    default:
      // Plain `${v}`, every default-style operator, and odd casing mixes like `${v,^}`.
      return (v, a) => (v === '' && a.length > 0 ? a.join('') : v);
  }
}

function firstRune(v: string, f: (r: string) => string): string {
  if (v === '') return v;
  const r = String.fromCodePoint(v.codePointAt(0)!);
  return f(r) + v.slice(r.length);
}

/** Go's strconv.Atoi: an optional sign and decimal digits, nothing else. */
function atoi(s: string): number | undefined {
  return /^[+-]?\d+$/.test(s) ? Number(s) : undefined;
}

/** `${v:offset}` and `${v:offset:length}` over UTF-8 bytes; an unparsable number leaves the value as is. */
function substring(v: string, args: string[]): string {
  const bytes = Buffer.from(v);
  const text = (a: number, b: number): string => bytes.subarray(a, b).toString();
  let pos = atoi(args[0] ?? '');
  if (pos === undefined) return v;
  if (pos < 0) pos = Math.max(0, bytes.length + pos);
  if (args.length === 1) return pos < bytes.length ? text(pos, bytes.length) : '';
  const length = atoi(args[1]!);
  if (length === undefined) return v;
  if (length < 0) {
    const end = bytes.length + length;
    return end < pos ? '' : text(pos, end);
  }
  if (pos + length >= bytes.length) return pos < bytes.length ? text(pos, bytes.length) : '';
  return text(pos, pos + length);
}

/** Go's strings.Replace, including its rule for an empty pattern (insert before every rune and at the end). */
function goReplace(s: string, old: string, replacement: string, n: number): string {
  if (old === '') {
    const runes = [...s];
    let out = '';
    let done = 0;
    for (let i = 0; i <= runes.length; i++) {
      if (n < 0 || done < n) {
        out += replacement;
        done++;
      }
      out += runes[i] ?? '';
    }
    return out;
  }
  if (n < 0) return s.split(old).join(replacement);
  const at = s.indexOf(old);
  return at < 0 ? s : s.slice(0, at) + replacement + s.slice(at + old.length);
}

/** Removes the shortest (or longest) non-empty prefix matching the glob; a bad pattern changes nothing. */
function trimPrefix(v: string, pattern: string, longest: boolean): string {
  const runes = [...v];
  let cut = 0;
  for (let len = runes.length; len > 0; len--) {
    const m = globMatch(pattern, runes.slice(0, len).join(''));
    if (m === undefined) return v;
    if (m) {
      cut = len;
      if (longest) break;
    }
  }
  return runes.slice(cut).join('');
}

/** The suffix forms reverse both the value and the pattern, as the reference does. */
function trimSuffix(v: string, pattern: string, longest: boolean): string {
  const reverse = (s: string): string => [...s].reverse().join('');
  return reverse(trimPrefix(reverse(v), reverse(pattern), longest));
}
