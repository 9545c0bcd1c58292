// A generic-oidc Receiver's configuration (reference §4.1): which spec is acceptable at all, and its
// oidcProviders' CEL compiled. The CRD rejects most bad specs already; these checks are the controller's
// own, for objects stored under an older CRD, and say why in a ValidationFailed condition. CEL that does
// not compile is an InvalidCELExpression, as for resource filters.
import type { OIDCProvider, ReceiverSpec } from '@conflux/api';
import { type CelExpression, compileCel } from '@conflux/cel';

/** The audience a token must have when an oidcProviders entry names none. */
export const defaultOidcAudience = 'notification-controller';

/** What variables and validations may read: the verified claims, and the variables evaluated so far. */
export const oidcCelVariables: readonly string[] = ['claims', 'vars'];

export interface CompiledOidcProvider {
  issuerURL: string;
  audience: string;
  variables: ReadonlyArray<{ name: string; expression: CelExpression }>;
  validations: ReadonlyArray<{ expression: CelExpression; message: string }>;
}

export class OidcExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OidcExpressionError';
  }
}

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why `spec` cannot be served, or undefined when its type and OIDC settings agree. */
export function oidcSpecProblem(spec: Pick<ReceiverSpec, 'type' | 'secretRef' | 'oidcProviders'>): string | undefined {
  const providers = spec.oidcProviders ?? [];
  if (spec.type !== 'generic-oidc') return providers.length > 0 ? `spec.oidcProviders can only be set when the type is generic-oidc, not ${spec.type}` : undefined;
  if (spec.secretRef) return 'spec.secretRef must not be set for generic-oidc receivers: they are authenticated by the tokens of their oidcProviders';
  if (providers.length === 0) return 'generic-oidc receivers must define at least one entry in spec.oidcProviders';
  const issuers = new Set<string>();
  for (const [i, p] of providers.entries()) {
    const at = `spec.oidcProviders[${i}]`;
    if (!/^https?:\/\//.test(p.issuerURL ?? '')) return `${at}.issuerURL must be an http(s) URL`;
    if (issuers.has(p.issuerURL)) return `${at}.issuerURL '${p.issuerURL}' is listed twice`;
    issuers.add(p.issuerURL);
    if (!p.validations || p.validations.length === 0) return `${at} must define at least one validation: a valid signature alone authorises nothing`;
    const names = new Set<string>();
    for (const v of p.variables ?? []) {
      if (!identifier.test(v.name)) return `${at}.variables: '${v.name}' is not a CEL identifier`;
      if (names.has(v.name)) return `${at}.variables: '${v.name}' is defined twice`;
      names.add(v.name);
    }
  }
  return undefined;
}

const compiled = new WeakMap<readonly OIDCProvider[], CompiledOidcProvider[]>();

/**
 * Compiles every variable and validation (the caller has awaited loadCel()); throws OidcExpressionError
 * naming the first that does not compile. Cached per spec object, so a webhook compiles nothing.
 */
export function compileOidcProviders(providers: readonly OIDCProvider[]): CompiledOidcProvider[] {
  const cached = compiled.get(providers);
  if (cached) return cached;
  const result = providers.map((p, i) => ({
    issuerURL: p.issuerURL,
    audience: p.audience || defaultOidcAudience,
    variables: (p.variables ?? []).map((v) => ({ name: v.name, expression: compile(v.expression, `spec.oidcProviders[${i}].variables '${v.name}'`) })),
    validations: p.validations.map((v, j) => ({ expression: compile(v.expression, `spec.oidcProviders[${i}].validations[${j}]`), message: v.message })),
  }));
  compiled.set(providers, result);
  return result;
}

function compile(text: string, where: string): CelExpression {
  try {
    return compileCel(text, { variables: oidcCelVariables });
  } catch (err) {
    throw new OidcExpressionError(`${where}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
