// SSH signatures as `git commit -S` with gpg.format=ssh writes them: OpenSSH's SSHSIG envelope
// (PROTOCOL.sshsig), checked with node:crypto so that no ssh binary or extra package is needed.
import { createHash, createPublicKey, type KeyObject, verify } from 'node:crypto';

/** A public key from an authorized_keys line. */
export interface SSHPublicKey {
  type: string;
  /** The key in SSH wire format, as base64 in authorized_keys. */
  blob: Buffer;
  comment?: string;
}

/** Thrown for a signature or key this module cannot read; the message says what is wrong. */
export class SSHSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SSHSignatureError';
  }
}

/** OpenSSH's fingerprint of a key: `SHA256:` and the unpadded base64 of the blob's SHA-256. */
export function sshFingerprint(blob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Reads SSH wire-format fields (uint32 length-prefixed strings) from a buffer. */
class Reader {
  #buf: Buffer;
  #pos = 0;
  constructor(buf: Buffer) {
    this.#buf = buf;
  }
  bytes(n: number): Buffer {
    if (this.#pos + n > this.#buf.length) throw new SSHSignatureError('truncated SSH data');
    const out = this.#buf.subarray(this.#pos, this.#pos + n);
    this.#pos += n;
    return out;
  }
  uint32(): number {
    return this.bytes(4).readUInt32BE(0);
  }
  string(): Buffer {
    return this.bytes(this.uint32());
  }
  text(): string {
    return this.string().toString('utf8');
  }
  get done(): boolean {
    return this.#pos === this.#buf.length;
  }
}

function sshString(data: Uint8Array | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length, 0);
  return Buffer.concat([len, body]);
}

const keyTypes = new Set(['ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521']);

/**
 * Reads authorized_keys text: one key per line, optionally after options (`namespaces="git" ssh-ed25519
 * AAAA… comment`). Blank lines, comments and keys of types this module cannot verify are skipped.
 */
export function parseAuthorizedKeys(text: string): SSHPublicKey[] {
  const keys: SSHPublicKey[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    const at = fields.findIndex((f, i) => keyTypes.has(f) && fields[i + 1] !== undefined);
    if (at < 0) continue;
    const blob = Buffer.from(fields[at + 1]!, 'base64');
    try {
      if (new Reader(blob).text() !== fields[at]) continue;
    } catch {
      continue;
    }
    const comment = fields.slice(at + 2).join(' ');
    keys.push({ type: fields[at]!, blob, ...(comment ? { comment } : {}) });
  }
  return keys;
}

const base64url = (b: Buffer) => b.toString('base64url');

// SSH mpints are signed big-endian; JWK wants the unsigned magnitude.
const unsigned = (b: Buffer) => (b.length > 1 && b[0] === 0 ? b.subarray(1) : b);

const curves: Record<string, { crv: string; hash: string; size: number }> = {
  nistp256: { crv: 'P-256', hash: 'sha256', size: 32 },
  nistp384: { crv: 'P-384', hash: 'sha384', size: 48 },
  nistp521: { crv: 'P-521', hash: 'sha512', size: 66 },
};

function publicKeyObject(blob: Buffer): { type: string; key: KeyObject; curve?: (typeof curves)[string] } {
  const r = new Reader(blob);
  const type = r.text();
  if (type === 'ssh-ed25519') {
    return { type, key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: base64url(r.string()) }, format: 'jwk' }) };
  }
  if (type === 'ssh-rsa') {
    const e = unsigned(r.string());
    const n = unsigned(r.string());
    return { type, key: createPublicKey({ key: { kty: 'RSA', n: base64url(n), e: base64url(e) }, format: 'jwk' }) };
  }
  if (type.startsWith('ecdsa-sha2-')) {
    const curve = curves[r.text()];
    const q = r.string();
    if (!curve || q[0] !== 4 || q.length !== 1 + 2 * curve.size) throw new SSHSignatureError(`unsupported ECDSA key in ${type} signature`);
    const x = q.subarray(1, 1 + curve.size);
    const y = q.subarray(1 + curve.size);
    return { type, key: createPublicKey({ key: { kty: 'EC', crv: curve.crv, x: base64url(x), y: base64url(y) }, format: 'jwk' }), curve };
  }
  throw new SSHSignatureError(`unsupported SSH key type '${type}'`);
}

