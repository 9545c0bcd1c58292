// Small field readers shared by the payload decoders. Each one throws BusPayloadError naming the field,
// and the decoders turn that into a returned error.
import { BusPayloadError, PayloadErrorCode } from './errors.ts';

export type Json = Record<string, unknown>;

export function fail(field: string, expected: string): never {
  throw new BusPayloadError(PayloadErrorCode.InvalidField, `field "${field}" must be ${expected}`, field);
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function object(source: Json, key: string, path: string): Json {
  const value = source[key];
  return isObject(value) ? value : fail(path, 'an object');
}

export function string(source: Json, key: string, path: string, options: { nonEmpty?: boolean } = {}): string {
  const value = source[key];
  if (typeof value !== 'string') fail(path, 'a string');
  if (options.nonEmpty && value === '') fail(path, 'a non-empty string');
  return value;
}

export function optionalString(source: Json, key: string, path: string): string | undefined {
  return source[key] === undefined ? undefined : string(source, key, path);
}

export function count(source: Json, key: string, path: string): number {
  const value = source[key];
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : fail(path, 'a non-negative integer');
}

export function optionalCount(source: Json, key: string, path: string): number | undefined {
  return source[key] === undefined ? undefined : count(source, key, path);
}

export function oneOf<T extends string>(source: Json, key: string, path: string, allowed: readonly T[]): T {
  const value = source[key];
  return allowed.includes(value as T) ? (value as T) : fail(path, `one of ${allowed.join(', ')}`);
}

export function timestamp(source: Json, key: string, path: string): string {
  const value = string(source, key, path);
  return Number.isNaN(Date.parse(value)) ? fail(path, 'an RFC 3339 time') : value;
}

export function stringMap(source: Json, key: string, path: string): Record<string, string> | undefined {
  const value = source[key];
  if (value === undefined) return undefined;
  if (!isObject(value)) fail(path, 'an object of strings');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'string' ? v : fail(`${path}.${k}`, 'a string');
  return out;
}

/** Parses JSON from a message body; the caller gets a BusPayloadError rather than a SyntaxError. */
export function parseJson(body: Uint8Array | string): unknown {
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new BusPayloadError(PayloadErrorCode.InvalidJSON, `body is not JSON: ${(err as Error).message}`);
  }
}

/** Runs a decoder that throws, returning its error instead. Anything but a BusPayloadError is a bug and rethrown. */
export function decodeWith<T>(decode: () => T): { ok: true; value: T } | { ok: false; error: BusPayloadError } {
  try {
    return { ok: true, value: decode() };
  } catch (err) {
    if (err instanceof BusPayloadError) return { ok: false, error: err };
    throw err;
  }
}
