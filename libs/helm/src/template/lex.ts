// The lexer of Go's text/template: the same tokens, positions, line numbers and error texts, because
// charts see them in error messages and rely on its exact whitespace trimming.

export const Item = {
  Error: 'error',
  Bool: 'bool',
  Char: 'char',
  CharConstant: 'charconst',
  Complex: 'complex',
  Assign: '=',
  Declare: ':=',
  EOF: 'EOF',
  Field: 'field',
  Identifier: 'identifier',
  LeftDelim: 'leftdelim',
  LeftParen: '(',
  Number: 'number',
  Pipe: '|',
  RawString: 'rawstring',
  RightDelim: 'rightdelim',
  RightParen: ')',
  Space: 'space',
  String: 'string',
  Text: 'text',
  Variable: 'variable',
  // Keywords.
  Block: 'block',
  Break: 'break',
  Continue: 'continue',
  Dot: '.',
  Define: 'define',
  Else: 'else',
  End: 'end',
  If: 'if',
  Nil: 'nil',
  Range: 'range',
  Template: 'template',
  With: 'with',
} as const;
export type ItemType = (typeof Item)[keyof typeof Item];

export interface Token {
  type: ItemType;
  /** Offset of the token in the input, in UTF-16 code units. */
  pos: number;
  val: string;
  /** 1-based line of the token's start. */
  line: number;
}

const keywords = new Map<string, ItemType>(Object.entries({
  '.': Item.Dot,
  block: Item.Block,
  break: Item.Break,
  continue: Item.Continue,
  define: Item.Define,
  else: Item.Else,
  end: Item.End,
  if: Item.If,
  range: Item.Range,
  nil: Item.Nil,
  template: Item.Template,
  with: Item.With,
}));

export interface LexOptions {
  leftDelim?: string;
  rightDelim?: string;
  /** `break` and `continue` are keywords unless a function of that name shadows them. */
  breakOK?: boolean;
  continueOK?: boolean;
}

const EOF = '';
const trimMarkerLen = 2; // the '-' plus the space that must stand beside it

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

const alphaNumeric = /^[_\p{L}\p{Nd}]$/u;
function isAlphaNumeric(c: string): boolean {
  if (c.length === 1 && c < '\x80') return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_';
  return c !== EOF && alphaNumeric.test(c);
}

function hasLeftTrimMarker(s: string, at: number): boolean {
  return s.length - at >= 2 && s[at] === '-' && isSpace(s[at + 1]!);
}

