// The parser of Go's text/template: the same grammar, variable scoping, function checks and error texts
// ("template: NAME:LINE: ..."), producing one tree per template defined in the text.

import { Item, type ItemType, lex, type Token } from './lex.ts';
import type {
  ArgNode,
  BranchNode,
  CommandNode,
  ElseNode,
  EndNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  TemplateNode,
  VariableNode,
} from './nodes.ts';
import { isEmptyTree } from './nodes.ts';
import { parseFloat64, parseInt64, parseUint64, quote, unquote } from './strconv.ts';

/** One parsed template: its name, the file it came from (for error locations), its text and its tree. */
export interface Tree {
  name: string;
  /** The name of the top-level template whose text holds this tree (Go's ParseName). */
  parseName: string;
  text: string;
  root: ListNode;
}

export class TemplateParseError extends Error {
  override name = 'TemplateParseError';
}

export interface ParseOptions {
  leftDelim?: string;
  rightDelim?: string;
  /** Is a function of this name defined? Unknown functions are parse errors, as in Go. */
  hasFunction: (name: string) => boolean;
}

/**
 * Parses `text` as the template `name`. Returns every tree it defines: `name` itself and one per
 * define/block. A second definition of a non-empty template in the same text is an error.
 */
export function parse(name: string, text: string, options: ParseOptions): Map<string, Tree> {
  const tokens = lex(text, {
    leftDelim: options.leftDelim,
    rightDelim: options.rightDelim,
    breakOK: !options.hasFunction('break'),
    continueOK: !options.hasFunction('continue'),
  });
  const treeSet = new Map<string, Tree>();
  const p = new Parser(name, name, text, tokens, options, treeSet);
  p.parseTop();
  return treeSet;
}

class Stream {
  readonly tokens: Token[];
  index = 0;
  /** The most recently read token, whose line parse errors report. */
  last: Token;
  constructor(tokens: Token[]) {
    this.tokens = tokens;
    this.last = tokens[0] ?? { type: Item.EOF, pos: 0, val: '', line: 1 };
  }
  next(): Token {
    const t = this.tokens[Math.min(this.index, this.tokens.length - 1)]!;
    this.index++;
    if (this.index > this.furthest) {
      this.furthest = this.index;
      this.last = t;
    }
    return t;
  }
  furthest = 0;
  backup(n = 1): void {
    this.index -= n;
  }
  peek(): Token {
    const t = this.next();
    this.backup();
    return t;
  }
}

class Parser {
  readonly name: string;
  readonly parseName: string;
  readonly text: string;
  readonly s: Stream;
  readonly options: ParseOptions;
  readonly treeSet: Map<string, Tree>;
  vars: string[] = ['$'];
  rangeDepth = 0;
  actionLine = 0;
  root: ListNode;

  constructor(name: string, parseName: string, text: string, tokens: Token[] | Stream, options: ParseOptions, treeSet: Map<string, Tree>) {
    this.name = name;
    this.parseName = parseName;
    this.text = text;
    this.s = tokens instanceof Stream ? tokens : new Stream(tokens);
    this.options = options;
    this.treeSet = treeSet;
    this.root = { type: 'list', pos: 0, nodes: [] };
  }

  errorf(message: string): never {
    throw new TemplateParseError(`template: ${this.parseName}:${this.s.last.line}: ${message}`);
  }

