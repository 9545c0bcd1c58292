// Commit and tag signature verification for spec.verify: the trusted keys come from a Secret, and the
// object's own signature format picks which of them are used.
import type { SecretData } from './auth.ts';
import { type PGPKeySource, verifyPGPSignature } from './pgp.ts';
import { type SignedObject, SignatureFormat } from './signature.ts';
import { parseAuthorizedKeys, type SSHPublicKey, sshFingerprint, verifySSHSignature } from './sshsig.ts';

/** Public keys a verification Secret holds, by format. */
export interface TrustedKeys {
  pgp: PGPKeySource[];
  ssh: SSHPublicKey[];
}

/** Why an object did not verify. */
export const SignatureErrorCode = {
  /** The object carries no signature at all. */
  Unsigned: 'Unsigned',
  /** Signed in a format, or with an algorithm, this implementation cannot check. */
  Unsupported: 'Unsupported',
  /** Signed, but not by a trusted key, or the signature does not match. */
  Invalid: 'Invalid',
} as const;
export type SignatureErrorCode = (typeof SignatureErrorCode)[keyof typeof SignatureErrorCode];

export class SignatureError extends Error {
  readonly code: SignatureErrorCode;
  constructor(code: SignatureErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SignatureError';
    this.code = code;
  }
}

/** The result of a good signature: its format and the key that made it (PGP key ID or SSH fingerprint). */
export interface VerifiedSignature {
  format: SignatureFormat;
  key: string;
}

const text = (v: string | Uint8Array) => (typeof v === 'string' ? v : Buffer.from(v).toString('utf8'));

/**
 * Sorts a verification Secret's keys as upstream does: keys ending in `.sshpub` hold SSH authorized_keys
 * lines; every other key (`.asc` by convention) holds armored PGP public keys.
 */
export function trustedKeysFromSecret(data: SecretData): TrustedKeys {
  const keys: TrustedKeys = { pgp: [], ssh: [] };
  for (const name of Object.keys(data).sort()) {
    const value = text(data[name]!);
    if (name.endsWith('.sshpub')) keys.ssh.push(...parseAuthorizedKeys(value));
    else keys.pgp.push({ name, text: value });
  }
  return keys;
}

const why = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Checks an object's signature against the trusted keys of its format. Throws SignatureError. */
export async function verifySignedObject(object: SignedObject, keys: TrustedKeys): Promise<VerifiedSignature> {
  if (object.signature === undefined) throw new SignatureError(SignatureErrorCode.Unsigned, 'object is not signed');
  switch (object.format) {
    case SignatureFormat.OpenPGP: {
      if (keys.pgp.length === 0) throw new SignatureError(SignatureErrorCode.Invalid, 'object has a PGP signature but the Secret holds no PGP public keys');
      try {
        return { format: object.format, key: await verifyPGPSignature(object.signature, object.payload, keys.pgp) };
      } catch (err) {
        throw new SignatureError(SignatureErrorCode.Invalid, why(err), { cause: err });
      }
    }
    case SignatureFormat.SSH: {
      if (keys.ssh.length === 0) throw new SignatureError(SignatureErrorCode.Invalid, "object has an SSH signature but the Secret holds no SSH public keys (keys ending in '.sshpub')");
      try {
        const signer = verifySSHSignature(object.signature, object.payload, keys.ssh);
        return { format: object.format, key: sshFingerprint(signer.blob) };
      } catch (err) {
        throw new SignatureError(SignatureErrorCode.Invalid, why(err), { cause: err });
      }
    }
    default:
      throw new SignatureError(SignatureErrorCode.Unsupported, `signature format '${object.format ?? 'unknown'}' is not supported; sign with PGP or SSH keys`);
  }
}
