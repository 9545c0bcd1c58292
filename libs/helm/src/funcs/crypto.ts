// Sprig's deterministic and password crypto: derivePassword (the Master Password algorithm), AES-256-CBC
// encryptAES/decryptAES with a zero-padded key and PKCS#7-style padding, bcrypt and htpasswd.
// Sprig reports most failures as the function's text rather than as an error; that is kept.

import { createCipheriv, createDecipheriv, createHmac, randomBytes, scryptSync } from 'node:crypto';
import { defineFunc, type FuncMap } from '../template/builtins.ts';
import { BcryptError, bcryptHash } from './bcrypt.ts';
import { base64Decode } from './encoding.ts';

const seed = 'com.lyndir.masterpassword';

const templates: Record<string, readonly string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv', 'CvcvCvcvnoCvcv', 'CvcvCvcvCvcvno', 'CvccnoCvcvCvcv', 'CvccCvcvnoCvcv', 'CvccCvcvCvcvno', 'CvcvnoCvccCvcv',
    'CvcvCvccnoCvcv', 'CvcvCvccCvcvno', 'CvcvnoCvcvCvcc', 'CvcvCvcvnoCvcc', 'CvcvCvcvCvccno', 'CvccnoCvccCvcv', 'CvccCvccnoCvcv',
    'CvccCvccCvcvno', 'CvcvnoCvccCvcc', 'CvcvCvccnoCvcc', 'CvcvCvccCvccno', 'CvccnoCvcvCvcc', 'CvccCvcvnoCvcc', 'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};

const classes: Record<string, string> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function withLength(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from(seed), u32(bytes.length), bytes]);
}

/** Master Password: scrypt(N=32768, r=8, p=2) keyed by user, HMAC-SHA256 over site and counter. */
export function derivePassword(counter: number, passwordType: string, password: string, user: string, site: string): string {
  const choices = templates[passwordType];
  if (!choices) return `cannot find password template ${passwordType}`;
  const key = scryptSync(Buffer.from(password, 'utf8'), withLength(user), 64, { N: 32768, r: 8, p: 2, maxmem: 64 * 1024 * 1024 });
  const digest = createHmac('sha256', key).update(Buffer.concat([withLength(site), u32(counter)])).digest();
  const template = choices[digest[0]! % choices.length]!;
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const chars = classes[template[i]!]!;
    out += chars[digest[i + 1]! % chars.length];
  }
  return out;
}

/** The password's bytes, cut or zero-filled to an AES-256 key. */
function aesKey(password: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(password, 'utf8').copy(key, 0, 0, 32);
  return key;
}

export function encryptAES(password: string, plaintext: string, iv: Uint8Array = randomBytes(16)): string {
  if (plaintext === '') return '';
  const content = Buffer.from(plaintext, 'utf8');
  const padding = 16 - (content.length % 16);
  const cipher = createCipheriv('aes-256-cbc', aesKey(password), iv).setAutoPadding(false);
  const body = Buffer.concat([cipher.update(Buffer.concat([content, Buffer.alloc(padding, padding)])), cipher.final()]);
  return Buffer.concat([iv, body]).toString('base64');
}

export function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === '') return '';
  const crypt = Buffer.from(base64Decode(new TextEncoder().encode(crypt64)));
  if (crypt.length < 16) throw new Error(`runtime error: slice bounds out of range [:16] with capacity ${crypt.length}`);
  const body = crypt.subarray(16);
  if (body.length % 16 !== 0) throw new Error('crypto/cipher: input not full blocks');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(password), crypt.subarray(0, 16)).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(body), decipher.final()]);
  // Sprig trusts the last byte as the padding length without checking it.
  const cut = plain.length - (plain.at(-1) ?? 0);
  if (cut < 0) throw new Error(`runtime error: slice bounds out of range [:${cut}]`);
  return new TextDecoder().decode(plain.subarray(0, cut));
}

export function bcrypt(input: string): string {
  try {
    return bcryptHash(input);
  } catch (err) {
    if (err instanceof BcryptError) return `failed to encrypt string with bcrypt: ${err.message}`;
    throw err;
  }
}

export function htpasswd(username: string, password: string): string {
  if (username.includes(':')) return `invalid username: ${username}`;
  return `${username}:${bcrypt(password)}`;
}

export const cryptoFuncs: FuncMap = {
  derivePassword: defineFunc(['int', 'string', 'string', 'string', 'string'], 'string', (n, t, pw, u, s) =>
    derivePassword(Number(BigInt.asUintN(32, n as bigint)), t as string, pw as string, u as string, s as string),
  ),
  encryptAES: defineFunc(['string', 'string'], 'string', (pw, text) => encryptAES(pw as string, text as string), { returnsError: true }),
  decryptAES: defineFunc(['string', 'string'], 'string', (pw, text) => decryptAES(pw as string, text as string), { returnsError: true }),
  bcrypt: defineFunc(['string'], 'string', (s) => bcrypt(s as string)),
  htpasswd: defineFunc(['string', 'string'], 'string', (u, p) => htpasswd(u as string, p as string)),
};
