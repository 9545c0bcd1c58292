// Receiver CEL filters (spec.resourceFilter and spec.resources[].filter), on @bufbuild/cel as in
// kustomize-controller (docs/adr/0008). Each expression sees `res`, the target object, `req`, the
// webhook's JSON body ({} when the body is not a JSON object), and, for generic-oidc, `claims`, the
// verified token's claims; an object is triggered when every filter that applies to it is true.
import { type CelExpression, compileCel } from '@conflux/cel';

export type ObjectFilter = (res: unknown, req: unknown, claims?: Record<string, unknown>) => boolean;

export class FilterCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterCompileError';
  }
}

/** Compiles one expression (the caller has awaited loadCel()); throws FilterCompileError when it does not parse. */
export function compileFilter(text: string): ObjectFilter {
  let expression: CelExpression;
  try {
    expression = compileCel(text);
  } catch (err) {
    throw new FilterCompileError(err instanceof Error ? err.message : String(err));
  }
  return (res, req, claims) => expression.evaluateBoolean(claims ? { res, req, claims } : { res, req });
}

/** The AND of the expressions that are set; undefined when none is. */
export function combineFilters(...texts: ReadonlyArray<string | undefined>): ObjectFilter | undefined {
  const filters = texts.filter((t): t is string => !!t && t.trim() !== '').map(compileFilter);
  if (filters.length === 0) return undefined;
  return (res, req, claims) => filters.every((f) => f(res, req, claims));
}

/** The body as `req` sees it. */
export function requestValue(body: Buffer): unknown {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch {
    // not JSON: an empty map, as upstream
  }
  return {};
}
