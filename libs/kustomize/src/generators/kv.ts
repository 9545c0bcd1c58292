import { BuildError, BuildErrorCode } from '../errors.ts';

export interface KeyValue {
  key: string;
  value: Uint8Array | string;
}

/** A `literals` entry: split at the first `=`, one pair of matching surrounding quotes removed. */
export function parseLiteral(literal: string, where: { file?: string; field?: string }): KeyValue {
  const eq = literal.indexOf('=');
  if (eq < 0) throw new BuildError(BuildErrorCode.InvalidGenerator, `invalid literal "${literal}": expected key=value`, where);
  if (eq === 0) throw new BuildError(BuildErrorCode.InvalidGenerator, `invalid literal "${literal}": the key is empty`, where);
  const key = literal.slice(0, eq);
  let value = literal.slice(eq + 1);
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) value = value.slice(1, -1);
  return { key, value };
}

const envName = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** An env file: K=V lines; a BOM, leading blanks, blank lines and `#` comments are skipped. */
export function parseEnvFile(text: string, where: { file?: string; field?: string }): KeyValue[] {
  const out: KeyValue[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '').replace(/^\s+/, '');
    if (!line || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (!envName.test(key)) {
      throw new BuildError(BuildErrorCode.InvalidGenerator, `line ${i + 1}: "${key}" is not a valid environment variable name`, where);
    }
    out.push({ key, value: eq < 0 ? '' : line.slice(eq + 1) });
  });
  return out;
}
