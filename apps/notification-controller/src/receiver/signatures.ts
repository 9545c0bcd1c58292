// HMAC checks shared by the receiver types. Every comparison is constant-time over the decoded bytes, so
// a caller learns nothing from how long a wrong signature took to reject.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const HmacAlgorithm = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' } as const;
export type HmacAlgorithm = (typeof HmacAlgorithm)[keyof typeof HmacAlgorithm];

const algorithms: ReadonlySet<string> = new Set(Object.values(HmacAlgorithm));

export function hmacHex(algorithm: HmacAlgorithm, key: string, body: Uint8Array | string): string {
  return createHmac(algorithm, key).update(body).digest('hex');
}

/** Whether `signature` is the hex HMAC of `body` under `key`; anything not hex of the right length fails. */
export function verifyHexSignature(algorithm: HmacAlgorithm, key: string, body: Uint8Array | string, signature: string): boolean {
  const expected = Buffer.from(hmacHex(algorithm, key, body), 'hex');
  if (!/^[0-9a-fA-F]*$/.test(signature) || signature.length !== expected.length * 2) return false;
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

/**
 * Checks a GitHub-style "<algorithm>=<hex>" signature (X-Hub-Signature, X-Signature). The prefix picks
 * the hash, as upstream's github.ValidateSignature does: sha1, sha256 or sha512.
 */
export function verifyPrefixedSignature(header: string | undefined, key: string, body: Uint8Array | string): { ok: true } | { ok: false; reason: string } {
  if (!header) return { ok: false, reason: 'missing signature' };
  const eq = header.indexOf('=');
  const algorithm = eq < 0 ? '' : header.slice(0, eq).toLowerCase();
  if (!algorithms.has(algorithm)) return { ok: false, reason: `unsupported signature format "${eq < 0 ? header.slice(0, 16) : algorithm}"; expected sha1=, sha256= or sha512=` };
  if (!verifyHexSignature(algorithm as HmacAlgorithm, key, body, header.slice(eq + 1))) return { ok: false, reason: 'signature does not match the payload' };
  return { ok: true };
}