  next(): Token {
    return this.s.next();
  }
  peek(): Token {
    return this.s.peek();
  }
  nextNonSpace(): Token {
    let t: Token;
    do t = this.next();
    while (t.type === Item.Space);
    return t;
  }
  peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.s.backup();
    return t;
  }

  expect(expected: ItemType, context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== expected) this.unexpected(t, context);
    return t;
  }

  unexpected(t: Token, context: string): never {
    if (t.type === Item.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${t.val}${extra}`);
    }
    this.errorf(`unexpected ${tokenString(t)} in ${context}`);
  }

  /** Adds this tree to the set, unless an existing non-empty definition would be replaced. */
  add(): void {
    const existing = this.treeSet.get(this.name);
    if (existing === undefined || isEmptyTree(existing.root)) {
      this.treeSet.set(this.name, { name: this.name, parseName: this.parseName, text: this.text, root: this.root });
      return;
    }
    if (!isEmptyTree(this.root)) this.errorf(`template: multiple definition of template ${quote(this.name)}`);
  }

  parseTop(): void {
    this.root = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== Item.EOF) {
      if (this.peek().type === Item.LeftDelim) {
        const delim = this.next();
        const afterDelim = this.s.index;
        if (this.nextNonSpace().type === Item.Define) {
          const def = new Parser('definition', this.parseName, this.text, this.s, this.options, this.treeSet);
          def.parseDefinition();
          continue;
        }
        this.s.index = afterDelim - 1;
        void delim;
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${n.type === 'end' ? '{{end}}' : '{{else}}'}`);
      this.root.nodes.push(n);
    }
    this.add();
  }

  parseDefinition(): void {
    const context = 'define clause';
    const nameTok = this.nextNonSpace();
    if (nameTok.type !== Item.String && nameTok.type !== Item.RawString) this.unexpected(nameTok, context);
    const name = this.unquoteOrFail(nameTok.val);
    (this as { name: string }).name = name;
    this.expect(Item.RightDelim, context);
    const [list, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${end.type === 'else' ? '{{else}}' : '{{end}}'} in ${context}`);
    this.root = list;
    this.add();
  }

  unquoteOrFail(lit: string): string {
    try {
      return unquote(lit);
    } catch {
      this.errorf('invalid syntax');
    }
  }

  itemList(): [ListNode, EndNode | ElseNode] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== Item.EOF) {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  textOrAction(): Node {
    const t = this.nextNonSpace();
    switch (t.type) {
      case Item.Text:
        return { type: 'text', pos: t.pos, text: t.val };
      case Item.LeftDelim: {
        this.actionLine = t.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
    }
    this.unexpected(t, 'input');
  }

  action(): Node {
    const t = this.nextNonSpace();
    switch (t.type) {
      case Item.Block:
        return this.blockControl();
      case Item.Break:
      case Item.Continue: {
        const what = t.type === Item.Break ? 'break' : 'continue';
        const close = this.nextNonSpace();
        if (close.type !== Item.RightDelim) this.unexpected(close, `{{${what}}}`);
        if (this.rangeDepth === 0) this.errorf(`{{${what}}} outside {{range}}`);
        return { type: what, pos: t.pos, line: t.line };
      }
      case Item.Else:
        return this.elseControl();
      case Item.End:
        return { type: 'end', pos: this.expect(Item.RightDelim, 'end').pos };
      case Item.If:
        return { type: 'if', ...this.parseControl('if') };
      case Item.Range:
        return { type: 'range', ...this.parseControl('range') };
      case Item.Template:
        return this.templateControl();
      case Item.With:
        return { type: 'with', ...this.parseControl('with') };
    }
    this.s.backup();
    const start = this.peek();
    // Variables declared here live until the enclosing {{end}}.
    return { type: 'action', pos: start.pos, line: start.line, pipe: this.pipeline('command', Item.RightDelim) };
  }

  elseControl(): ElseNode {
    const peek = this.peekNonSpace();
    // "else if" and "else with" leave the keyword pending for parseControl.
    if (peek.type === Item.If || peek.type === Item.With) return { type: 'else', pos: peek.pos, line: peek.line };
    const t = this.expect(Item.RightDelim, 'else');
    return { type: 'else', pos: t.pos, line: t.line };
  }

  parseControl(context: 'if' | 'range' | 'with'): Omit<BranchNode, never> {
    const varsBefore = this.vars.length;
    try {
      const pipe = this.pipeline(context, Item.RightDelim);
      if (context === 'range') this.rangeDepth++;
      const [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.type === 'else') {
        if (context === 'if' && this.peek().type === Item.If) {
          this.next();
          elseList = { type: 'list', pos: next.pos, nodes: [{ type: 'if', ...this.parseControl('if') }] };
        } else if (context === 'with' && this.peek().type === Item.With) {
          this.next();
          elseList = { type: 'list', pos: next.pos, nodes: [{ type: 'with', ...this.parseControl('with') }] };
        } else {
          const [l, end] = this.itemList();
          if (end.type !== 'end') this.errorf('expected end; found {{else}}');
          elseList = l;
        }
      }
      return { pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = varsBefore;
    }
  }

  parseTemplateName(t: Token, context: string): string {
    if (t.type !== Item.String && t.type !== Item.RawString) this.unexpected(t, context);
    return this.unquoteOrFail(t.val);
  }

  templateControl(): TemplateNode {
    const context = 'template clause';
    const t = this.nextNonSpace();
    const name = this.parseTemplateName(t, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().type !== Item.RightDelim) {
      this.s.backup();
      pipe = this.pipeline(context, Item.RightDelim);
    }
    return { type: 'template', pos: t.pos, line: t.line, name, pipe };
  }

  blockControl(): TemplateNode {
    const context = 'block clause';
    const t = this.nextNonSpace();
    const name = this.parseTemplateName(t, context);
    const pipe = this.pipeline(context, Item.RightDelim);
    const block = new Parser(name, this.parseName, this.text, this.s, this.options, this.treeSet);
    const [list, end] = block.itemList();
    if (end.type !== 'end') this.errorf(`unexpected {{else}} in ${context}`);
    block.root = list;
    block.add();
    return { type: 'template', pos: t.pos, line: t.line, name, pipe };
  }

  pipeline(context: string, end: ItemType): PipeNode {
    const start = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: start.pos, line: start.line, isAssign: false, decl: [], cmds: [] };
    // Declarations or assignments: `$x :=`, `$x =`, and `$i, $v :=` in range.
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== Item.Variable) break;
      this.nextNonSpace();
      const vIndex = this.s.index - 1;
      const next = this.peekNonSpace();
      if (next.type === Item.Assign || next.type === Item.Declare) {
        pipe.isAssign = next.type === Item.Assign;
        this.nextNonSpace();
        pipe.decl.push(variableNode(v.pos, v.val));
        this.vars.push(v.val);
        break;
      }
      if (next.type === Item.Char && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(variableNode(v.pos, v.val));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace().type;
          if (p === Item.Variable || p === Item.RightDelim || p === Item.RightParen) continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      // Not a declaration: the variable is the first operand.
      this.s.index = vIndex;
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.type) {
        case Item.Bool:
        case Item.CharConstant:
        case Item.Complex:
        case Item.Dot:
        case Item.Field:
        case Item.Identifier:
        case Item.Number:
        case Item.Nil:
        case Item.RawString:
        case Item.String:
        case Item.Variable:
        case Item.LeftParen:
          this.s.backup();
          pipe.cmds.push(this.command());
          continue;
      }
      this.unexpected(t, context);
    }
  }

  checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0]!.type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.type === Item.Space) continue;
      if (t.type === Item.RightDelim || t.type === Item.RightParen) this.s.backup();
      else if (t.type !== Item.Pipe) this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  operand(): ArgNode | null {
    const node = this.term();
    if (!node) return null;
    if (this.peek().type !== Item.Field) return node;
    const chainPos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().type === Item.Field) fields.push(this.next().val.slice(1));
    // Fields after a field or variable extend it; after a literal they are an error.
    switch (node.type) {
      case 'field':
        return { type: 'field', pos: chainPos, ident: [...node.ident, ...fields] };
      case 'variable':
        return { type: 'variable', pos: chainPos, ident: [...node.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.errorf(`unexpected . after term ${quote(nodeText(node))}`);
    }
    return { type: 'chain', pos: chainPos, node, field: fields };
  }

  term(): ArgNode | null {
    const t = this.nextNonSpace();
    switch (t.type) {
      case Item.Identifier:
        if (!this.options.hasFunction(t.val)) this.errorf(`function ${quote(t.val)} not defined`);
        return { type: 'identifier', pos: t.pos, ident: t.val };
      case Item.Dot:
        return { type: 'dot', pos: t.pos };
      case Item.Nil:
        return { type: 'nil', pos: t.pos };
      case Item.Variable:
        return this.useVar(t.pos, t.val);
      case Item.Field:
        return { type: 'field', pos: t.pos, ident: t.val.slice(1).split('.') };
      case Item.Bool:
        return { type: 'bool', pos: t.pos, value: t.val === 'true' };
      case Item.CharConstant:
      case Item.Complex:
      case Item.Number:
        return this.number(t);
      case Item.String:
      case Item.RawString:
        return { type: 'string', pos: t.pos, quoted: t.val, text: this.unquoteOrFail(t.val) };
      case Item.LeftParen:
        return this.pipeline('parenthesized pipeline', Item.RightParen);
    }
    this.s.backup();
    return null;
  }

  useVar(pos: number, name: string): VariableNode {
    const v = variableNode(pos, name);
    if (!this.vars.includes(v.ident[0]!)) this.errorf(`undefined variable ${quote(v.ident[0]!)}`);
    return v;
  }

  number(t: Token): NumberNode {
    try {
      return numberNode(t.pos, t.val, t.type);
    } catch (err) {
      this.errorf((err as Error).message);
    }
  }
}

function variableNode(pos: number, name: string): VariableNode {
  return { type: 'variable', pos, ident: name.split('.') };
}

function nodeText(n: ArgNode): string {
  switch (n.type) {
    case 'bool':
      return String(n.value);
    case 'string':
      return n.quoted;
    case 'number':
      return n.text;
    case 'nil':
      return 'nil';
    default:
      return '.';
  }
}

/** Go's item.String(), used in "unexpected X in Y". */
function tokenString(t: Token): string {
  if (t.type === Item.EOF) return 'EOF';
  if (t.type === Item.Error) return t.val;
  const keywordTypes: ItemType[] = [
    Item.Block,
    Item.Break,
    Item.Continue,
    Item.Dot,
    Item.Define,
    Item.Else,
    Item.End,
    Item.If,
    Item.Nil,
    Item.Range,
    Item.Template,
    Item.With,
  ];
  if (keywordTypes.includes(t.type)) return `<${t.val}>`;
  const runes = [...t.val];
  if (runes.length > 10) return `${quote(runes.slice(0, 10).join(''))}...`;
  return quote(t.val);
}

const isHexInt = (s: string): boolean => s.length > 2 && s[0] === '0' && (s[1] === 'x' || s[1] === 'X') && !/[pP]/.test(s);

/** Go's parse.newNumber: which of int, uint, float and complex a literal can be. */
export function numberNode(pos: number, text: string, kind: ItemType): NumberNode {
  const n: NumberNode = {
    type: 'number',
    pos,
    text,
    isInt: false,
    isUint: false,
    isFloat: false,
    isComplex: false,
    int: 0n,
    uint: 0n,
    float: 0,
    complex: [0, 0],
  };
  if (kind === Item.CharConstant) {
    let r: string;
    try {
      r = unquote(text);
    } catch {
      throw new Error(`malformed character constant: ${text}`);
    }
    if ([...r].length !== 1) throw new Error(`malformed character constant: ${text}`);
    const cp = BigInt(r.codePointAt(0)!);
    Object.assign(n, { isInt: true, int: cp, isUint: true, uint: cp, isFloat: true, float: Number(cp) });
    return n;
  }
  if (kind === Item.Complex) {
    const m = /^([+-]?[^+-]+(?:[eE][+-]?\d+)?)([+-].*)i$/.exec(text);
    const re = m ? parseFloat64(m[1]!) : null;
    const im = m ? parseFloat64(m[2]!) : null;
    if (re === null || im === null) throw new Error('expected integer');
    n.isComplex = true;
    n.complex = [re, im];
    simplifyComplex(n);
    return n;
  }
  if (text.endsWith('i')) {
    const f = parseFloat64(text.slice(0, -1));
    if (f !== null) {
      n.isComplex = true;
      n.complex = [0, f];
      simplifyComplex(n);
      return n;
    }
  }
  const u = parseUint64(text);
  if (u !== null) {
    n.isUint = true;
    n.uint = u;
  }
  const i = parseInt64(text);
  if (i !== null) {
    n.isInt = true;
    n.int = i;
    if (i === 0n) {
      n.isUint = true;
      n.uint = u ?? 0n;
    }
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float = Number(n.int);
  } else if (n.isUint) {
    n.isFloat = true;
    n.float = Number(n.uint);
  } else {
    const f = parseFloat64(text);
    if (f !== null) {
      // A float that looks like an integer is an integer too large for int64.
      if (!/[.eEpP]/.test(text)) throw new Error(`integer overflow: ${quote(text)}`);
      n.isFloat = true;
      n.float = f;
      if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
        n.isInt = true;
        n.int = BigInt(f);
      }
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
        n.isUint = true;
        n.uint = BigInt(f);
      }
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) throw new Error(`illegal number syntax: ${quote(text)}`);
  return n;
}

function simplifyComplex(n: NumberNode): void {
  n.isFloat = n.complex[1] === 0;
  if (n.isFloat) {
    n.float = n.complex[0];
    n.isInt = Number.isInteger(n.float) && Math.abs(n.float) < 2 ** 63;
    if (n.isInt) n.int = BigInt(n.float);
    n.isUint = Number.isInteger(n.float) && n.float >= 0 && n.float < 2 ** 64;
    if (n.isUint) n.uint = BigInt(n.float);
  }
}

export { isHexInt };
