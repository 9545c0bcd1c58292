// One SOPS value: `ENC[AES256_GCM,data:<b64>,iv:<b64>,tag:<b64>,type:<t>]`, AES-256-GCM with a 32-byte IV
// and the value's tree path as additional data, so a ciphertext moved to another key fails to open.
import { createCipheriv, createDecipheriv } from 'node:crypto';

export const SopsValueType = {
  str: 'str',
  int: 'int',
  float: 'float',
  bool: 'bool',
  bytes: 'bytes',
  comment: 'comment',
} as const;
export type SopsValueType = (typeof SopsValueType)[keyof typeof SopsValueType];

/** A decrypted value as SOPS types it; `bytes` values come from binary files. */
export type SopsScalar = string | number | boolean | Buffer;

export class SopsValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SopsValueError';
  }
}

interface Sealed {
  data: Buffer;
  iv: Buffer;
  tag: Buffer;
  type: SopsValueType;
}

const sealedPattern = /^ENC\[AES256_GCM,data:([A-Za-z0-9+/=]*),iv:([A-Za-z0-9+/=]+),tag:([A-Za-z0-9+/=]+),type:([a-z]+)\]$/;

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('ENC[AES256_GCM,');
}

function parseSealed(text: string): Sealed {
  const m = sealedPattern.exec(text);
  if (!m) throw new SopsValueError('malformed ENC[AES256_GCM,...] value');
  const type = m[4] as SopsValueType;
  if (!Object.hasOwn(SopsValueType, type)) throw new SopsValueError(`unknown value type '${type}'`);
  const tag = Buffer.from(m[3]!, 'base64');
  if (tag.length !== 16) throw new SopsValueError('malformed GCM tag');
  return { data: Buffer.from(m[1]!, 'base64'), iv: Buffer.from(m[2]!, 'base64'), tag, type };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses decrypted text the way Go's strconv does for the declared type. */
function typed(plain: Buffer, type: SopsValueType): SopsScalar {
  // A Go string may hold any bytes (binary files are one `str`); they stay bytes so the MAC sees them unchanged.
  let text: string;
  try {
    text = strictUtf8.decode(plain);
  } catch {
    if (type === 'str' || type === 'bytes') return plain;
    throw new SopsValueError(`value of type ${type} is not valid UTF-8`);
  }
  switch (type) {
    case 'int':
      if (!/^[+-]?\d+$/.test(text)) throw new SopsValueError(`value of type int is not an integer`);
      return Number.parseInt(text, 10);
    case 'float': {
      const n = Number(text);
      if (text.trim() === '' || Number.isNaN(n)) throw new SopsValueError(`value of type float is not a number`);
      return n;
    }
    case 'bool': {
      // strconv.ParseBool's spellings.
      if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
      if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
      throw new SopsValueError(`value of type bool is not a boolean`);
    }
    case 'bytes':
      return plain;
    default:
      return text;
  }
}

/**
 * Decrypts one value. An empty string is how SOPS stores an empty value (it is never encrypted), so it
 * comes back as ''. Errors never include the plaintext or the key.
 */
export function decryptValue(text: string, key: Buffer, path: string): { value: SopsScalar; type: SopsValueType } {
  if (text === '') return { value: '', type: 'str' };
  const sealed = parseSealed(text);
  const d = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: 16 });
  d.setAAD(Buffer.from(path, 'utf8'));
  d.setAuthTag(sealed.tag);
  let plain: Buffer;
  try {
    plain = Buffer.concat([d.update(sealed.data), d.final()]);
  } catch {
    throw new SopsValueError('AES-GCM authentication failed (wrong data key, or the value was moved or altered)');
  }
  return { value: typed(plain, sealed.type), type: sealed.type };
}

/** Encrypts one value as SOPS does; Conflux only uses it to verify round trips and in tests. */
export function encryptValue(value: SopsScalar, key: Buffer, path: string, iv: Buffer, type?: SopsValueType): string {
  if (value === '') return '';
  const t: SopsValueType = type ?? (Buffer.isBuffer(value) ? 'bytes' : typeof value === 'boolean' ? 'bool' : typeof value === 'number' ? (Number.isInteger(value) ? 'int' : 'float') : 'str');
  const plain = Buffer.isBuffer(value) ? value : Buffer.from(typeof value === 'number' ? goFormatFloat(value) : String(value), 'utf8');
  const c = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  c.setAAD(Buffer.from(path, 'utf8'));
  const data = Buffer.concat([c.update(plain), c.final()]);
  return `ENC[AES256_GCM,data:${data.toString('base64')},iv:${iv.toString('base64')},tag:${c.getAuthTag().toString('base64')},type:${t}]`;
}

/** Go's strconv.FormatFloat(f, 'f', -1, 64): the shortest digits that round-trip, never an exponent. */
export function goFormatFloat(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = '', expText] = m;
  const digits = lead! + frac;
  const exp = Number(expText);
  if (exp >= 0) {
    const intLen = 1 + exp;
    return sign + (digits.length <= intLen ? digits + '0'.repeat(intLen - digits.length) : `${digits.slice(0, intLen)}.${digits.slice(intLen)}`);
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/** SOPS's ToBytes: what each leaf contributes to the MAC. Booleans are `True`/`False`, as in the Python original. */
export function macBytes(value: SopsScalar): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (typeof value === 'boolean') return Buffer.from(value ? 'True' : 'False');
  if (typeof value === 'number') return Buffer.from(Number.isInteger(value) && Math.abs(value) < 2 ** 63 ? BigInt(value).toString() : goFormatFloat(value));
  return Buffer.from(value, 'utf8');
}
