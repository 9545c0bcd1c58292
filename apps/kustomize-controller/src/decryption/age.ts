// age v1 decryption (https://age-encryption.org/v1) with node:crypto only: X25519 identities, the
// header and its HMAC, and the ChaCha20-Poly1305 STREAM payload. SOPS stores its data key as a small
// armored age file per recipient, so only what SOPS writes needs to be read; scrypt (passphrase),
// SSH and plugin stanzas are named in the error instead.
import { createCipheriv, createDecipheriv, createHmac, createPrivateKey, createPublicKey, diffieHellman, hkdfSync, timingSafeEqual, type KeyObject } from 'node:crypto';
import { bech32Decode, bech32Encode } from './bech32.ts';

const intro = 'age-encryption.org/v1';
const x25519Label = 'age-encryption.org/v1/X25519';
const armorBegin = '-----BEGIN AGE ENCRYPTED FILE-----';
const armorEnd = '-----END AGE ENCRYPTED FILE-----';
const chunkSize = 64 * 1024;
const tagSize = 16;

// DER prefixes that turn a raw 32-byte X25519 key into the PKCS#8 / SPKI form node:crypto accepts.
const pkcs8Prefix = Buffer.from('302e020100300506032b656e04220420', 'hex');
const spkiPrefix = Buffer.from('302a300506032b656e032100', 'hex');

export interface AgeIdentity {
  /** The `age1...` recipient this identity decrypts for. */
  recipient: string;
  privateKey: KeyObject;
  publicKey: Buffer;
}

export interface AgeStanza {
  type: string;
  args: string[];
  body: Buffer;
}

export class AgeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgeError';
  }
}

const rawBase64 = (s: string): Buffer => {
  if (!/^[A-Za-z0-9+/]*$/.test(s)) throw new AgeError('malformed base64 in the age header');
  return Buffer.from(s, 'base64');
};
const toRawBase64 = (b: Uint8Array): string => Buffer.from(b).toString('base64').replace(/=+$/, '');

