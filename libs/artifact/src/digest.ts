// Artifact digests are `<algorithm>:<hex>` over the exact stored bytes (upstream --artifact-digest-algo).
import { createHash, type Hash, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { ArtifactError, ArtifactErrorCode } from './errors.ts';

/** The algorithms upstream offers that node:crypto has. Upstream also offers blake3, which Node lacks. */
export const DigestAlgorithm = {
  SHA256: 'sha256',
  SHA384: 'sha384',
  SHA512: 'sha512',
} as const;
export type DigestAlgorithm = (typeof DigestAlgorithm)[keyof typeof DigestAlgorithm];

/** Upstream's default, and the only one consumers are guaranteed to support. */
export const defaultDigestAlgorithm: DigestAlgorithm = DigestAlgorithm.SHA256;

const hexLength: Record<DigestAlgorithm, number> = { sha256: 64, sha384: 96, sha512: 128 };

export interface ParsedDigest {
  algorithm: DigestAlgorithm;
  hex: string;
}

function isAlgorithm(s: string): s is DigestAlgorithm {
  return Object.hasOwn(hexLength, s);
}

/** Splits and validates `sha256:<hex>`; throws ArtifactInvalidDigest for anything else. */
export function parseDigest(digest: string): ParsedDigest {
  const colon = digest.indexOf(':');
  const algorithm = colon > 0 ? digest.slice(0, colon) : '';
  const hex = digest.slice(colon + 1);
  if (!isAlgorithm(algorithm)) {
    throw new ArtifactError(ArtifactErrorCode.InvalidDigest, `digest '${digest}' does not name a supported algorithm (sha256, sha384, sha512)`, {
      subject: digest,
    });
  }
  if (hex.length !== hexLength[algorithm] || !/^[0-9a-f]+$/.test(hex)) {
    throw new ArtifactError(ArtifactErrorCode.InvalidDigest, `digest '${digest}' is not ${hexLength[algorithm]} lowercase hex characters`, {
      subject: digest,
    });
  }
  return { algorithm, hex };
}

export function formatDigest(algorithm: DigestAlgorithm, hex: string): string {
  return `${algorithm}:${hex}`;
}

/** A running digest for bytes that arrive in chunks (a download, a tarball being written). */
export interface Digester {
  update(chunk: Uint8Array): void;
  /** The formatted digest; call once, after the last chunk. */
  digest(): string;
}

export function createDigester(algorithm: DigestAlgorithm = defaultDigestAlgorithm): Digester {
  if (!isAlgorithm(algorithm)) {
    throw new ArtifactError(ArtifactErrorCode.InvalidDigest, `unsupported digest algorithm '${String(algorithm)}'`);
  }
  const hash: Hash = createHash(algorithm);
  return {
    update: (chunk) => void hash.update(chunk),
    digest: () => formatDigest(algorithm, hash.digest('hex')),
  };
}

export function digestOf(bytes: Uint8Array | string, algorithm: DigestAlgorithm = defaultDigestAlgorithm): string {
  const d = createDigester(algorithm);
  d.update(typeof bytes === 'string' ? Buffer.from(bytes) : bytes);
  return d.digest();
}

export async function digestOfFile(path: string, algorithm: DigestAlgorithm = defaultDigestAlgorithm): Promise<string> {
  const d = createDigester(algorithm);
  for await (const chunk of createReadStream(path)) d.update(chunk as Buffer);
  return d.digest();
}

/** Equality of two digest strings, after validating the expected one. Constant-time on the hex part. */
export function digestsEqual(expected: string, actual: string): boolean {
  const e = parseDigest(expected);
  let a: ParsedDigest;
  try {
    a = parseDigest(actual);
  } catch {
    return false;
  }
  return e.algorithm === a.algorithm && timingSafeEqual(Buffer.from(e.hex), Buffer.from(a.hex));
}

/**
 * Throws ArtifactDigestMismatch unless `actual` equals `expected`. The message names both digests and the
 * subject so a reader can tell a corrupt download from a stale status.
 */
export function assertDigest(expected: string, actual: string, subject: string): void {
  if (!digestsEqual(expected, actual)) {
    throw new ArtifactError(
      ArtifactErrorCode.DigestMismatch,
      `artifact ${subject} has digest ${actual}, expected ${expected}; it was refused and not extracted (the file changed or was corrupted in transit, retry once the source has re-published it)`,
      { subject },
    );
  }
}

/** The algorithm a digest string uses, so a consumer hashes with the producer's choice. */
export function digestAlgorithmOf(digest: string): DigestAlgorithm {
  return parseDigest(digest).algorithm;
}
