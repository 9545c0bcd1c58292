// Sprig's encodings and digests: base64/base32 with Go's decoder errors (returned as the result text, as
// Sprig does), JSON in its pretty and raw (no HTML escaping) forms, hashes, and random ids.

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { defineFunc, type FuncMap } from '../template/builtins.ts';
import type { Result } from '../template/values.ts';
import { marshalJSON } from './json.ts';

const b64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const b32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

class CorruptInput extends Error {}

/** encoding/base64 StdEncoding.DecodeString over bytes, with its error offsets. */
export function base64Decode(src: Uint8Array): Uint8Array {
  const out: number[] = [];
  let si = 0;
  const corrupt = (n: number): CorruptInput => new CorruptInput(`illegal base64 data at input byte ${n}`);
  while (si < src.length) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let done = false;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return Uint8Array.from(out);
        throw corrupt(si - j);
      }
      const c = src[si]!;
      si++;
      const d = b64Alphabet.indexOf(String.fromCharCode(c));
      if (d >= 0 && c < 128) {
        dbuf[j] = d;
        continue;
      }
      if (c === 10 || c === 13) {
        j--;
        continue;
      }
      if (c !== 61) throw corrupt(si - 1);
      if (j < 2) throw corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && (src[si] === 10 || src[si] === 13)) si++;
        if (si === src.length) throw corrupt(src.length);
        if (src[si] !== 61) throw corrupt(si - 1);
        si++;
      }
      while (si < src.length && (src[si] === 10 || src[si] === 13)) si++;
      if (si < src.length) throw corrupt(si);
      dlen = j;
      done = true;
      break;
    }
    const val = (dbuf[0]! << 18) | (dbuf[1]! << 12) | (dbuf[2]! << 6) | dbuf[3]!;
    const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    out.push(...bytes.slice(0, dlen - 1));
    if (done) break;
  }
  return Uint8Array.from(out);
}

/** encoding/base32 StdEncoding.DecodeString (newlines stripped first), with its error offsets. */
export function base32Decode(input: Uint8Array): Uint8Array {
  const src = input.filter((c) => c !== 10 && c !== 13);
  const olen = src.length;
  const out: number[] = [];
  let pos = 0;
  const corrupt = (n: number): CorruptInput => new CorruptInput(`illegal base32 data at input byte ${n}`);
  let end = false;
  while (pos < olen && !end) {
    const dbuf = [0, 0, 0, 0, 0, 0, 0, 0];
    let dlen = 8;
    for (let j = 0; j < 8; ) {
      if (pos === olen) throw corrupt(olen - (olen - pos) - j);
      const c = src[pos]!;
      pos++;
      const left = olen - pos;
      if (c === 61 && j >= 2 && left < 8) {
        if (left + j < 7) throw corrupt(olen);
        for (let k = 0; k < 7 - j; k++) if (left > k && src[pos + k] !== 61) throw corrupt(olen - left + k - 1);
        dlen = j;
        end = true;
        if (dlen === 1 || dlen === 3 || dlen === 6) throw corrupt(olen - left - 1);
        break;
      }
      const d = b32Alphabet.indexOf(String.fromCharCode(c));
      if (d < 0 || c >= 128) throw corrupt(olen - left - 1);
      dbuf[j] = d;
      j++;
    }
    let bits = 0n;
    for (const d of dbuf) bits = (bits << 5n) | BigInt(d);
    const bytes = [4, 3, 2, 1, 0].map((i) => Number((bits >> BigInt(i * 8)) & 0xffn));
    const n = { 8: 5, 7: 4, 5: 3, 4: 2, 2: 1 }[dlen] ?? 0;
    out.push(...bytes.slice(0, n));
  }
  return Uint8Array.from(out);
}

function base32Encode(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i += 5) {
    const chunk = b.subarray(i, i + 5);
    let bits = 0n;
    for (let k = 0; k < 5; k++) bits = (bits << 8n) | BigInt(chunk[k] ?? 0);
    const chars = Math.ceil((chunk.length * 8) / 5);
    for (let k = 0; k < 8; k++) out += k < chars ? b32Alphabet[Number((bits >> BigInt(35 - k * 5)) & 31n)] : '=';
  }
  return out;
}

