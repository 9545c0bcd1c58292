// How Go values are represented in JavaScript. Helm charts observe Go's types (an int and a float64 print
// and compare differently), so the representation keeps them apart:
//
//   Go                         JavaScript
//   nil (interface{})          null
//   string                     string
//   bool                       boolean
//   float64                    number           (every number decoded from values.yaml or JSON)
//   int                        bigint           (template literals, len, range indexes)
//   int64, int32, uint8, ...   GoInt            (sprig arithmetic, --set values, runes, bytes)
//   complex128                 GoComplex
//   []interface{}              Array
//   []byte                     Uint8Array
//   map[string]interface{}     plain object     (see goMapType for other map types)
//   structs                    GoStruct
//   func values                GoFunc
//
// `undefined` stands for Go's invalid reflect.Value ("no value"); it never reaches a function.

export const IntKind = {
  int: 'int',
  int8: 'int8',
  int16: 'int16',
  int32: 'int32',
  int64: 'int64',
  uint: 'uint',
  uint8: 'uint8',
  uint16: 'uint16',
  uint32: 'uint32',
  uint64: 'uint64',
} as const;
export type IntKind = (typeof IntKind)[keyof typeof IntKind];

export const intBits: Record<IntKind, { bits: bigint; signed: boolean }> = {
  int: { bits: 64n, signed: true },
  int8: { bits: 8n, signed: true },
  int16: { bits: 16n, signed: true },
  int32: { bits: 32n, signed: true },
  int64: { bits: 64n, signed: true },
  uint: { bits: 64n, signed: false },
  uint8: { bits: 8n, signed: false },
  uint16: { bits: 16n, signed: false },
  uint32: { bits: 32n, signed: false },
  uint64: { bits: 64n, signed: false },
};

/** A Go integer of a named size other than `int` (which is a plain bigint). */
export class GoInt {
  readonly kind: IntKind;
  readonly value: bigint;
  constructor(kind: IntKind, value: bigint) {
    this.kind = kind;
    const { bits, signed } = intBits[kind];
    this.value = signed ? BigInt.asIntN(Number(bits), value) : BigInt.asUintN(Number(bits), value);
  }
}

export function int64(v: bigint | number): GoInt {
  return new GoInt('int64', typeof v === 'number' ? BigInt(Math.trunc(v)) : v);
}

export class GoComplex {
  readonly re: number;
  readonly im: number;
  constructor(re: number, im: number) {
    this.re = re;
    this.im = im;
  }
}

/** A Go struct: a type name, fields in declaration order, and niladic or argument-taking methods. */
export class GoStruct {
  readonly typeName: string;
  readonly fields: Record<string, GoValue>;
  readonly methods: Record<string, GoFunc>;
  constructor(typeName: string, fields: Record<string, GoValue>, methods: Record<string, GoFunc> = {}) {
    this.typeName = typeName;
    this.fields = fields;
    this.methods = methods;
  }
}

/**
 * A Go type as function signatures name it. The executor checks and converts arguments against these
 * exactly as text/template's reflection does.
 */
export type GoType =
  | 'interface {}'
  | 'string'
  | 'bool'
  | 'int'
  | 'int64'
  | 'int32'
  | 'uint8'
  | 'float64'
  | '[]interface {}'
  | 'map[string]interface {}'
  | 'io.Writer'
  | 'reflect.Value';

/** A function value: what a FuncMap entry or a method is, with the signature Go would reflect. */
export interface GoFunc {
  readonly goFunc: true;
  /** Parameter types; for a variadic function the last one is the element type of the `...` part. */
  readonly params: readonly GoType[];
  readonly variadic: boolean;
  /** The result type (for %T and `call`); the error result, if any, is implied by `returnsError`. */
  readonly result: GoType | 'none';
  readonly returnsError: boolean;
  /**
   * A method declared on *T of a struct held as a T value (chartutil.KubeVersion's String): Go's fmt
   * cannot see it on a copy, only text/template's printer, which takes the address of a field.
   */
  readonly pointerReceiver?: boolean;
  /** Throws to return Go's error. Only reflect.Value parameters ever receive undefined (no value). */
  readonly fn: (...args: (GoValue | undefined)[]) => GoValue | undefined;
}

/** A map whose Go type is not map[string]interface{} carries its type name under this key. */
export const goMapType: unique symbol = Symbol('goMapType');

export interface GoMap {
  [key: string]: GoValue;
  [goMapType]?: string;
  [goMethods]?: Record<string, GoFunc>;
}

/** A slice whose Go type is not []interface{} ([]string, []int, chartutil.VersionSet) carries it here. */
export const goSliceType: unique symbol = Symbol('goSliceType');

/**
 * The methods of a named map or slice type (chartutil.Values, engine.files, chartutil.VersionSet),
 * bound to the value. The executor finds them before map keys, as Go's reflection does.
 */
export const goMethods: unique symbol = Symbol('goMethods');

export interface GoTyped {
  [goSliceType]?: string;
  [goMethods]?: Record<string, GoFunc>;
}

/** Tags a list with its Go slice type (and methods); the tags are not enumerable, so copies drop them. */
export function typedSlice<T extends GoValue[]>(list: T, type: string, methods?: Record<string, GoFunc>): T {
  Object.defineProperty(list, goSliceType, { value: type, configurable: true });
  if (methods) Object.defineProperty(list, goMethods, { value: methods, configurable: true });
  return list;
}

/** Marks a Go nil slice, which prints as [] but is null to encoders and not DeepEqual to an empty one. */
export const goNilSlice: unique symbol = Symbol('goNilSlice');

