// PGP master keys: the data key encrypted to an OpenPGP key, read with openpgp.js. Like libs/git, the
// package is imported on first use so a controller without PGP keys never loads it.
type OpenPGP = typeof import('openpgp');
type PrivateKey = Awaited<ReturnType<OpenPGP['readPrivateKeys']>>[number];
let loaded: Promise<OpenPGP> | undefined;
const openpgp = (): Promise<OpenPGP> => (loaded ??= import('openpgp'));

export interface PgpKeySource {
  /** The Secret key it came from, for messages. */
  name: string;
  armored: string;
}

export interface PgpKeyring {
  keys: PrivateKey[];
}

export async function readPgpKeys(sources: readonly PgpKeySource[]): Promise<PgpKeyring> {
  if (sources.length === 0) return { keys: [] };
  const pgp = await openpgp();
  const keys: PrivateKey[] = [];
  for (const source of sources) {
    let read: PrivateKey[];
    try {
      read = await pgp.readPrivateKeys({ armoredKeys: source.armored });
    } catch (err) {
      throw new Error(`'${source.name}' is not an armored PGP private key: ${(err as Error).message}`, { cause: err });
    }
    for (const key of read) {
      // gpg-agent would prompt for a passphrase; a controller has nobody to ask.
      if (!key.isDecrypted()) throw new Error(`the PGP key in '${source.name}' is protected by a passphrase, which is not supported`);
      keys.push(key);
    }
  }
  return { keys };
}

/** Decrypts a SOPS pgp `enc` (an armored PGP message) with any of the keys; undefined if none fits. */
export async function pgpDecrypt(armoredMessage: string, keyring: PgpKeyring): Promise<Buffer | undefined> {
  if (keyring.keys.length === 0) return undefined;
  const pgp = await openpgp();
  const message = await pgp.readMessage({ armoredMessage });
  try {
    const { data } = await pgp.decrypt({ message, decryptionKeys: keyring.keys, format: 'binary' });
    return Buffer.from(data as Uint8Array);
  } catch {
    return undefined;
  }
}
