// The public door of @conflux/cel: CEL for Kustomization health and dependency checks, Receiver filters
// and commit-status names (docs/adr/0008).
//
// The engine (@bufbuild/cel) costs a controller about 7 MiB of memory once evaluated, and most
// controllers never see an expression, so it is loaded on first use: a caller holding an expression
// awaits loadCel() once, after which compileCel is synchronous. This module never imports it statically.
import type { CelExpression, CompileOptions } from './expression.ts';

export { CelCompileError } from './errors.ts';
export type { CelExpression, CompileOptions } from './expression.ts';

let engine: typeof import('./expression.ts') | undefined;

/** Loads the CEL engine; cheap after the first call. */
export async function loadCel(): Promise<void> {
  engine ??= await import('./expression.ts');
}

/** Compiles `text`; throws CelCompileError when it is invalid, and an Error when loadCel() has not resolved yet. */
export function compileCel(text: string, options: CompileOptions = {}): CelExpression {
  if (!engine) throw new Error('the CEL engine is not loaded: await loadCel() before compiling');
  return engine.compileCel(text, options);
}