/** The parts of an SSHSIG envelope. */
export interface SSHSig {
  publicKey: Buffer;
  namespace: string;
  reserved: Buffer;
  hashAlgorithm: string;
  signatureAlgorithm: string;
  signature: Buffer;
}

const magic = Buffer.from('SSHSIG');

/** Decodes an armored SSH signature (`-----BEGIN SSH SIGNATURE-----`). */
export function parseSSHSignature(armored: string): SSHSig {
  const body = armored
    .replace(/-----BEGIN SSH SIGNATURE-----/, '')
    .replace(/-----END SSH SIGNATURE-----[\s\S]*$/, '')
    .replace(/\s+/g, '');
  const blob = Buffer.from(body, 'base64');
  if (!blob.subarray(0, magic.length).equals(magic)) throw new SSHSignatureError('not an SSH signature (missing SSHSIG preamble)');
  const r = new Reader(blob.subarray(magic.length));
  const version = r.uint32();
  if (version !== 1) throw new SSHSignatureError(`unsupported SSH signature version ${version}`);
  const publicKey = r.string();
  const namespace = r.text();
  const reserved = r.string();
  const hashAlgorithm = r.text();
  const sig = new Reader(r.string());
  const signatureAlgorithm = sig.text();
  const signature = sig.string();
  return { publicKey, namespace, reserved, hashAlgorithm, signatureAlgorithm, signature };
}

function checkSignature(sig: SSHSig, signed: Buffer): boolean {
  const { type, key, curve } = publicKeyObject(sig.publicKey);
  switch (sig.signatureAlgorithm) {
    case 'ssh-ed25519':
      return type === 'ssh-ed25519' && verify(null, signed, key, sig.signature);
    case 'rsa-sha2-256':
    case 'rsa-sha2-512':
      return type === 'ssh-rsa' && verify(sig.signatureAlgorithm === 'rsa-sha2-256' ? 'sha256' : 'sha512', signed, key, sig.signature);
    default: {
      if (!curve || sig.signatureAlgorithm !== type) break;
      // The ECDSA signature is two mpints; node wants r||s, each padded to the field size.
      const rs = new Reader(sig.signature);
      const pad = (b: Buffer) => Buffer.concat([Buffer.alloc(Math.max(0, curve.size - unsigned(b).length)), unsigned(b)]);
      const p1363 = Buffer.concat([pad(rs.string()), pad(rs.string())]);
      return verify(curve.hash, signed, { key, dsaEncoding: 'ieee-p1363' }, p1363);
    }
  }
  throw new SSHSignatureError(`unsupported SSH signature algorithm '${sig.signatureAlgorithm}'`);
}

/**
 * Verifies an SSHSIG signature over `message` in `namespace` against trusted keys, and returns the key
 * that made it. Throws SSHSignatureError when the signature is malformed, made by an untrusted key,
 * made for another namespace, or does not match.
 */
export function verifySSHSignature(armored: string, message: Uint8Array, trusted: readonly SSHPublicKey[], namespace = 'git'): SSHPublicKey {
  const sig = parseSSHSignature(armored);
  if (sig.namespace !== namespace) throw new SSHSignatureError(`signature is for namespace '${sig.namespace}', expected '${namespace}'`);
  const signer = trusted.find((k) => k.blob.equals(sig.publicKey));
  if (!signer) throw new SSHSignatureError(`signed by key ${sshFingerprint(sig.publicKey)}, which is not among the trusted keys`);
  if (sig.hashAlgorithm !== 'sha256' && sig.hashAlgorithm !== 'sha512') {
    throw new SSHSignatureError(`unsupported SSH signature hash '${sig.hashAlgorithm}'`);
  }
  const digest = createHash(sig.hashAlgorithm).update(message).digest();
  const signed = Buffer.concat([magic, sshString(sig.namespace), sshString(sig.reserved), sshString(sig.hashAlgorithm), sshString(digest)]);
  let ok: boolean;
  try {
    ok = checkSignature(sig, signed);
  } catch (err) {
    if (err instanceof SSHSignatureError) throw err;
    throw new SSHSignatureError(`malformed SSH signature: ${(err as Error).message}`);
  }
  if (!ok) throw new SSHSignatureError(`signature by key ${sshFingerprint(sig.publicKey)} does not match the signed data`);
  return signer;
}