export function identityFromSecret(secret: Uint8Array): AgeIdentity {
  if (secret.length !== 32) throw new AgeError('an X25519 identity is 32 bytes');
  const privateKey = createPrivateKey({ key: Buffer.concat([pkcs8Prefix, secret]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32);
  return { recipient: bech32Encode('age', publicKey), privateKey, publicKey };
}

/** Encodes a secret as `AGE-SECRET-KEY-1...`, the form age-keygen prints; used to build test keys. */
export function encodeIdentity(secret: Uint8Array): string {
  return bech32Encode('age-secret-key-', secret).toUpperCase();
}

/**
 * Parses an age identity file: one `AGE-SECRET-KEY-1...` per line, `#` comments and blank lines skipped.
 * The secret is never quoted in errors, only the line number.
 */
export function parseIdentities(text: string): AgeIdentity[] {
  const identities: AgeIdentity[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (!line.startsWith('AGE-SECRET-KEY-1')) {
      const kind = line.startsWith('AGE-PLUGIN-') ? 'age plugin identities are' : line.startsWith('-----BEGIN') ? 'SSH identities are' : 'this line is';
      throw new AgeError(`identity line ${i + 1}: ${kind} not supported (expected AGE-SECRET-KEY-1...)`);
    }
    let decoded;
    try {
      decoded = bech32Decode(line);
    } catch (err) {
      throw new AgeError(`identity line ${i + 1}: malformed secret key: ${(err as Error).message}`);
    }
    if (decoded.hrp !== 'age-secret-key-') throw new AgeError(`identity line ${i + 1}: not an age secret key`);
    identities.push(identityFromSecret(decoded.data));
  }
  if (identities.length === 0) throw new AgeError('no age identity found');
  return identities;
}

/** Removes the ASCII armor if present; binary age files are returned as they are. */
export function dearmor(input: Buffer | string): Buffer {
  const text = typeof input === 'string' ? input : input.toString('latin1');
  const trimmed = text.trim();
  if (!trimmed.startsWith(armorBegin)) return typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  if (!trimmed.endsWith(armorEnd)) throw new AgeError('armored age file without its END line');
  const body = trimmed.slice(armorBegin.length, -armorEnd.length).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new AgeError('malformed base64 in the armored age file');
  return Buffer.from(body, 'base64');
}

interface Header {
  stanzas: AgeStanza[];
  /** The header bytes the MAC covers: everything up to and including `---`. */
  macInput: Buffer;
  mac: Buffer;
  payloadOffset: number;
}

function parseHeader(file: Buffer): Header {
  let pos = 0;
  const line = (): string => {
    const end = file.indexOf(0x0a, pos);
    if (end < 0) throw new AgeError('truncated age header');
    const text = file.toString('latin1', pos, end);
    pos = end + 1;
    return text;
  };
  if (line() !== intro) throw new AgeError(`not an age v1 file (no "${intro}" line)`);
  const stanzas: AgeStanza[] = [];
  for (;;) {
    const start = pos;
    const l = line();
    if (l.startsWith('---')) {
      const macText = l.slice(4);
      if (l[3] !== ' ' || macText === '') throw new AgeError('malformed age header MAC line');
      return { stanzas, macInput: file.subarray(0, start + 3), mac: rawBase64(macText), payloadOffset: pos };
    }
    if (!l.startsWith('-> ')) throw new AgeError('malformed age header stanza');
    const [type, ...args] = l.slice(3).split(' ');
    const parts: Buffer[] = [];
    for (;;) {
      const b = line();
      if (b.length > 64) throw new AgeError('age stanza body line too long');
      parts.push(rawBase64(b));
      if (b.length < 64) break;
    }
    stanzas.push({ type: type ?? '', args, body: Buffer.concat(parts) });
  }
}

const hkdf = (ikm: Uint8Array, salt: Uint8Array, info: string): Buffer => Buffer.from(hkdfSync('sha256', ikm, salt, info, 32));

function chachaOpen(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array): Buffer | undefined {
  if (sealed.length < tagSize) return undefined;
  const d = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: tagSize });
  d.setAuthTag(sealed.subarray(sealed.length - tagSize));
  try {
    return Buffer.concat([d.update(sealed.subarray(0, sealed.length - tagSize)), d.final()]);
  } catch {
    return undefined;
  }
}

function chachaSeal(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array): Buffer {
  const c = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: tagSize });
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

const zeroNonce = Buffer.alloc(12);

function unwrapX25519(stanza: AgeStanza, identity: AgeIdentity): Buffer | undefined {
  if (stanza.args.length !== 1) throw new AgeError('malformed X25519 stanza');
  const share = rawBase64(stanza.args[0]!);
  if (share.length !== 32) throw new AgeError('malformed X25519 stanza share');
  if (stanza.body.length !== 32) throw new AgeError('malformed X25519 stanza body');
  const peer = createPublicKey({ key: Buffer.concat([spkiPrefix, share]), format: 'der', type: 'spki' });
  const shared = diffieHellman({ privateKey: identity.privateKey, publicKey: peer });
  if (shared.every((b) => b === 0)) throw new AgeError('X25519 stanza with a low-order share');
  const wrapKey = hkdf(shared, Buffer.concat([share, identity.publicKey]), x25519Label);
  return chachaOpen(wrapKey, zeroNonce, stanza.body);
}

