// Compact JWS parsing and signature verification with node:crypto: the part of an OIDC ID token check
// that needs no network. Kept apart from where the keys come from, so each rule is testable on its own.
import { constants, type KeyObject, verify } from 'node:crypto';

export interface ParsedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** `base64url(header).base64url(payload)`, the bytes the signature covers. */
  signingInput: string;
  signature: Buffer;
}

const base64url = /^[A-Za-z0-9_-]*$/;

/** Splits and decodes a compact JWS; undefined when it is not three base64url parts of JSON objects. */
export function parseJwt(token: string): ParsedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => base64url.test(p))) return undefined;
  const [h, p, s] = parts as [string, string, string];
  const header = jsonObject(h);
  const claims = jsonObject(p);
  if (!header || !claims || s === '') return undefined;
  return { header, claims, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
}

/** True when `jwt` carries an RS256 signature `key` made. Any other algorithm is refused, `none` included. */
export function verifyRs256(jwt: ParsedJwt, key: KeyObject): boolean {
  return verifyJwtSignature(jwt, key, ['RS256']);
}

interface Algorithm {
  hash: string;
  keyType: 'rsa' | 'ec';
  /** For ES*: the curve the key must be on, so a P-521 key cannot stand in for a P-256 one. */
  curve?: string;
  pss?: boolean;
}

// The asymmetric JWS algorithms OIDC issuers sign with. HS* is absent on purpose: a public key must
// never be usable as an HMAC secret.
const algorithms: Readonly<Record<string, Algorithm>> = {
  RS256: { hash: 'sha256', keyType: 'rsa' },
  RS384: { hash: 'sha384', keyType: 'rsa' },
  RS512: { hash: 'sha512', keyType: 'rsa' },
  PS256: { hash: 'sha256', keyType: 'rsa', pss: true },
  PS384: { hash: 'sha384', keyType: 'rsa', pss: true },
  PS512: { hash: 'sha512', keyType: 'rsa', pss: true },
  ES256: { hash: 'sha256', keyType: 'ec', curve: 'prime256v1' },
  ES384: { hash: 'sha384', keyType: 'ec', curve: 'secp384r1' },
  ES512: { hash: 'sha512', keyType: 'ec', curve: 'secp521r1' },
};

/** Every algorithm verifyJwtSignature knows. */
export const jwsAlgorithms: readonly string[] = Object.keys(algorithms);

/**
 * True when `jwt` carries a signature `key` made with the algorithm its header names, that algorithm is
 * in `allowed`, and the key is of the kind the algorithm needs. `none` and HS* are always refused.
 */
export function verifyJwtSignature(jwt: ParsedJwt, key: KeyObject, allowed: readonly string[] = jwsAlgorithms): boolean {
  const name = jwt.header['alg'];
  if (typeof name !== 'string' || !allowed.includes(name) || !Object.hasOwn(algorithms, name)) return false;
  const alg = algorithms[name]!;
  if (key.asymmetricKeyType !== alg.keyType) return false;
  if (alg.curve && key.asymmetricKeyDetails?.namedCurve !== alg.curve) return false;
  try {
    const data = Buffer.from(jwt.signingInput);
    if (alg.keyType === 'ec') return verify(alg.hash, data, { key, dsaEncoding: 'ieee-p1363' }, jwt.signature);
    if (alg.pss) return verify(alg.hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, jwt.signature);
    return verify(alg.hash, data, key, jwt.signature);
  } catch {
    return false;
  }
}

function jsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
