/** A CEL expression that failed to parse, or that names a variable it may not use. */
export class CelCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CelCompileError';
  }
}
