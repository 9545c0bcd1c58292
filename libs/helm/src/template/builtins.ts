// text/template's predefined functions with Go's rules: comparisons by basic kind (int vs float64 is an
// error, the classic Helm trap), index and slice bounds, and the print and escaping helpers.

import { sprint, sprintf, sprintln } from './fmt.ts';
import { isPrint, utf8Bytes, utf8Length } from './strconv.ts';
import {
  GoComplex,
  GoInt,
  type GoFunc,
  type GoMap,
  type GoType,
  isGoFunc,
  isMap,
  Kind,
  kindOf,
  type Result,
  truth,
  typedSlice,
  typeName,
} from './values.ts';

/** A function of the set: a Go signature and an implementation that throws to return Go's error. */
export type TemplateFunc = GoFunc;

export type FuncMap = Record<string, TemplateFunc>;

export function defineFunc(
  params: readonly GoType[],
  result: GoType | 'none',
  fn: (...args: Result[]) => Result,
  options: { variadic?: boolean; returnsError?: boolean } = {},
): TemplateFunc {
  return { goFunc: true, params, variadic: options.variadic ?? false, result, returnsError: options.returnsError ?? false, fn };
}

const BasicKind = {
  invalid: 'invalid',
  bool: 'bool',
  complex: 'complex',
  int: 'int',
  float: 'float',
  string: 'string',
  uint: 'uint',
} as const;
type BasicKind = (typeof BasicKind)[keyof typeof BasicKind];

const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';
const badComparison = (a: Result, b: Result): Error => new Error(`${errBadComparison}: ${typeName(a)} and ${typeName(b)}`);
const errNoComparison = 'missing argument for comparison';

function basicKind(v: Result): BasicKind {
  switch (kindOf(v)) {
    case Kind.Bool:
      return BasicKind.bool;
    case Kind.Int:
      return BasicKind.int;
    case Kind.Uint:
      return BasicKind.uint;
    case Kind.Float:
      return BasicKind.float;
    case Kind.Complex:
      return BasicKind.complex;
    case Kind.String:
      return BasicKind.string;
  }
  return BasicKind.invalid;
}

function intOf(v: Result): bigint {
  if (typeof v === 'bigint') return v;
  if (v instanceof GoInt) return v.value;
  return 0n;
}

function isNil(v: Result): boolean {
  return v === undefined || v === null;
}

/** Go's %s of a reflect.Value, which eq's error messages print. */
function asS(v: Result): string {
  return sprintf('%s', [v]);
}

export function eq(arg1: Result, ...rest: Result[]): boolean {
  if (rest.length === 0) throw new Error(errNoComparison);
  const k1 = basicKind(arg1);
  for (const arg of rest) {
    const k2 = basicKind(arg);
    let t = false;
    if (k1 !== k2) {
      if (k1 === BasicKind.int && k2 === BasicKind.uint) t = intOf(arg1) >= 0n && intOf(arg1) === intOf(arg);
      else if (k1 === BasicKind.uint && k2 === BasicKind.int) t = intOf(arg) >= 0n && intOf(arg1) === intOf(arg);
      else if (!isNil(arg1) && !isNil(arg)) throw badComparison(arg1, arg);
    } else {
      switch (k1) {
        case BasicKind.bool:
        case BasicKind.float:
        case BasicKind.string:
          t = arg1 === arg;
          break;
        case BasicKind.int:
        case BasicKind.uint:
          t = intOf(arg1) === intOf(arg);
          break;
        case BasicKind.complex:
          t = (arg1 as GoComplex).re === (arg as GoComplex).re && (arg1 as GoComplex).im === (arg as GoComplex).im;
          break;
        default:
          if (isNil(arg1) || isNil(arg)) {
            if (!isNil(arg1) && !isNil(arg) && kindOf(arg1) !== kindOf(arg)) {
              throw new Error(`non-comparable types ${asS(arg1)}: ${typeName(arg1)}, ${typeName(arg)}: ${asS(arg)}`);
            }
            t = isNil(arg1) === isNil(arg);
          } else {
            if (kindOf(arg1) !== kindOf(arg)) {
              throw new Error(`non-comparable types ${asS(arg1)}: ${typeName(arg1)}, ${typeName(arg)}: ${asS(arg)}`);
            }
            if (Array.isArray(arg) || isMap(arg) || arg instanceof Uint8Array || isGoFunc(arg)) {
              throw new Error(`non-comparable type ${asS(arg)}: ${typeName(arg)}`);
            }
            t = arg1 === arg;
          }
      }
    }
    if (t) return true;
  }
  return false;
}

