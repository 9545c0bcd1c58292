/**
 * Every way an artifact operation can fail, with a stable code. Callers branch on `code` (a 404 is retried
 * later, a digest mismatch is a Warning event, an unsafe tarball is a terminal failure); messages are for
 * people and say what failed and what to do.
 */
export const ArtifactErrorCode = {
  /** The server answered 404: the artifact is not there (yet). Retry later, as upstream's ErrFileNotFound. */
  NotFound: 'ArtifactNotFound',
  /** The download failed for another reason (network, 5xx after retries, unexpected status). */
  FetchFailed: 'ArtifactFetchFailed',
  /** The bytes do not hash to the advertised digest. Nothing was extracted. */
  DigestMismatch: 'ArtifactDigestMismatch',
  /** A digest string is malformed or uses an algorithm this build does not support. */
  InvalidDigest: 'ArtifactInvalidDigest',
  /** A download, an entry or the extracted total exceeds its cap. */
  TooLarge: 'ArtifactTooLarge',
  /** The tarball holds more entries than allowed. */
  TooManyEntries: 'ArtifactTooManyEntries',
  /** A path would land outside its root: `..`, an absolute path, a link pointing out, a hostile name. */
  UnsafePath: 'ArtifactUnsafePath',
  /** A tar entry type that is never extracted: devices, FIFOs, sparse files and other exotica. */
  UnsupportedEntry: 'ArtifactUnsupportedEntry',
  /** The stream is not a well-formed tar.gz (bad gzip, bad checksum, truncated entry). */
  InvalidArchive: 'ArtifactInvalidArchive',
  /** A filesystem operation on the storage root failed. */
  StorageFailed: 'ArtifactStorageFailed',
} as const;
export type ArtifactErrorCode = (typeof ArtifactErrorCode)[keyof typeof ArtifactErrorCode];

export class ArtifactError extends Error {
  readonly code: ArtifactErrorCode;
  /** The tar entry, storage path or URL the error is about, when there is one. */
  readonly subject: string | undefined;
  /** The HTTP status for fetch errors. */
  readonly status: number | undefined;

  constructor(code: ArtifactErrorCode, message: string, details: { subject?: string; status?: number; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ArtifactError';
    this.code = code;
    this.subject = details.subject;
    this.status = details.status;
  }
}

/** True when `err` is an ArtifactError, optionally with the given code. */
export function isArtifactError(err: unknown, code?: ArtifactErrorCode): err is ArtifactError {
  return err instanceof ArtifactError && (code === undefined || err.code === code);
}