function decodeWith(decode: (b: Uint8Array) => Uint8Array, s: string): string {
  try {
    return Buffer.from(decode(Buffer.from(s, 'utf8'))).toString('utf8');
  } catch (err) {
    if (err instanceof CorruptInput) return err.message;
    throw err;
  }
}

/** json.Indent(dst, compact, "", "  ") over encoding/json's compact output. */
export function indentJSON(compact: string): string {
  let out = '';
  let depth = 0;
  let inString = false;
  for (let i = 0; i < compact.length; i++) {
    const c = compact[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += compact[++i];
      else if (c === '"') inString = false;
      continue;
    }
    switch (c) {
      case '"':
        inString = true;
        out += c;
        break;
      case '{':
      case '[':
        if (compact[i + 1] === (c === '{' ? '}' : ']')) {
          out += c + compact[++i];
          break;
        }
        depth++;
        out += `${c}\n${'  '.repeat(depth)}`;
        break;
      case '}':
      case ']':
        depth--;
        out += `\n${'  '.repeat(depth)}${c}`;
        break;
      case ',':
        out += `,\n${'  '.repeat(depth)}`;
        break;
      case ':':
        out += ': ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

/** The Encoder with SetEscapeHTML(false): <, > and & stay as they are (U+2028/9 are still escaped). */
function rawJSON(v: Result): string {
  return marshalJSON(v).replace(/(?<!\\)((?:\\\\)*)\\u00(3c|3e|26)/g, (_m, bs: string, hex: string) => bs + String.fromCharCode(parseInt(hex, 16)));
}

function orEmpty(f: () => string): string {
  try {
    return f();
  } catch {
    return '';
  }
}

function adler32(b: Uint8Array): number {
  let a = 1;
  let s = 0;
  for (const x of b) {
    a = (a + x) % 65521;
    s = (s + a) % 65521;
  }
  return (s * 65536 + a) >>> 0;
}

const S = 'string' as const;
const I = 'interface {}' as const;
const hash = (alg: string, s: Result): string => createHash(alg).update(s as string, 'utf8').digest('hex');

export const encodingFuncs: FuncMap = {
  b64enc: defineFunc([S], S, (s) => Buffer.from(s as string, 'utf8').toString('base64')),
  b64dec: defineFunc([S], S, (s) => decodeWith(base64Decode, s as string)),
  b32enc: defineFunc([S], S, (s) => base32Encode(Buffer.from(s as string, 'utf8'))),
  b32dec: defineFunc([S], S, (s) => decodeWith(base32Decode, s as string)),
  toPrettyJson: defineFunc([I], S, (v) => orEmpty(() => indentJSON(marshalJSON(v)))),
  toRawJson: defineFunc([I], S, (v) => rawJSON(v)),
  mustToJson: defineFunc([I], S, (v) => marshalJSON(v), { returnsError: true }),
  mustToPrettyJson: defineFunc([I], S, (v) => indentJSON(marshalJSON(v)), { returnsError: true }),
  mustToRawJson: defineFunc([I], S, (v) => rawJSON(v), { returnsError: true }),
  sha1sum: defineFunc([S], S, (s) => hash('sha1', s)),
  sha256sum: defineFunc([S], S, (s) => hash('sha256', s)),
  sha512sum: defineFunc([S], S, (s) => hash('sha512', s)),
  adler32sum: defineFunc([S], S, (s) => String(adler32(Buffer.from(s as string, 'utf8')))),
  uuidv4: defineFunc([], S, () => randomUUID()),
  randBytes: defineFunc(['int'], S, (n) => {
    if (Number(n as bigint) < 0) throw new Error('runtime error: makeslice: len out of range');
    return randomBytes(Number(n as bigint)).toString('base64');
  }, { returnsError: true }),
};
