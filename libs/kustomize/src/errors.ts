/** Stable codes for every build failure, so callers (the controller's BuildFailed condition) can branch on them. */
export const BuildErrorCode = {
  MissingResource: 'MissingResource',
  InvalidYAML: 'InvalidYAML',
  InvalidKustomization: 'InvalidKustomization',
  InvalidResource: 'InvalidResource',
  Cycle: 'Cycle',
  DuplicateResource: 'DuplicateResource',
  PatchTargetNotFound: 'PatchTargetNotFound',
  InvalidPatch: 'InvalidPatch',
  RemoteRefused: 'RemoteRefused',
  OutsideRoot: 'OutsideRoot',
  InvalidGenerator: 'InvalidGenerator',
  Unsupported: 'Unsupported',
} as const;
export type BuildErrorCode = (typeof BuildErrorCode)[keyof typeof BuildErrorCode];

export interface BuildErrorWhere {
  /** The file that holds the faulty entry, relative to the build root when possible. */
  file?: string;
  /** The field inside that file, e.g. `resources[2]` or `patches[0].target`. */
  field?: string;
}

export class BuildError extends Error {
  readonly code: BuildErrorCode;
  readonly file: string | undefined;
  readonly field: string | undefined;

  constructor(code: BuildErrorCode, message: string, where: BuildErrorWhere = {}) {
    const prefix = [where.file, where.field].filter(Boolean).join(': ');
    super(prefix ? `${prefix}: ${message}` : message);
    this.name = 'BuildError';
    this.code = code;
    this.file = where.file;
    this.field = where.field;
  }
}
