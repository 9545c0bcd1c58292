// Walking a SOPS document: every leaf whose path the metadata marks as encrypted is opened with the data
// key and its path (`a:b:c:`) as additional data; lists add nothing to the path. Every leaf then goes
// into a SHA-512 in document order, and that digest must equal the stored MAC, which is itself a value
// encrypted with the data key and lastmodified as additional data.
import { createHash } from 'node:crypto';
import { isEncryptedPath, type SopsMetadata } from './metadata.ts';
import { decryptValue, macBytes, type SopsScalar } from './values.ts';

// sha256("sops"): the MAC of a mac_only_encrypted document starts with it, so the two kinds never collide.
const macOnlyEncryptedInit = createHash('sha256').update('sops').digest();

export class SopsIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SopsIntegrityError';
  }
}

export type Tree = unknown;

export interface DecryptedTree<T> {
  branches: T[];
  /** The MAC computed over the cleartext, upper-case hex as SOPS prints it. */
  mac: string;
}

const isBranch = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);

/** Decrypts the branches of one document (a YAML stream has several) and computes their MAC. */
export function decryptBranches<T>(branches: readonly T[], metadata: SopsMetadata, key: Buffer): DecryptedTree<T> {
  const hash = createHash('sha512');
  if (metadata.macOnlyEncrypted) hash.update(macOnlyEncryptedInit);
  const walk = (value: unknown, path: string[]): unknown => {
    if (value === null || value === undefined) return value;
    if (Array.isArray(value)) return value.map((v) => walk(v, path));
    if (isBranch(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = walk(v, [...path, k]);
      return out;
    }
    const encrypted = isEncryptedPath(metadata.rules, path);
    let leaf: SopsScalar;
    if (encrypted) {
      if (typeof value !== 'string') throw new SopsIntegrityError(`the value at '${path.join('.')}' should be encrypted but is a plain ${typeof value}`);
      try {
        leaf = decryptValue(value, key, `${path.join(':')}:`).value;
      } catch (err) {
        throw new SopsIntegrityError(`could not decrypt the value at '${path.join('.')}': ${(err as Error).message}`);
      }
    } else {
      leaf = value as SopsScalar;
    }
    if (!metadata.macOnlyEncrypted || encrypted) hash.update(macBytes(leaf));
    return leaf;
  };
  const out = branches.map((b) => walk(b, []) as T);
  return { branches: out, mac: hash.digest('hex').toUpperCase() };
}

/** Compares the computed MAC with the stored one; the error is upstream's wording. */
export function verifyMac(computed: string, metadata: SopsMetadata, key: Buffer): void {
  let stored: string;
  try {
    stored = String(decryptValue(metadata.mac, key, metadata.lastModified).value);
  } catch (err) {
    throw new SopsIntegrityError(`failed to verify sops data integrity: ${(err as Error).message}`);
  }
  if (stored !== computed) {
    throw new SopsIntegrityError(`failed to verify sops data integrity: expected mac '${stored || 'no MAC'}', got '${computed}'`);
  }
}
