// CEL on @bufbuild/cel (docs/adr/0008). An expression is parsed once and evaluated many times against
// Kubernetes objects as the API server returns them (JSON), and webhook bodies and events likewise. Two gaps of the library
// shape this module: it has no public type checker, so an expression that declares its variables is
// checked here for references to undeclared names (what upstream's compile step rejects most often),
// and it maps every JS number to a CEL double, so integral JSON numbers are handed over as CEL ints,
// as Kubernetes' unstructured decoding makes them (`metadata.generation + 1` must stay an int).
import { type CelInput, celEnv, isCelError, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { CelCompileError } from './errors.ts';

type Parsed = ReturnType<typeof parse>;
type Expr = Parsed['expr'];

export interface CelExpression {
  readonly text: string;
  /** The result as CEL gives it (ints as bigint); throws an Error naming the expression when evaluation fails. */
  evaluate(bindings: Readonly<Record<string, unknown>>): unknown;
  /** Evaluates to a boolean; throws an Error naming the expression when evaluation fails or yields another type. */
  evaluateBoolean(bindings: Readonly<Record<string, unknown>>): boolean;
  /** Evaluates to a string; throws as evaluateBoolean does. */
  evaluateString(bindings: Readonly<Record<string, unknown>>): string;
}

// Upstream enables cel-go's strings extension; sets and encoders have no counterpart in @bufbuild/cel yet.
const env = celEnv({ funcs: strings });

// Names the CEL standard environment resolves without a declaration (type identifiers).
const builtinNames = new Set(['bool', 'bytes', 'double', 'duration', 'dyn', 'int', 'list', 'map', 'null_type', 'string', 'timestamp', 'type', 'uint']);

export interface CompileOptions {
  /** When given, any other free identifier is a compile error, as with declared variables in cel-go. */
  variables?: readonly string[];
}

export function compileCel(text: string, options: CompileOptions = {}): CelExpression {
  let parsed: Parsed;
  try {
    parsed = parse(text);
  } catch (err) {
    throw new CelCompileError(`failed to parse the CEL expression '${text}': ${err instanceof Error ? err.message : String(err)}`);
  }
  if (options.variables) {
    const declared = new Set(options.variables);
    const unknown = freeIdentifiers(parsed.expr).filter((name) => !declared.has(name) && !builtinNames.has(name));
    if (unknown.length > 0) {
      throw new CelCompileError(`failed to parse the CEL expression '${text}': undeclared reference to '${unknown[0]}' (the expression may use ${[...declared].map((v) => `'${v}'`).join(' and ')})`);
    }
  }
  const program = plan(env, parsed);
  const evaluate = (bindings: Readonly<Record<string, unknown>>): unknown => {
    const input: Record<string, CelInput> = {};
    for (const [name, value] of Object.entries(bindings)) input[name] = toCel(value);
    const result = program(input);
    if (isCelError(result)) throw new Error(`failed to evaluate the CEL expression '${text}': ${result.message}`);
    return result;
  };
  return {
    text,
    evaluate,
    evaluateBoolean(bindings) {
      const result = evaluate(bindings);
      if (typeof result !== 'boolean') throw new Error(`failed to evaluate CEL expression as boolean: '${text}'`);
      return result;
    },
    evaluateString(bindings) {
      const result = evaluate(bindings);
      if (typeof result !== 'string') throw new Error(`failed to evaluate CEL expression as string: '${text}'`);
      return result;
    },
  };
}

/** JSON as CEL sees Kubernetes objects: integral numbers are ints, everything else keeps its JSON type. */
export function toCel(value: unknown): CelInput {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, CelInput> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toCel(v);
    return out;
  }
  if (value === undefined) return null;
  return value as CelInput;
}

/** The identifiers an expression reads from its environment, skipping those bound by macros (all, exists, map, ...). */
export function freeIdentifiers(expr: Expr | undefined, bound: ReadonlySet<string> = new Set()): string[] {
  if (!expr) return [];
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'identExpr':
      return bound.has(kind.value.name) ? [] : [kind.value.name];
    case 'selectExpr':
      return freeIdentifiers(kind.value.operand, bound);
    case 'callExpr':
      return [kind.value.target, ...kind.value.args].flatMap((e) => freeIdentifiers(e, bound));
    case 'listExpr':
      return kind.value.elements.flatMap((e) => freeIdentifiers(e, bound));
    case 'structExpr':
      return kind.value.entries.flatMap((e) => [...(e.keyKind.case === 'mapKey' ? freeIdentifiers(e.keyKind.value, bound) : []), ...freeIdentifiers(e.value, bound)]);
    case 'comprehensionExpr': {
      const c = kind.value;
      const inner = new Set([...bound, c.iterVar, c.iterVar2, c.accuVar].filter(Boolean));
      return [
        ...freeIdentifiers(c.iterRange, bound),
        ...freeIdentifiers(c.accuInit, bound),
        ...freeIdentifiers(c.loopCondition, inner),
        ...freeIdentifiers(c.loopStep, inner),
        ...freeIdentifiers(c.result, new Set([...bound, c.accuVar])),
      ];
    }
    default:
      return [];
  }
}