function hasRightTrimMarker(s: string, at: number): boolean {
  return s.length - at >= 2 && isSpace(s[at]!) && s[at + 1] === '-';
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

type State = ((l: Lexer) => State) | null;

/** Splits a template into tokens. Stops at the first error token, as Go's lexer does. */
export function lex(input: string, options: LexOptions = {}): Token[] {
  const l = new Lexer(input, options);
  let state: State = lexText;
  while (state) state = state(l);
  return l.tokens;
}

class Lexer {
  readonly input: string;
  readonly leftDelim: string;
  readonly rightDelim: string;
  readonly breakOK: boolean;
  readonly continueOK: boolean;
  readonly tokens: Token[] = [];
  pos = 0;
  start = 0;
  line = 1;
  startLine = 1;
  parenDepth = 0;
  // Go's lexer backs up at most one rune after each next(), so one width is all it needs.
  private width = 0;

  constructor(input: string, options: LexOptions) {
    this.input = input;
    this.leftDelim = options.leftDelim || '{{';
    this.rightDelim = options.rightDelim || '}}';
    this.breakOK = options.breakOK ?? true;
    this.continueOK = options.continueOK ?? true;
  }

  /** The next code point, or EOF. */
  next(): string {
    const c = this.peek();
    this.width = c.length;
    this.pos += c.length;
    if (c === '\n') this.line++;
    return c;
  }

  peek(): string {
    if (this.pos >= this.input.length) return EOF;
    const unit = this.input.charCodeAt(this.pos);
    // Only a surrogate pair needs building a string; any other code unit is a rune by itself.
    if (unit < 0xd800 || unit > 0xdbff) return this.input[this.pos]!;
    return String.fromCodePoint(this.input.codePointAt(this.pos)!);
  }

  /** After advancing `pos` directly: what a following backup() may step back over. */
  consumed(width: number): void {
    this.width = width;
  }

  backup(): void {
    const w = this.width;
    this.width = 0;
    if (w > 0) {
      this.pos -= w;
      if (this.input[this.pos] === '\n') this.line--;
    }
  }

  /** Emits the pending text as a token; returns `then`, the state that follows (inside an action by default). */
  emit(type: ItemType, then: State = lexInsideAction): State {
    this.tokens.push({ type, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine });
    this.start = this.pos;
    this.startLine = this.line;
    this.width = 0;
    return then;
  }

  ignore(): void {
    this.line += countNewlines(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
    this.width = 0;
  }

  accept(valid: string): boolean {
    const c = this.next();
    if (c !== EOF && valid.includes(c)) return true;
    this.backup();
    return false;
  }

  acceptRun(valid: string): void {
    for (;;) {
      const c = this.next();
      if (c === EOF || !valid.includes(c)) break;
    }
    this.backup();
  }

  errorf(message: string): State {
    this.tokens.push({ type: Item.Error, pos: this.start, val: message, line: this.startLine });
    return null;
  }

  atRightDelim(): { delim: boolean; trimSpaces: boolean } {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(this.rightDelim, this.pos + trimMarkerLen)) {
      return { delim: true, trimSpaces: true };
    }
    if (this.input.startsWith(this.rightDelim, this.pos)) return { delim: true, trimSpaces: false };
    return { delim: false, trimSpaces: false };
  }

  atTerminator(): boolean {
    const c = this.peek();
    if (isSpace(c)) return true;
    if (c === EOF || c === '.' || c === ',' || c === '|' || c === ':' || c === ')' || c === '(') return true;
    return this.input.startsWith(this.rightDelim, this.pos);
  }
}

function rightTrimLength(s: string): number {
  let n = 0;
  while (n < s.length && isSpace(s[s.length - 1 - n]!)) n++;
  return n;
}

function leftTrimLength(s: string, from: number): number {
  let n = 0;
  while (from + n < s.length && isSpace(s[from + n]!)) n++;
  return n;
}

function lexText(l: Lexer): State {
  const x = l.input.indexOf(l.leftDelim, l.pos);
  if (x >= 0) {
    if (x > l.pos) {
      l.pos = x;
      let trimLength = 0;
      if (hasLeftTrimMarker(l.input, l.pos + l.leftDelim.length)) {
        trimLength = rightTrimLength(l.input.slice(l.start, l.pos));
      }
      l.pos -= trimLength;
      l.line += countNewlines(l.input, l.start, l.pos);
      const text: Token = { type: Item.Text, pos: l.start, val: l.input.slice(l.start, l.pos), line: l.startLine };
      l.start = l.pos;
      l.startLine = l.line;
      l.pos += trimLength;
      l.ignore();
      if (text.val.length > 0) l.tokens.push(text);
    }
    return lexLeftDelim;
  }
  l.pos = l.input.length;
  if (l.pos > l.start) {
    l.line += countNewlines(l.input, l.start, l.pos);
    return l.emit(Item.Text, lexEOF);
  }
  return l.emit(Item.EOF, null);
}

function lexEOF(l: Lexer): State {
  return l.emit(Item.EOF, null);
}

function lexLeftDelim(l: Lexer): State {
  l.pos += l.leftDelim.length;
  const trimSpace = hasLeftTrimMarker(l.input, l.pos);
  const afterMarker = trimSpace ? trimMarkerLen : 0;
  if (l.input.startsWith('/*', l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return lexComment;
  }
  l.emit(Item.LeftDelim);
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  return lexInsideAction;
}

function lexComment(l: Lexer): State {
  l.pos += 2;
  const x = l.input.indexOf('*/', l.pos);
  if (x < 0) return l.errorf('unclosed comment');
  l.pos = x + 2;
  const { delim, trimSpaces } = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  if (trimSpaces) l.pos += trimMarkerLen;
  l.pos += l.rightDelim.length;
  if (trimSpaces) l.pos += leftTrimLength(l.input, l.pos);
  l.ignore();
  return lexText;
}

function lexRightDelim(l: Lexer): State {
  const { trimSpaces } = l.atRightDelim();
  if (trimSpaces) {
    l.pos += trimMarkerLen;
    l.ignore();
  }
  l.pos += l.rightDelim.length;
  l.emit(Item.RightDelim);
  if (trimSpaces) {
    l.pos += leftTrimLength(l.input, l.pos);
    l.ignore();
  }
  return lexText;
}

function lexInsideAction(l: Lexer): State {
  const { delim } = l.atRightDelim();
  if (delim) {
    if (l.parenDepth === 0) return lexRightDelim;
    return l.errorf('unclosed left paren');
  }
  const r = l.next();
  if (r === EOF) return l.errorf('unclosed action');
  if (isSpace(r)) {
    // Put the space back: it may belong to a " -}}".
    l.backup();
    return lexSpace;
  }
  switch (r) {
    case '=':
      return l.emit(Item.Assign);
    case ':':
      if (l.next() !== '=') return l.errorf('expected :=');
      return l.emit(Item.Declare);
    case '|':
      return l.emit(Item.Pipe);
    case '"':
      return lexQuote(l);
    case '`':
      return lexRawQuote(l);
    case '$':
      return lexFieldOrVariable(l, Item.Variable);
    case "'":
      return lexChar(l);
    case '(':
      l.parenDepth++;
      return l.emit(Item.LeftParen);
    case ')':
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf('unexpected right paren');
      return l.emit(Item.RightParen);
  }
  if (r === '.') {
    // ".5" is a number; ".x" a field.
    const c = l.input[l.pos];
    if (c !== undefined && (c < '0' || c > '9')) return lexFieldOrVariable(l, Item.Field);
  }
  if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
    l.backup();
    return lexNumber(l);
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier(l);
  }
  const cp = r.codePointAt(0)!;
  if (cp <= 0x7f && cp >= 0x20 && cp !== 0x7f) return l.emit(Item.Char);
  return l.errorf(`unrecognized character in action: ${describeRune(cp)}`);
}

/** Go's %#U: U+0001 or U+00E9 'é'. */
export function describeRune(cp: number): string {
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(String.fromCodePoint(cp));
  return printable ? `U+${hex} '${String.fromCodePoint(cp)}'` : `U+${hex}`;
}

// Runs of spaces, word characters and string bodies are matched natively: character by character in
// interpreted code, the lexer was a large share of a fresh process's start-up.
const spaceRun = /[ \t\r\n]*/y;
const wordRun = /[_\p{L}\p{Nd}]*/uy;
const quotedBody = /(?:[^"\\\n]|\\[^\n])*/y;

/** Advances past the run `re` matches at the current position; returns its length. */
function skipRun(l: Lexer, re: RegExp): number {
  re.lastIndex = l.pos;
  re.test(l.input);
  const n = re.lastIndex - l.pos;
  l.pos = re.lastIndex;
  return n;
}

function lexSpace(l: Lexer): State {
  const from = l.pos;
  const numSpaces = skipRun(l, spaceRun);
  l.line += countNewlines(l.input, from, l.pos);
  l.consumed(1);
  // A space followed by "-}}" is a trim marker, not a space token.
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(l.rightDelim, l.pos - 1 + trimMarkerLen)) {
    l.backup();
    if (numSpaces === 1) return lexInsideAction;
  }
  return l.emit(Item.Space);
}

function lexIdentifier(l: Lexer): State {
  skipRun(l, wordRun);
  l.consumed(0);
  const r = l.peek();
  const word = l.input.slice(l.start, l.pos);
  if (!l.atTerminator()) return l.errorf(`bad character ${describeRune(r.codePointAt(0) ?? 0)}`);
  const key = keywords.get(word);
  if (key !== undefined && key !== Item.Dot) {
    if ((key === Item.Break && !l.breakOK) || (key === Item.Continue && !l.continueOK)) return l.emit(Item.Identifier);
    return l.emit(key);
  }
  if (word === 'true' || word === 'false') return l.emit(Item.Bool);
  return l.emit(Item.Identifier);
}

function lexFieldOrVariable(l: Lexer, type: ItemType): State {
  if (l.atTerminator()) return l.emit(type === Item.Variable ? Item.Variable : Item.Dot);
  skipRun(l, wordRun);
  l.consumed(0);
  const r = l.peek();
  if (!l.atTerminator()) return l.errorf(`bad character ${describeRune(r.codePointAt(0) ?? 0)}`);
  return l.emit(type);
}

function lexChar(l: Lexer): State {
  for (;;) {
    const c = l.next();
    if (c === '\\') {
      const e = l.next();
      if (e !== EOF && e !== '\n') continue;
      return l.errorf('unterminated character constant');
    }
    if (c === EOF || c === '\n') return l.errorf('unterminated character constant');
    if (c === "'") break;
  }
  return l.emit(Item.CharConstant);
}

function lexNumber(l: Lexer): State {
  if (!scanNumber(l)) return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === '+' || sign === '-') {
    // A complex constant such as 1+2i: no spaces, and it must end in 'i'.
    if (!scanNumber(l) || l.input[l.pos - 1] !== 'i') {
      return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
    }
    return l.emit(Item.Complex);
  }
  return l.emit(Item.Number);
}

function scanNumber(l: Lexer): boolean {
  l.accept('+-');
  let digits = '0123456789_';
  if (l.accept('0')) {
    // A leading 0 alone does not make a float octal.
    if (l.accept('xX')) digits = '0123456789abcdefABCDEF_';
    else if (l.accept('oO')) digits = '01234567_';
    else if (l.accept('bB')) digits = '01_';
  }
  l.acceptRun(digits);
  if (l.accept('.')) l.acceptRun(digits);
  if (digits.length === 11 && l.accept('eE')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  if (digits.length === 23 && l.accept('pP')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  l.accept('i');
  if (isAlphaNumeric(l.peek())) {
    l.next();
    return false;
  }
  return true;
}

function lexQuote(l: Lexer): State {
  // The body stops before a newline, the end, a backslash ending the line or text, or the closing quote.
  skipRun(l, quotedBody);
  l.consumed(0);
  if (l.input[l.pos] !== '"') return l.errorf('unterminated quoted string');
  l.pos++;
  return l.emit(Item.String);
}

function lexRawQuote(l: Lexer): State {
  for (;;) {
    const c = l.next();
    if (c === EOF) return l.errorf('unterminated raw quoted string');
    if (c === '`') break;
  }
  return l.emit(Item.RawString);
}

/** Go's strconv.Quote for the ASCII texts error messages quote. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}
