// Go's encoding/json.Marshal over template values: sorted map keys, HTML-safe escaping, and Go's float
// format (exponent only below 1e-6 or from 1e21), which is what Helm's toJson prints.

import { formatFloat } from '../template/strconv.ts';
import { GoComplex, GoInt, GoStruct, type GoMap, type GoValue, isGoFunc, isNilSlice, sortedKeys, typeName } from '../template/values.ts';

export class JSONMarshalError extends Error {}

function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '<':
      case '>':
      case '&':
        out += `\\u00${cp.toString(16)}`;
        continue;
    }
    if (cp < 0x20) out += `\\u00${cp.toString(16).padStart(2, '0')}`;
    else if (cp === 0x2028 || cp === 0x2029) out += `\\u${cp.toString(16)}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new JSONMarshalError(`json: unsupported value: ${formatFloat(f, 'g', -1)}`);
  const abs = Math.abs(f);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    // Go writes e-07 as e-7.
    return formatFloat(f, 'e', -1).replace(/e([+-])0(\d)$/, 'e$1$2');
  }
  return formatFloat(f, 'f', -1);
}

export function marshalJSON(v: GoValue | undefined): string {
  if (v === null || v === undefined || isNilSlice(v)) return 'null';
  switch (typeof v) {
    case 'string':
      return jsonString(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return jsonFloat(v);
    case 'bigint':
      return v.toString();
  }
  if (v instanceof GoInt) return v.value.toString();
  if (v instanceof Uint8Array) return jsonString(Buffer.from(v).toString('base64'));
  if (Array.isArray(v)) return `[${v.map(marshalJSON).join(',')}]`;
  if (v instanceof GoComplex || isGoFunc(v)) throw new JSONMarshalError(`json: unsupported type: ${typeName(v)}`);
  if (v instanceof GoStruct) {
    return `{${Object.entries(v.fields)
      .map(([k, x]) => `${jsonString(k)}:${marshalJSON(x)}`)
      .join(',')}}`;
  }
  const m = v as GoMap;
  return `{${sortedKeys(m)
    .map((k) => `${jsonString(k)}:${marshalJSON(m[k]!)}`)
    .join(',')}}`;
}
