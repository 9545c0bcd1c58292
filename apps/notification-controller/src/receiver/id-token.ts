// Verifying an OIDC ID token presented as `Authorization: Bearer`: the checks gcr (Google's tokens) and
// generic-oidc (any issuer's) share. A token passes when a key its issuer publishes signed it, it names
// the expected issuer and audience, and it is within its lifetime. What the claims must say beyond that
// is the caller's business (gcr: the service account; generic-oidc: the CEL validations).
import type { KeySource } from './jwks.ts';
import { jwsAlgorithms, parseJwt, verifyJwtSignature } from './jwt.ts';
import type { WebhookRequest } from './validate.ts';

// The sender's clock and this one disagree by a little; a token is not refused for that.
const clockSkewSeconds = 30;

export interface IdTokenExpectations {
  /** The `iss` values accepted. */
  issuers: ReadonlySet<string>;
  /** The audience the token must name in `aud` (a string or a list). */
  audience: string;
  /** Where the keys come from, for messages: "Google", "the issuer". */
  keyOwner: string;
  /** Allowed JWS algorithms; every asymmetric one verifyJwtSignature knows when absent. */
  algorithms?: readonly string[];
  now?: Date;
}

export type IdTokenResult = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string };

/** The bearer token of `Authorization`, or undefined when there is none. */
export function bearerToken(req: WebhookRequest): string | undefined {
  const raw = req.headers['authorization'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return /^Bearer\s+(\S+)$/i.exec(value ?? '')?.[1];
}

export async function verifyIdToken(token: string, keys: KeySource, expect: IdTokenExpectations): Promise<IdTokenResult> {
  const jwt = parseJwt(token);
  if (!jwt) return fail('the bearer token is not a JWT');
  const kid = jwt.header['kid'];
  if (typeof kid !== 'string' || kid === '') return fail('the token names no signing key (kid)');
  let key;
  try {
    key = await keys.key(kid);
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  if (!key) return fail(`the token is signed with key '${kid}', which is not one of ${expect.keyOwner}'s`);
  if (!verifyJwtSignature(jwt, key, expect.algorithms ?? jwsAlgorithms)) return fail('the token signature is invalid');

  const claims = jwt.claims;
  if (!expect.issuers.has(claims['iss'] as string)) return fail(`the token issuer '${String(claims['iss'])}' is not ${expect.keyOwner}`);
  if (!hasAudience(claims['aud'], expect.audience)) return fail('the token audience does not match the receiver audience');
  const seconds = (expect.now ?? new Date()).getTime() / 1000;
  const exp = claims['exp'];
  if (typeof exp !== 'number' || seconds > exp + clockSkewSeconds) return fail('the token has expired');
  const iat = claims['iat'];
  if (typeof iat === 'number' && iat > seconds + clockSkewSeconds) return fail('the token is issued in the future');
  const nbf = claims['nbf'];
  if (typeof nbf === 'number' && nbf > seconds + clockSkewSeconds) return fail('the token is not valid yet');
  return { ok: true, claims };
}

function hasAudience(aud: unknown, audience: string): boolean {
  return aud === audience || (Array.isArray(aud) && aud.includes(audience));
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
