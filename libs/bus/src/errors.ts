/** Why a message could not be turned into a typed payload. Stable codes, for logs and metrics labels. */
export const PayloadErrorCode = {
  /** The body is not JSON. */
  InvalidJSON: 'InvalidJSON',
  /** The body is JSON but carries a schema version this build does not know. */
  UnsupportedVersion: 'UnsupportedVersion',
  /** A field is missing or has the wrong type. */
  InvalidField: 'InvalidField',
  /** The subject does not name the object the body describes. */
  SubjectMismatch: 'SubjectMismatch',
} as const;
export type PayloadErrorCode = (typeof PayloadErrorCode)[keyof typeof PayloadErrorCode];

/** A malformed or foreign message. Consumers log it and skip the message; it never stops a consumer. */
export class BusPayloadError extends Error {
  readonly code: PayloadErrorCode;
  /** The offending field as a dotted path, when one field is to blame. */
  readonly field: string | undefined;

  constructor(code: PayloadErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'BusPayloadError';
    this.code = code;
    this.field = field;
  }
}

/** The outcome of decoding: decoders return errors instead of throwing, so a bad message cannot escape. */
export type Decoded<T> = { ok: true; value: T } | { ok: false; error: BusPayloadError };
