// bcrypt as golang.org/x/crypto/bcrypt computes it ($2a$, cost 10 by default): Blowfish with the
// expensive key schedule. Blowfish's initial tables are the hexadecimal digits of pi, computed here
// once (Machin's formula over bigints) rather than carried as a table.

import { randomBytes } from 'node:crypto';

const wordsNeeded = 18 + 4 * 256;

function piWords(): Uint32Array {
  const bits = BigInt(wordsNeeded * 32 + 64);
  const one = 1n << bits;
  const arctanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = one / x;
    const x2 = x * x;
    for (let k = 0n; term !== 0n; k++) {
      const t = term / (2n * k + 1n);
      sum += k % 2n === 0n ? t : -t;
      term /= x2;
    }
    return sum;
  };
  const pi = 16n * arctanInv(5n) - 4n * arctanInv(239n);
  // Drop the integer part (3) and the guard bits, keeping the fraction's first words.
  const fraction = (pi - 3n * one) >> 64n;
  const out = new Uint32Array(wordsNeeded);
  for (let i = 0; i < wordsNeeded; i++) out[i] = Number((fraction >> BigInt((wordsNeeded - 1 - i) * 32)) & 0xffffffffn);
  return out;
}

let initial: Uint32Array | undefined;

interface Blowfish {
  p: Uint32Array;
  s: Uint32Array;
}

function newState(): Blowfish {
  initial ??= piWords();
  return { p: initial.slice(0, 18), s: initial.slice(18) };
}

function encryptBlock(c: Blowfish, l: number, r: number): [number, number] {
  const { p, s } = c;
  const f = (x: number): number => ((((s[x >>> 24]! + s[256 + ((x >>> 16) & 0xff)]!) >>> 0) ^ s[512 + ((x >>> 8) & 0xff)]!) + s[768 + (x & 0xff)]!) >>> 0;
  let xl = (l ^ p[0]!) >>> 0;
  let xr = r;
  for (let i = 1; i <= 16; i += 2) {
    xr = (xr ^ f(xl) ^ p[i]!) >>> 0;
    xl = (xl ^ f(xr) ^ p[i + 1]!) >>> 0;
  }
  xr = (xr ^ p[17]!) >>> 0;
  return [xr, xl];
}

function nextWord(b: Uint8Array, pos: { j: number }): number {
  let w = 0;
  for (let i = 0; i < 4; i++) {
    w = ((w << 8) | b[pos.j]!) >>> 0;
    pos.j = (pos.j + 1) % b.length;
  }
  return w;
}

/** Blowfish's key schedule, optionally mixing a salt into every block (expandKeyWithSalt). */
function expandKey(c: Blowfish, key: Uint8Array, salt?: Uint8Array): void {
  const kp = { j: 0 };
  for (let i = 0; i < 18; i++) c.p[i] = (c.p[i]! ^ nextWord(key, kp)) >>> 0;
  const sp = { j: 0 };
  let l = 0;
  let r = 0;
  const fill = (table: Uint32Array, n: number): void => {
    for (let i = 0; i < n; i += 2) {
      if (salt) {
        l = (l ^ nextWord(salt, sp)) >>> 0;
        r = (r ^ nextWord(salt, sp)) >>> 0;
      }
      [l, r] = encryptBlock(c, l, r);
      table[i] = l;
      table[i + 1] = r;
    }
  };
  fill(c.p, 18);
  fill(c.s, 1024);
}

const alphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function b64(bytes: Uint8Array): string {
  const std = Buffer.from(bytes).toString('base64').replace(/=+$/, '');
  const from = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  return [...std].map((c) => alphabet[from.indexOf(c)]).join('');
}

function unb64(text: string): Uint8Array {
  const from = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  return new Uint8Array(Buffer.from([...text].map((c) => from[alphabet.indexOf(c)]).join(''), 'base64'));
}

export class BcryptError extends Error {}

/** The 31-character hash of a password under a 16-byte salt and a cost. */
function hashPart(password: Uint8Array, salt: Uint8Array, cost: number): string {
  const key = new Uint8Array(password.length + 1);
  key.set(password);
  const c = newState();
  expandKey(c, key, salt);
  for (let i = 0; i < 2 ** cost; i++) {
    expandKey(c, key);
    expandKey(c, salt);
  }
  const data = new TextEncoder().encode('OrpheanBeholderScryDoubt');
  const view = new DataView(data.buffer);
  for (let i = 0; i < 24; i += 8) {
    let l = view.getUint32(i);
    let r = view.getUint32(i + 4);
    for (let j = 0; j < 64; j++) [l, r] = encryptBlock(c, l, r);
    view.setUint32(i, l);
    view.setUint32(i + 4, r);
  }
  // Like every C bcrypt, only 23 of the 24 bytes are encoded.
  return b64(data.subarray(0, 23));
}

/** bcrypt.GenerateFromPassword: "$2a$10$" + salt + hash, with a fresh random salt. */
export function bcryptHash(password: string, cost = 10, salt: Uint8Array = randomBytes(16)): string {
  const pw = new TextEncoder().encode(password);
  if (pw.length > 72) throw new BcryptError('bcrypt: password length exceeds 72 bytes');
  return `$2a$${String(cost).padStart(2, '0')}$${b64(salt)}${hashPart(pw, salt, cost)}`;
}

/** bcrypt.CompareHashAndPassword as a boolean, for $2a$/$2b$/$2y$ hashes. */
export function bcryptVerify(hash: string, password: string): boolean {
  const m = /^\$2[aby]?\$(\d\d)\$([./A-Za-z0-9]{22})([./A-Za-z0-9]{31})$/.exec(hash);
  if (!m) return false;
  const pw = new TextEncoder().encode(password);
  if (pw.length > 72) return false;
  return hashPart(pw, unb64(m[2]!).subarray(0, 16), Number(m[1])) === m[3];
}
