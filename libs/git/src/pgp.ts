// OpenPGP signatures of Git objects, checked with openpgp.js. The package is imported on first use only:
// it is large, and a controller whose GitRepositories never set spec.verify should not hold it in memory.

/** A public key (or key ring) as found under one key of the verification Secret. */
export interface PGPKeySource {
  /** The Secret key it came from, for messages. */
  name: string;
  text: string;
}

export class PGPSignatureError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PGPSignatureError';
  }
}

type OpenPGP = typeof import('openpgp');
let loaded: Promise<OpenPGP> | undefined;
const openpgp = (): Promise<OpenPGP> => (loaded ??= import('openpgp'));

const why = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Verifies a detached armored signature over `payload` with the given public keys, and returns the
 * primary key ID (16 upper-case hex digits, as upstream reports it) of the key that made it.
 */
export async function verifyPGPSignature(armoredSignature: string, payload: Uint8Array, sources: readonly PGPKeySource[]): Promise<string> {
  const pgp = await openpgp();
  const keys = [];
  for (const source of sources) {
    try {
      keys.push(...(await pgp.readKeys({ armoredKeys: source.text })));
    } catch (err) {
      throw new PGPSignatureError(`unable to read PGP key ring '${source.name}': ${why(err)}`, { cause: err });
    }
  }
  let signature;
  try {
    signature = await pgp.readSignature({ armoredSignature });
  } catch (err) {
    throw new PGPSignatureError(`unable to read PGP signature: ${why(err)}`, { cause: err });
  }
  const issuers = signature.getSigningKeyIDs().map((id) => id.toHex().toUpperCase());
  if (keys.length === 0) throw new PGPSignatureError(`no PGP public keys to check the signature of key ${issuers.join(', ')} with`);
  const message = await pgp.createMessage({ binary: payload });
  const result = await pgp.verify({ message, signature, verificationKeys: keys, format: 'binary' });
  let failure: unknown;
  for (const s of result.signatures) {
    try {
      await s.verified;
      const signer = keys.find((k) => k.getKeys(s.keyID).length > 0);
      return (signer?.getKeyID() ?? s.keyID).toHex().toUpperCase();
    } catch (err) {
      failure = err;
    }
  }
  throw new PGPSignatureError(`signature by key ${issuers.join(', ')} could not be verified with the given key rings: ${why(failure)}`);
}
