// The executor of Go's text/template, following exec.go's evaluation rules: pipelines and variables,
// field chains on maps and structs, argument checks against function signatures, range/with/if, and
// errors of the form `template: NAME:LINE:COL: executing "NAME" at <NODE>: MESSAGE`.

import { builtins, type FuncMap, type TemplateFunc } from './builtins.ts';
import { formatValue, printValueText } from './fmt.ts';
import {
  type ArgNode,
  type BranchNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type Node,
  nodeString,
  type NumberNode,
  type PipeNode,
  type TemplateNode,
  type VariableNode,
} from './nodes.ts';
import { isHexInt, type Tree } from './parse.ts';
import { quote, utf8Length } from './strconv.ts';
import {
  GoComplex,
  GoInt,
  GoStruct,
  goMapType,
  type GoType,
  type GoValue,
  isGoFunc,
  isMap,
  kindOf,
  Kind,
  methodsOf,
  type Result,
  sortedKeys,
  truth,
  typeName,
} from './values.ts';

/** What a missing map key yields: Go's `missingkey` option. Helm uses `zero` (and `error` when strict). */
export type MissingKey = 'default' | 'zero' | 'error';

export interface ExecContext {
  lookup(name: string): Tree | undefined;
  findFunction(name: string): { fn: TemplateFunc; builtin: boolean } | undefined;
  missingKey: MissingKey;
}

export class TemplateExecError extends Error {
  override name = 'TemplateExecError';
  /** The template that was executing. */
  readonly templateName: string;
  constructor(templateName: string, message: string) {
    super(message);
    this.templateName = templateName;
  }
}

const maxExecDepth = 100000;

/** The dot, with whether its static type is interface{} (an element of a map or slice). */
interface Dot {
  v: Result;
  iface: boolean;
}

/** exec.go's missingVal: "no final argument from a previous pipeline stage". */
const MISSING: unique symbol = Symbol('missing');
type Final = Result | typeof MISSING;

const Signal = { Break: 1, Continue: 2 } as const;
type Signal = (typeof Signal)[keyof typeof Signal] | undefined;

interface Variable {
  name: string;
  value: Result;
}

/** Executes `tree` with `data` as dot and `$`, returning the output text. */
export function execute(ctx: ExecContext, tree: Tree, data: GoValue | undefined): string {
  const s = new State(ctx, tree, [{ name: '$', value: data }], 0);
  s.walk({ v: data, iface: false }, tree.root);
  return s.out;
}

class State {
  readonly ctx: ExecContext;
  tree: Tree;
  node: Node | null = null;
  vars: Variable[];
  depth: number;
  out = '';

  constructor(ctx: ExecContext, tree: Tree, vars: Variable[], depth: number) {
    this.ctx = ctx;
    this.tree = tree;
    this.vars = vars;
    this.depth = depth;
  }

  at(node: Node): void {
    this.node = node;
  }

  errorf(message: string): never {
    const name = this.tree.name;
    if (this.node === null) throw new TemplateExecError(name, `template: ${name}: ${message}`);
    throw new TemplateExecError(name, `template: ${this.location(this.node)}: executing ${quote(name)} at <${nodeString(this.node)}>: ${message}`);
  }

  /** Go's ErrorContext: NAME:LINE:COL with COL the byte offset within the line. */
  location(node: Node): string {
    const text = this.tree.text.slice(0, node.pos);
    const nl = text.lastIndexOf('\n');
    const line = 1 + (text.match(/\n/g)?.length ?? 0);
    const col = utf8Length(text.slice(nl + 1));
    return `${this.tree.parseName}:${line}:${col}`;
  }

  mark(): number {
    return this.vars.length;
  }

  pop(mark: number): void {
    this.vars.length = mark;
  }

  setVar(name: string, value: Result): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  setTopVar(n: number, value: Result): void {
    this.vars[this.vars.length - n]!.value = value;
  }