function streamNonce(counter: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeUIntBE(counter, 5, 6);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

/** Decrypts an age file (armored or binary) with the first identity that unwraps one of its stanzas. */
export function ageDecrypt(input: Buffer | string, identities: readonly AgeIdentity[]): Buffer {
  const file = dearmor(input);
  const header = parseHeader(file);
  let fileKey: Buffer | undefined;
  const types = new Set(header.stanzas.map((s) => s.type));
  if (types.has('scrypt') && header.stanzas.length > 1) throw new AgeError('an scrypt stanza must be alone in the header');
  for (const stanza of header.stanzas) {
    if (stanza.type !== 'X25519') continue;
    for (const identity of identities) {
      fileKey = unwrapX25519(stanza, identity);
      if (fileKey) break;
    }
    if (fileKey) break;
  }
  if (!fileKey) {
    const other = [...types].filter((t) => t !== 'X25519');
    const hint = other.length > 0 ? ` (stanza types ${other.join(', ')} are not supported)` : '';
    throw new AgeError(`no identity matched any of the recipients${hint}`);
  }
  if (fileKey.length !== 16) throw new AgeError('malformed age file key');
  const macKey = hkdf(fileKey, Buffer.alloc(0), 'header');
  const mac = createHmac('sha256', macKey).update(header.macInput).digest();
  if (mac.length !== header.mac.length || !timingSafeEqual(mac, header.mac)) throw new AgeError('bad age header MAC');
  const nonce = file.subarray(header.payloadOffset, header.payloadOffset + 16);
  if (nonce.length !== 16) throw new AgeError('truncated age payload');
  const payloadKey = hkdf(fileKey, nonce, 'payload');
  const payload = file.subarray(header.payloadOffset + 16);
  const out: Buffer[] = [];
  const sealedChunk = chunkSize + tagSize;
  for (let offset = 0, counter = 0; ; counter++) {
    const rest = payload.length - offset;
    const last = rest <= sealedChunk;
    const sealed = payload.subarray(offset, offset + Math.min(rest, sealedChunk));
    const plain = chachaOpen(payloadKey, streamNonce(counter, last), sealed);
    if (!plain) throw new AgeError('age payload failed authentication');
    if (last && plain.length === 0 && counter > 0) throw new AgeError('age payload ends with an empty chunk');
    out.push(plain);
    offset += sealed.length;
    if (last) break;
  }
  return Buffer.concat(out);
}

/**
 * Encrypts to X25519 recipients (`age1...`). Conflux only decrypts; this exists so that tests can build
 * age files whose every byte they control, next to the ones the real age writes.
 */
export function ageEncrypt(plaintext: Uint8Array, recipients: readonly string[], random: (n: number) => Buffer, armor = true): string | Buffer {
  const fileKey = random(16);
  let header = `${intro}\n`;
  for (const r of recipients) {
    const { hrp, data: publicKey } = bech32Decode(r);
    if (hrp !== 'age') throw new AgeError(`not an age recipient: ${r}`);
    const ephemeral = identityFromSecret(random(32));
    const peer = createPublicKey({ key: Buffer.concat([spkiPrefix, publicKey]), format: 'der', type: 'spki' });
    const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: peer });
    const wrapKey = hkdf(shared, Buffer.concat([ephemeral.publicKey, publicKey]), x25519Label);
    const body = toRawBase64(chachaSeal(wrapKey, zeroNonce, fileKey));
    header += `-> X25519 ${toRawBase64(ephemeral.publicKey)}\n${(body.match(/.{1,64}/g) ?? []).join('\n')}${body.length % 64 === 0 ? '\n' : ''}\n`;
  }
  header += '---';
  const mac = createHmac('sha256', hkdf(fileKey, Buffer.alloc(0), 'header')).update(header).digest();
  const nonce = random(16);
  const payloadKey = hkdf(fileKey, nonce, 'payload');
  const chunks: Buffer[] = [];
  let counter = 0;
  for (let offset = 0; ; offset += chunkSize, counter++) {
    const last = plaintext.length - offset <= chunkSize;
    chunks.push(chachaSeal(payloadKey, streamNonce(counter, last), plaintext.subarray(offset, offset + chunkSize)));
    if (last) break;
  }
  const file = Buffer.concat([Buffer.from(`${header} ${toRawBase64(mac)}\n`, 'latin1'), nonce, ...chunks]);
  if (!armor) return file;
  return `${armorBegin}\n${(file.toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n${armorEnd}\n`;
}
