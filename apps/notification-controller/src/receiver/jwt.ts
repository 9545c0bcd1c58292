// Compact JWS parsing and RS256 verification with node:crypto: the part of an OIDC ID token check that
// needs no network. Kept apart from where the keys come from, so each rule is testable on its own.
import { type KeyObject, verify } from 'node:crypto';

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
  if (jwt.header['alg'] !== 'RS256' || key.asymmetricKeyType !== 'rsa') return false;
  try {
    return verify('RSA-SHA256', Buffer.from(jwt.signingInput), key, jwt.signature);
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
