import { SourceReason } from '@conflux/api';

/**
 * What went wrong, for code that must react differently (stall on an invalid URL, back off on an
 * unreachable host). The condition reason a controller reports is on the error too, so callers never
 * translate one into the other themselves.
 */
export const GitErrorCode = {
  InvalidURL: 'InvalidURL',
  InvalidRef: 'InvalidRef',
  InvalidAuth: 'InvalidAuth',
  AuthenticationFailed: 'AuthenticationFailed',
  Unreachable: 'Unreachable',
  Timeout: 'Timeout',
  RefNotFound: 'RefNotFound',
  NoSemverMatch: 'NoSemverMatch',
  InvalidSemver: 'InvalidSemver',
  CommitNotFound: 'CommitNotFound',
  EmptyRepository: 'EmptyRepository',
  InvalidPath: 'InvalidPath',
  Unsupported: 'Unsupported',
  SubmoduleFailed: 'SubmoduleFailed',
  ProtocolError: 'ProtocolError',
} as const;
export type GitErrorCode = (typeof GitErrorCode)[keyof typeof GitErrorCode];

const reasonFor: Record<GitErrorCode, string> = {
  InvalidURL: SourceReason.URLInvalid,
  InvalidRef: SourceReason.GitOperationFailed,
  InvalidAuth: SourceReason.AuthenticationFailed,
  AuthenticationFailed: SourceReason.AuthenticationFailed,
  Unreachable: SourceReason.GitOperationFailed,
  Timeout: SourceReason.GitOperationFailed,
  RefNotFound: SourceReason.GitOperationFailed,
  NoSemverMatch: SourceReason.GitOperationFailed,
  InvalidSemver: SourceReason.GitOperationFailed,
  CommitNotFound: SourceReason.GitOperationFailed,
  EmptyRepository: SourceReason.EmptyGitRepository,
  InvalidPath: SourceReason.GitOperationFailed,
  Unsupported: SourceReason.GitOperationFailed,
  // Never stalling: the superproject's next commit can fix .gitmodules without any change to the spec.
  SubmoduleFailed: SourceReason.GitOperationFailed,
  ProtocolError: SourceReason.GitOperationFailed,
};

/**
 * Errors that a controller should not retry until the spec changes: retrying cannot fix them.
 * Authentication is not among them because a Secret can change without the spec changing.
 */
const stallingCodes: ReadonlySet<GitErrorCode> = new Set<GitErrorCode>([
  GitErrorCode.InvalidURL,
  GitErrorCode.InvalidRef,
  GitErrorCode.InvalidSemver,
  GitErrorCode.Unsupported,
]);

/** Every failure of this lib. Messages name the URL (without credentials) and the ref, never a secret. */
export class GitError extends Error {
  readonly code: GitErrorCode;
  /** The upstream condition reason, e.g. `GitOperationFailed`, `AuthenticationFailed`, `URLInvalid`. */
  readonly reason: string;
  /** True when retrying with the same spec cannot succeed (the controller should mark Stalled). */
  readonly stalling: boolean;

  constructor(code: GitErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GitError';
    this.code = code;
    this.reason = reasonFor[code];
    this.stalling = stallingCodes.has(code);
  }
}

export function isGitError(err: unknown, code?: GitErrorCode): err is GitError {
  return err instanceof GitError && (code === undefined || err.code === code);
}