/** A nil slice of the given Go type: an empty list carrying the mark. */
export function nilSlice(type = '[]interface {}'): GoValue[] {
  const list = typedSlice([], type);
  Object.defineProperty(list, goNilSlice, { value: true });
  return list;
}

export function isNilSlice(v: Result): boolean {
  return Array.isArray(v) && (v as { [goNilSlice]?: boolean })[goNilSlice] === true;
}

/** The methods a map or slice value carries, if its Go type has any. */
export function methodsOf(v: Result): Record<string, GoFunc> | undefined {
  return typeof v === 'object' && v !== null ? (v as GoTyped)[goMethods] : undefined;
}

export type GoValue =
  | null
  | string
  | boolean
  | number
  | bigint
  | GoInt
  | GoComplex
  | GoStruct
  | GoFunc
  | Uint8Array
  | GoValue[]
  | GoMap;

/** Go's invalid reflect.Value: a missing value, as distinct from nil. */
export type Result = GoValue | undefined;

export function isGoFunc(v: unknown): v is GoFunc {
  return typeof v === 'object' && v !== null && (v as GoFunc).goFunc === true;
}

export function isMap(v: unknown): v is GoMap {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function goFunc(
  params: readonly GoType[],
  result: GoType | 'none',
  fn: (...args: (GoValue | undefined)[]) => GoValue | undefined,
  options: { variadic?: boolean; returnsError?: boolean; pointerReceiver?: boolean } = {},
): GoFunc {
  const f = { goFunc: true as const, params, variadic: options.variadic ?? false, result, returnsError: options.returnsError ?? false, fn };
  return options.pointerReceiver ? { ...f, pointerReceiver: true } : f;
}

export const Kind = {
  Invalid: 'invalid',
  Bool: 'bool',
  Int: 'int',
  Uint: 'uint',
  Float: 'float64',
  Complex: 'complex128',
  String: 'string',
  Slice: 'slice',
  Map: 'map',
  Struct: 'struct',
  Func: 'func',
  Interface: 'interface',
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

/** reflect.Kind of a value, with all signed sizes folded to Int and unsigned to Uint. */
export function kindOf(v: Result): Kind {
  if (v === undefined || v === null) return Kind.Invalid;
  switch (typeof v) {
    case 'string':
      return Kind.String;
    case 'boolean':
      return Kind.Bool;
    case 'number':
      return Kind.Float;
    case 'bigint':
      return Kind.Int;
  }
  if (v instanceof GoInt) return intBits[v.kind].signed ? Kind.Int : Kind.Uint;
  if (v instanceof GoComplex) return Kind.Complex;
  if (v instanceof GoStruct) return Kind.Struct;
  if (Array.isArray(v) || v instanceof Uint8Array) return Kind.Slice;
  if (isGoFunc(v)) return Kind.Func;
  return Kind.Map;
}

/** The precise reflect kind name (int64, uint8, ...) as sprig's kindOf prints it. */
export function kindName(v: Result): string {
  if (v instanceof GoInt) return v.kind;
  if (v === null || v === undefined) return 'invalid';
  const k = kindOf(v);
  return k;
}

/** Go's type name, as %T and error messages print it. */
export function typeName(v: Result): string {
  if (v === undefined || v === null) return '<nil>';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
  }
  if (v instanceof GoInt) return v.kind;
  if (v instanceof GoComplex) return 'complex128';
  if (v instanceof GoStruct) return v.typeName;
  if (v instanceof Uint8Array) return '[]uint8';
  if (Array.isArray(v)) return (v as GoTyped)[goSliceType] ?? '[]interface {}';
  if (isGoFunc(v)) return funcTypeName(v);
  return (v as GoMap)[goMapType] ?? 'map[string]interface {}';
}

function funcTypeName(f: GoFunc): string {
  const params = f.params.map((p, i) => (f.variadic && i === f.params.length - 1 ? `...${p}` : p));
  const results = [...(f.result === 'none' ? [] : [f.result]), ...(f.returnsError ? ['error'] : [])];
  const res = results.length === 0 ? '' : results.length === 1 ? ` ${results[0]}` : ` (${results.join(', ')})`;
  return `func(${params.join(', ')})${res}`;
}

/** The integer value of an int-kind or uint-kind value. */
export function intValue(v: GoValue): bigint {
  if (typeof v === 'bigint') return v;
  if (v instanceof GoInt) return v.value;
  throw new Error(`not an integer: ${typeName(v)}`);
}

/** Go's template truth: false, 0, nil, and empty strings, slices and maps are false; structs are true. */
export function truth(v: Result): boolean {
  if (v === undefined || v === null) return false;
  switch (typeof v) {
    case 'string':
      return v.length > 0;
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
  }
  if (v instanceof GoInt) return v.value !== 0n;
  if (v instanceof GoComplex) return v.re !== 0 || v.im !== 0;
  if (v instanceof GoStruct) return true;
  if (isGoFunc(v)) return true;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length > 0;
  return Object.keys(v).length > 0;
}

/** Go's map iteration for printing and range: keys in sorted order (byte order of UTF-8 strings). */
export function sortedKeys(m: GoMap): string[] {
  return Object.keys(m).sort(compareStrings);
}

/** Compares strings as Go does: by UTF-8 bytes, which is code point order. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) {
      // Surrogates (astral code points) sort after every BMP code point in UTF-8.
      const sa = ca >= 0xd800 && ca <= 0xdfff;
      const sb = cb >= 0xd800 && cb <= 0xdfff;
      if (sa !== sb) return sa ? 1 : -1;
      return ca < cb ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : 1;
}