export function lt(arg1: Result, arg2: Result): boolean {
  const k1 = basicKind(arg1);
  if (k1 === BasicKind.invalid) throw new Error(errBadComparisonType);
  const k2 = basicKind(arg2);
  if (k2 === BasicKind.invalid) throw new Error(errBadComparisonType);
  if (k1 !== k2) {
    if (k1 === BasicKind.int && k2 === BasicKind.uint) return intOf(arg1) < 0n || intOf(arg1) < intOf(arg2);
    if (k1 === BasicKind.uint && k2 === BasicKind.int) return intOf(arg2) >= 0n && intOf(arg1) < intOf(arg2);
    throw badComparison(arg1, arg2);
  }
  switch (k1) {
    case BasicKind.bool:
    case BasicKind.complex:
      throw new Error(errBadComparisonType);
    case BasicKind.float:
      return (arg1 as number) < (arg2 as number);
    case BasicKind.string:
      return (arg1 as string) < (arg2 as string);
    default:
      return intOf(arg1) < intOf(arg2);
  }
}

function le(a: Result, b: Result): boolean {
  return lt(a, b) || eq(a, b);
}

function length(item: Result): bigint {
  if (item === null) throw new Error('len of nil pointer');
  if (typeof item === 'string') return BigInt(utf8Length(item));
  if (Array.isArray(item) || item instanceof Uint8Array) return BigInt(item.length);
  if (isMap(item)) return BigInt(Object.keys(item).length);
  if (item === undefined) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  throw new Error(`len of type ${typeName(item)}`);
}

function indexArg(index: Result, cap: number): number {
  let x: bigint;
  const k = kindOf(index);
  if (k === Kind.Int || k === Kind.Uint) x = intOf(index);
  else if (k === Kind.Invalid) throw new Error('cannot index slice/array with nil');
  else throw new Error(`cannot index slice/array with type ${typeName(index)}`);
  if (x < 0n || x > BigInt(cap)) throw new Error(`index out of range: ${x}`);
  return Number(x);
}

function index(item: Result, ...indexes: Result[]): Result {
  if (isNil(item)) throw new Error('index of untyped nil');
  let cur: Result = item;
  for (const ix of indexes) {
    if (cur === null || cur === undefined) throw new Error('index of nil pointer');
    if (typeof cur === 'string' || Array.isArray(cur) || cur instanceof Uint8Array) {
      const len = typeof cur === 'string' ? utf8Length(cur) : cur.length;
      const x = indexArg(ix, len);
      if (x >= len) throw new Error(`reflect: ${typeof cur === 'string' ? 'string' : 'slice'} index out of range`);
      if (typeof cur === 'string') cur = new GoInt('uint8', BigInt(utf8Bytes(cur)[x]!));
      else if (cur instanceof Uint8Array) cur = new GoInt('uint8', BigInt(cur[x]!));
      else cur = cur[x]!;
    } else if (isMap(cur)) {
      if (ix === undefined || ix === null) throw new Error('value is nil; should be of type string');
      if (typeof ix !== 'string') throw new Error(`value has type ${typeName(ix)}; should be string`);
      const m: GoMap = cur;
      cur = Object.hasOwn(m, ix) ? m[ix]! : null;
    } else {
      throw new Error(`can't index item of type ${typeName(cur)}`);
    }
  }
  return cur;
}