  varValue(name: string): Result {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) return this.vars[i]!.value;
    }
    this.errorf(`undefined variable: ${name}`);
  }

  walk(dot: Dot, node: Node): Signal {
    this.at(node);
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return undefined;
      }
      case 'break':
        return Signal.Break;
      case 'continue':
        return Signal.Continue;
      case 'comment':
        return undefined;
      case 'if':
      case 'with':
        return this.walkIfOrWith(node.type, dot, node);
      case 'list':
        for (const n of node.nodes) {
          const sig = this.walk(dot, n);
          if (sig !== undefined) return sig;
        }
        return undefined;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        this.walkTemplate(dot, node);
        return undefined;
      case 'text':
        this.out += node.text;
        return undefined;
    }
    this.errorf(`unknown node: ${nodeString(node)}`);
  }

  walkIfOrWith(type: 'if' | 'with', dot: Dot, node: BranchNode & Node): Signal {
    const mark = this.mark();
    try {
      const val = this.evalPipeline(dot, node.pipe);
      if (truth(val)) return this.walk(type === 'with' ? { v: val, iface: false } : dot, node.list);
      if (node.elseList) return this.walk(dot, node.elseList);
      return undefined;
    } finally {
      this.pop(mark);
    }
  }

  walkRange(dot: Dot, r: BranchNode & Node): Signal {
    this.at(r);
    const outer = this.mark();
    try {
      const val = this.evalPipeline(dot, r.pipe);
      const mark = this.mark();
      const decl = r.pipe.decl;
      // Returns true when the body ran {{break}}.
      const oneIteration = (index: Result, elem: Result, elemIface: boolean): boolean => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) this.setVar(decl[0]!.ident[0]!, decl.length > 1 ? index : elem);
          else this.setTopVar(1, elem);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem);
          else this.setTopVar(2, index);
        }
        try {
          return this.walk({ v: elem, iface: elemIface }, r.list) === Signal.Break;
        } finally {
          this.pop(mark);
        }
      };
      const k = kindOf(val);
      if (Array.isArray(val)) {
        if (val.length > 0) {
          // Elements of a typed slice ([]string) have a concrete static type, not interface{}.
          const elemIface = typeName(val) === '[]interface {}';
          for (let i = 0; i < val.length; i++) if (oneIteration(BigInt(i), val[i]!, elemIface)) break;
          return undefined;
        }
      } else if (val instanceof Uint8Array) {
        if (val.length > 0) {
          for (let i = 0; i < val.length; i++) if (oneIteration(BigInt(i), new GoInt('uint8', BigInt(val[i]!)), false)) break;
          return undefined;
        }
      } else if (k === Kind.Int || k === Kind.Uint) {
        if (decl.length > 1) this.errorf(`can't use ${formatValue(val!, 'v', noFlags, 0)} to iterate over more than one variable`);
        const n = typeof val === 'bigint' ? val : (val as GoInt).value;
        if (n > 0n) {
          for (let i = 0n; i < n; i++) {
            const elem = typeof val === 'bigint' ? i : new GoInt((val as GoInt).kind, i);
            if (oneIteration(undefined, elem, false)) break;
          }
          return undefined;
        }
      } else if (k === Kind.Map) {
        const m = val as Record<string, GoValue>;
        const keys = sortedKeys(m);
        if (keys.length > 0) {
          for (const key of keys) if (oneIteration(key, m[key]!, true)) break;
          return undefined;
        }
      } else if (k !== Kind.Invalid) {
        this.errorf(`range can't iterate over ${formatValue(val!, 'v', noFlags, 0)}`);
      }
      if (r.elseList) this.walk(dot, r.elseList);
      return undefined;
    } finally {
      this.pop(outer);
    }
  }

  walkTemplate(dot: Dot, t: TemplateNode): void {
    this.at(t);
    const tree = this.ctx.lookup(t.name);
    if (!tree) this.errorf(`template ${quote(t.name)} not defined`);
    if (this.depth === maxExecDepth) this.errorf(`exceeded maximum template depth (${maxExecDepth})`);
    const v = t.pipe ? this.evalPipeline(dot, t.pipe) : undefined;
    // Templates inherit no variables: only $ is the new dot.
    const s = new State(this.ctx, tree, [{ name: '$', value: v }], this.depth + 1);
    s.walk({ v, iface: false }, tree.root);
    this.out += s.out;
  }

  evalPipeline(dot: Dot, pipe: PipeNode): Result {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      // A nil interface{} result becomes "no value", as Go digs into interfaces between stages.
      value = this.evalCommand(dot, cmd, value) ?? undefined;
    }
    const result = value === MISSING ? undefined : value;
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0]!, result);
      else this.vars.push({ name: v.ident[0]!, value: result });
    }
    return result;
  }

  notAFunction(args: readonly ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  evalCommand(dot: Dot, cmd: CommandNode, final: Final): Result {
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first.ident, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot.v;
      case 'nil':
        this.errorf('nil is not a command');
      // falls through (errorf never returns)
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
  }

  idealConstant(n: NumberNode): Result {
    this.at(n);
    if (n.isComplex) return new GoComplex(n.complex[0], n.complex[1]);
    if (n.isFloat && !isHexInt(n.text) && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return n.float;
    if (n.isInt) return n.int;
    if (n.isUint) this.errorf(`${n.text} overflows int`);
    return undefined;
  }

  evalFieldNode(dot: Dot, field: FieldNode, args: readonly ArgNode[], final: Final): Result {
    this.at(field);
    return this.evalFieldChain(dot, dot.v, dot.iface, field, field.ident, args, final);
  }

  evalChainNode(dot: Dot, chain: ChainNode, args: readonly ArgNode[], final: Final): Result {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, pipe, false, chain, chain.field, args, final);
  }

  evalVariableNode(dot: Dot, v: VariableNode, args: readonly ArgNode[], final: Final): Result {
    this.at(v);
    const value = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, false, v, v.ident.slice(1), args, final);
  }

  evalFieldChain(
    dot: Dot,
    receiver: Result,
    iface: boolean,
    node: Node,
    ident: readonly string[],
    args: readonly ArgNode[],
    final: Final,
  ): Result {
    let r = receiver;
    let rIface = iface;
    for (let i = 0; i < ident.length - 1; i++) {
      [r, rIface] = this.evalField(dot, ident[i]!, node, [], MISSING, r, rIface);
    }
    return this.evalField(dot, ident[ident.length - 1]!, node, args, final, r, rIface)[0];
  }

  /** Returns the field's value and whether its static type is interface{}. */
  evalField(
    dot: Dot,
    fieldName: string,
    node: Node,
    args: readonly ArgNode[],
    final: Final,
    receiver: Result,
    iface: boolean,
  ): [Result, boolean] {
    if (receiver === undefined) {
      if (this.ctx.missingKey === 'error') this.errorf(`nil data; no entry for key ${quote(fieldName)}`);
      return [undefined, false];
    }
    const typ = iface ? 'interface {}' : typeName(receiver);
    if (receiver === null) this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    const method = receiver instanceof GoStruct ? receiver.methods[fieldName] : methodsOf(receiver)?.[fieldName];
    if (method) return [this.evalCall(dot, method as TemplateFunc, false, node, fieldName, args, final), false];
    const hasArgs = args.length > 1 || final !== MISSING;
    if (receiver instanceof GoStruct) {
      if (Object.hasOwn(receiver.fields, fieldName)) {
        if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        return [receiver.fields[fieldName]!, false];
      }
    } else if (isMap(receiver)) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      if (Object.hasOwn(receiver, fieldName)) return [receiver[fieldName]!, true];
      switch (this.ctx.missingKey) {
        case 'zero':
          return [null, true];
        case 'error':
          this.errorf(`map has no entry for key ${quote(fieldName)}`);
      }
      return [undefined, false];
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  evalFunction(dot: Dot, name: string, node: Node, cmd: Node, args: readonly ArgNode[], final: Final): Result {
    this.at(node);
    const found = this.ctx.findFunction(name);
    if (!found) this.errorf(`${quote(name)} is not a defined function`);
    return this.evalCall(dot, found.fn, found.builtin, cmd, name, args, final);
  }

  evalCall(dot: Dot, fn: TemplateFunc, isBuiltin: boolean, node: Node, name: string, allArgs: readonly ArgNode[], final: Final): Result {
    const args = allArgs.slice(1);
    const numParams = fn.params.length;
    let numIn = args.length;
    if (final !== MISSING) numIn++;
    let numFixed = args.length;
    if (fn.variadic) {
      numFixed = numParams - 1;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${numParams - 1} got ${args.length}`);
    } else if (numIn !== numParams) {
      this.errorf(`wrong number of args for ${name}: want ${numParams} got ${numIn}`);
    }
    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: Result = undefined;
      for (const arg of args) {
        v = this.evalArg(dot, 'reflect.Value', arg);
        if (truth(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.validateType(final, 'reflect.Value');
      return v;
    }
    const argv: Result[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, fn.params[i]!, args[i]!));
    if (fn.variadic) {
      const elemType = fn.params[numParams - 1]!;
      for (; i < args.length; i++) argv.push(this.evalArg(dot, elemType, args[i]!));
    }
    if (final !== MISSING) {
      const t = fn.variadic && numIn - 1 >= numFixed ? fn.params[numParams - 1]! : fn.params[numIn - 1]!;
      argv.push(this.validateType(final, t));
    }
    try {
      return fn.fn(...argv);
    } catch (err) {
      this.at(node);
      this.errorf(`error calling ${name}: ${(err as Error).message ?? String(err)}`);
    }
  }

  /**
   * Checks a value against a parameter type as reflection would: a missing value becomes nil where nil is
   * allowed, a nil interface{} is not a string, and untyped values are never converted.
   */
  validateType(value: Result, type: GoType | null): Result {
    if (value === undefined) {
      if (type === null) return undefined;
      if (canBeNil(type)) return type === 'reflect.Value' ? undefined : null;
      this.errorf(`invalid value; expected ${type}`);
    }
    if (type === null || type === 'interface {}' || type === 'reflect.Value') return value;
    // A nil interface{} (a missing key under missingkey=zero) keeps its static type in the message.
    if (value === null) this.errorf(`wrong type for value; expected ${type}; got interface {}`);
    if (assignable(value, type)) return value;
    this.errorf(`wrong type for value; expected ${type}; got ${typeName(value)}`);
  }

  evalArg(dot: Dot, type: GoType | null, n: ArgNode): Result {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return this.validateType(dot.v, type);
      case 'nil':
        if (type !== null && canBeNil(type)) return null;
        this.errorf(`cannot assign nil to ${type ?? 'interface {}'}`);
      // falls through (errorf never returns)
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), type);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, [], MISSING), type);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), type);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n.ident, n, n, [n], MISSING), type);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, [], MISSING), type);
    }
    switch (type) {
      case 'bool':
        if (n.type === 'bool') return n.value;
        this.errorf(`expected bool; found ${nodeString(n)}`);
      // falls through
      case 'float64':
        if (n.type === 'number' && n.isFloat) return n.float;
        this.errorf(`expected float; found ${nodeString(n)}`);
      // falls through
      case 'int':
      case 'int64':
      case 'int32':
        if (n.type === 'number' && n.isInt) return type === 'int' ? n.int : new GoInt(type, n.int);
        this.errorf(`expected integer; found ${nodeString(n)}`);
      // falls through
      case 'uint8':
        if (n.type === 'number' && n.isUint) return new GoInt('uint8', n.uint);
        this.errorf(`expected unsigned integer; found ${nodeString(n)}`);
      // falls through
      case 'string':
        if (n.type === 'string') return n.text;
        this.errorf(`expected string; found ${nodeString(n)}`);
      // falls through
      case null:
      case 'interface {}':
      case 'reflect.Value':
        return this.evalEmptyInterface(n);
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${type}`);
  }

  evalEmptyInterface(n: ArgNode): Result {
    this.at(n);
    switch (n.type) {
      case 'bool':
        return n.value;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
    }
    this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }

  printValue(node: Node, v: Result): void {
    this.at(node);
    if (v === undefined) {
      this.out += '<no value>';
      return;
    }
    if (isGoFunc(v)) this.errorf(`can't print ${nodeString(node)} of type ${typeName(v)}`);
    this.out += printValueText(v);
  }
}

