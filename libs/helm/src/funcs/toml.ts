// Helm's toToml: BurntSushi/toml v1.6.0's Encoder over template values. Per map, plain keys come first
// and tables (maps, and lists made only of maps) after, each group sorted; nil values are skipped;
// nested tables indent two spaces per level; top-level tables and every [[array]] entry get a blank
// line first. An encoding error becomes the text of the result, as helm returns err.Error().

import { formatFloat } from '../template/strconv.ts';
import { GoInt, type GoMap, type GoValue, isMap, sortedKeys } from '../template/values.ts';

class TOMLError extends Error {}

const indentUnit = '  ';

function isNil(v: GoValue | undefined): boolean {
  return v === null || v === undefined;
}

function isTable(v: GoValue): boolean {
  return isMap(v);
}

function isTableArray(v: GoValue): boolean {
  if (!Array.isArray(v) || v.length === 0) return false;
  let all = true;
  for (const x of v) {
    if (isNil(x)) throw new TOMLError('toml: cannot encode array with nil element');
    if (!isTable(x)) all = false;
  }
  return all;
}

function quoteString(s: string): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    const named: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };
    if (named[c] !== undefined) out += named[c];
    else if (cp < 0x20 || cp === 0x7f) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `${out}"`;
}

function bareKey(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : quoteString(k);
}

function floatText(f: number): string {
  if (Number.isNaN(f)) return 'nan';
  if (!Number.isFinite(f)) return f > 0 ? 'inf' : '-inf';
  const s = formatFloat(f, 'g', -1);
  return s.includes('.') || s.includes('e') ? s : `${s}.0`;
}

function element(v: GoValue): string {
  if (typeof v === 'string') return quoteString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return floatText(v);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof GoInt) return v.value.toString();
  if (Array.isArray(v)) {
    isTableArray(v);
    return `[${v.map((x) => element(x)).join(', ')}]`;
  }
  if (isMap(v)) return inlineTable(v);
  throw new TOMLError(`toml: unsupported type: ${typeof v}`);
}

function inlineTable(m: GoMap): string {
  const keys = sortedKeys(m).filter((k) => !isNil(m[k]));
  return `{${keys.map((k) => `${bareKey(k)} = ${element(m[k]!)}`).join(', ')}}`;
}

class Encoder {
  out = '';
  newline(): void {
    if (this.out.length > 0) this.out += '\n';
  }

  table(path: string[], m: GoMap): void {
    const direct: string[] = [];
    const sub: string[] = [];
    for (const k of sortedKeys(m)) {
      const v = m[k]!;
      if (isNil(v)) continue;
      (isTable(v) || isTableArray(v) ? sub : direct).push(k);
    }
    for (const k of direct) {
      this.out += `${indentUnit.repeat(path.length)}${bareKey(k)} = ${element(m[k]!)}`;
      this.newline();
    }
    for (const k of sub) {
      const key = [...path, k];
      const v = m[k]!;
      const header = key.map(bareKey).join('.');
      const indent = indentUnit.repeat(key.length - 1);
      if (Array.isArray(v)) {
        for (const t of v) {
          this.newline();
          this.out += `${indent}[[${header}]]`;
          this.newline();
          this.table(key, t as GoMap);
        }
        continue;
      }
      if (key.length === 1) this.newline();
      this.out += `${indent}[${header}]`;
      this.newline();
      this.table(key, v as GoMap);
    }
  }
}

/** The TOML text helm's toToml prints, or the encoder's error text. */
export function marshalTOML(v: GoValue): string {
  try {
    if (isMap(v)) {
      const e = new Encoder();
      e.table([], v);
      return e.out;
    }
    if (isTableArray(v)) throw new TOMLError('toml: top-level values must be Go maps or structs');
    return element(v);
  } catch (err) {
    if (err instanceof TOMLError) return err.message;
    throw err;
  }
}