function slice(item: Result, ...indexes: Result[]): Result {
  if (isNil(item)) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
    len = utf8Length(item);
  } else if (Array.isArray(item) || item instanceof Uint8Array) len = item.length;
  else throw new Error(`can't slice item of type ${typeName(item)}`);
  const idx = [0, len, len];
  indexes.forEach((ix, i) => (idx[i] = indexArg(ix, len)));
  if (idx[0]! > idx[1]!) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) throw new Error(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === 'string') return new TextDecoder().decode(utf8Bytes(item).slice(idx[0], idx[1]));
  if (item instanceof Uint8Array) return item.slice(idx[0], idx[1]);
  // A slice of a []string is still a []string.
  const type = typeName(item);
  const out = item.slice(idx[0], idx[1]);
  return type === '[]interface {}' ? out : typedSlice(out, type);
}

/** Go's evalArgs for html/js/urlquery: a lone string as is, else fmt.Sprint with nil shown as <no value>. */
function evalArgs(args: Result[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === undefined || a === null ? '<no value>' : a)));
}

export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
        out += '\\u003C';
        continue;
      case '>':
        out += '\\u003E';
        continue;
      case '&':
        out += '\\u0026';
        continue;
      case '=':
        out += '\\u003D';
        continue;
    }
    if (cp < 0x20) out += `\\u00${cp.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (cp < 0x80 || isPrint(cp)) out += ch;
    else out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

export function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8Bytes(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function call(fn: Result, ...args: Result[]): Result {
  if (isNil(fn)) throw new Error('call of nil');
  if (!isGoFunc(fn)) throw new Error(`non-function of type ${typeName(fn)}`);
  const f = fn as TemplateFunc;
  const fixed = f.variadic ? f.params.length - 1 : f.params.length;
  if (f.variadic ? args.length < fixed : args.length !== fixed) {
    throw new Error(`wrong number of args: got ${args.length} want ${f.variadic ? 'at least ' : ''}${fixed}`);
  }
  return f.fn(...args.map((a) => (a === undefined ? null : a)));
}

const V: GoType = 'reflect.Value';
const I: GoType = 'interface {}';

/** The functions every template has; a FuncMap entry of the same name shadows one. */
export const builtins: FuncMap = {
  // and/or are evaluated by the executor, which short-circuits them; these entries give their signature.
  and: defineFunc([V, V], V, () => undefined, { variadic: true }),
  or: defineFunc([V, V], V, () => undefined, { variadic: true }),
  not: defineFunc([V], 'bool', (a) => !truth(a)),
  len: defineFunc([V], 'int', length, { returnsError: true }),
  index: defineFunc([V, V], V, index, { variadic: true, returnsError: true }),
  slice: defineFunc([V, V], V, slice, { variadic: true, returnsError: true }),
  print: defineFunc([I], 'string', (...a) => sprint(a), { variadic: true }),
  printf: defineFunc(['string', I], 'string', (f, ...a) => sprintf(f as string, a), { variadic: true }),
  println: defineFunc([I], 'string', (...a) => sprintln(a), { variadic: true }),
  html: defineFunc([I], 'string', (...a) => htmlEscape(evalArgs(a)), { variadic: true }),
  js: defineFunc([I], 'string', (...a) => jsEscape(evalArgs(a)), { variadic: true }),
  urlquery: defineFunc([I], 'string', (...a) => queryEscape(evalArgs(a)), { variadic: true }),
  call: defineFunc([V, V], V, call, { variadic: true, returnsError: true }),
  eq: defineFunc([V, V], 'bool', eq, { variadic: true, returnsError: true }),
  ne: defineFunc([V, V], 'bool', (a, b) => !eq(a, b), { returnsError: true }),
  lt: defineFunc([V, V], 'bool', lt, { returnsError: true }),
  le: defineFunc([V, V], 'bool', le, { returnsError: true }),
  gt: defineFunc([V, V], 'bool', (a, b) => !le(a, b), { returnsError: true }),
  ge: defineFunc([V, V], 'bool', (a, b) => !lt(a, b), { returnsError: true }),
};
