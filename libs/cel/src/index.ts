// The public door of @conflux/cel: CEL for Kustomization health and dependency checks, Receiver filters
// and commit-status names (docs/adr/0008).
export { CelCompileError, type CelExpression, compileCel, type CompileOptions, freeIdentifiers, toCel } from './expression.ts';
