// The generic-oidc Receiver (reference §4.3): a call carries `Authorization: Bearer <JWT>` from an OIDC
// issuer (a CI system's workload identity, typically). The token's unverified `iss` only picks which
// oidcProviders entry applies; that entry's issuer is then discovered, the signature, expiry and audience
// verified, and its CEL variables and validations evaluated over the claims. Every validation must hold.
import type { OIDCProvider } from '@conflux/api';
import { loadCel } from '@conflux/cel';
import { bearerToken, verifyIdToken } from './id-token.ts';
import { type CompiledOidcProvider, compileOidcProviders } from './oidc-config.ts';
import type { OidcKeySources } from './oidc-discovery.ts';
import { parseJwt } from './jwt.ts';
import type { ValidationResult, WebhookRequest } from './validate.ts';

export async function validateGenericOidc(req: WebhookRequest, providers: readonly OIDCProvider[], keys: OidcKeySources, now: Date = new Date()): Promise<ValidationResult> {
  const bearer = bearerToken(req);
  if (!bearer) return fail('the Authorization header is missing or is not a Bearer token');
  const issuer = parseJwt(bearer)?.claims['iss'];
  if (typeof issuer !== 'string' || issuer === '') return fail('the bearer token is not a JWT naming its issuer');
  await loadCel();
  const provider = compileOidcProviders(providers).find((p) => p.issuerURL === issuer);
  if (!provider) return fail(`the token issuer '${issuer}' is not one of the receiver's oidcProviders`);

  const verified = await verifyIdToken(bearer, keys(provider.issuerURL), { issuers: new Set([provider.issuerURL]), audience: provider.audience, keyOwner: 'the issuer', now });
  if (!verified.ok) return fail(verified.reason);
  const refused = evaluateValidations(provider, verified.claims);
  return refused ? fail(refused) : { ok: true, claims: verified.claims };
}

/** The message of the first validation that does not hold, or undefined when they all do. */
export function evaluateValidations(provider: CompiledOidcProvider, claims: Record<string, unknown>): string | undefined {
  const vars: Record<string, unknown> = {};
  try {
    // In order, so a variable can build on the ones before it.
    for (const v of provider.variables) vars[v.name] = plainValue(v.expression.evaluate({ claims, vars }));
    for (const v of provider.validations) {
      if (!v.expression.evaluateBoolean({ claims, vars })) return `validation failed: ${v.message}`;
    }
  } catch (err) {
    // A claim the expressions expect is missing or of another type: the token does not qualify.
    return `validation failed: ${err instanceof Error ? err.message : String(err)}`;
  }
  return undefined;
}

// CEL hands lists and maps back as its own objects and integers as bigints; a variable is fed to later
// expressions as JSON-shaped data again, which is what the CEL binding expects.
function plainValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  const o = value as { has?: unknown; entries?: unknown; values?: unknown; get?: unknown };
  if (typeof o.has === 'function' && typeof o.entries === 'function') {
    return Object.fromEntries([...(value as Iterable<[unknown, unknown]>)].map(([k, v]) => [String(k), plainValue(v)]));
  }
  if (Array.isArray(value) || (typeof o.values === 'function' && typeof o.get === 'function')) return [...(value as Iterable<unknown>)].map(plainValue);
  return value;
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message: `cannot authenticate generic-oidc request: ${message}` };
}