const noFlags = { plus: false, minus: false, sharp: false, space: false, zero: false, width: undefined, prec: undefined };

function canBeNil(type: GoType): boolean {
  return type === 'interface {}' || type === '[]interface {}' || type === 'map[string]interface {}' || type === 'io.Writer' || type === 'reflect.Value';
}

function assignable(v: GoValue, type: GoType): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'bool':
      return typeof v === 'boolean';
    case 'float64':
      return typeof v === 'number';
    case 'int':
      return typeof v === 'bigint';
    case 'int64':
    case 'int32':
    case 'uint8':
      return v instanceof GoInt && v.kind === type;
    case '[]interface {}':
      return Array.isArray(v) && typeName(v) === '[]interface {}';
    case 'map[string]interface {}':
      // chartutil.Values has this underlying type; map[string]string and engine.files do not.
      return isMap(v) && [undefined, 'map[string]interface {}', 'chartutil.Values'].includes(v[goMapType]);
    case 'io.Writer':
      // No template value implements a method set; only nil passes.
      return false;
    default:
      return true;
  }
}

/** The functions visible to a template: its FuncMap first, then the builtins. */
export function functionFinder(funcs: FuncMap): (name: string) => { fn: TemplateFunc; builtin: boolean } | undefined {
  // Own properties only: "constructor" or "toString" must not find Object.prototype's.
  return (name) => {
    if (Object.hasOwn(funcs, name)) return { fn: funcs[name]!, builtin: false };
    if (Object.hasOwn(builtins, name)) return { fn: builtins[name]!, builtin: true };
    return undefined;
  };
}
