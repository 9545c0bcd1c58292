// The keys one Kustomization may decrypt with (reference §1, `decryption`): the data of its
// decryption.secretRef Secret, where `*.agekey` entries hold age identities and `*.asc` entries armored
// PGP private keys, or else the --sops-age-secret fallback (age keys only, as upstream). The fixed
// cloud entries are recognised and reported as unsupported when a document needs them.
import { parseIdentities, type AgeIdentity } from './age.ts';
import { readPgpKeys, type PgpKeyring } from './pgp.ts';

export const DecryptionKeyNames = {
  ageSuffix: '.agekey',
  pgpSuffix: '.asc',
  awsKms: 'sops.aws-kms',
  azureKv: 'sops.azure-kv',
  gcpKms: 'sops.gcp-kms',
  vaultToken: 'sops.vault-token',
} as const;

export interface Keyring {
  age: AgeIdentity[];
  pgp: PgpKeyring;
  /** Cloud credentials found in the Secret, which Conflux cannot use yet. */
  cloudCredentials: string[];
}

export const emptyKeyring = (): Keyring => ({ age: [], pgp: { keys: [] }, cloudCredentials: [] });

const extension = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot);
};

/**
 * Builds the keyring from a Secret's decoded data. `secretName` is `namespace/name`, for messages;
 * `ageOnly` is the --sops-age-secret case.
 */
export async function keyringFromSecretData(data: Record<string, Buffer>, secretName: string, ageOnly = false): Promise<Keyring> {
  const keyring = emptyKeyring();
  const pgpSources = [];
  for (const name of Object.keys(data).sort()) {
    const value = data[name]!;
    const ext = extension(name);
    if (ext === DecryptionKeyNames.ageSuffix) {
      try {
        keyring.age.push(...parseIdentities(value.toString('utf8')));
      } catch (err) {
        throw new Error(`failed to import '${name}' data from sops decryption Secret '${secretName}': ${(err as Error).message}`, { cause: err });
      }
    } else if (ageOnly) {
      continue;
    } else if (ext === DecryptionKeyNames.pgpSuffix) {
      pgpSources.push({ name, armored: value.toString('utf8') });
    } else if ([DecryptionKeyNames.awsKms, DecryptionKeyNames.azureKv, DecryptionKeyNames.gcpKms, DecryptionKeyNames.vaultToken].includes(name as never)) {
      keyring.cloudCredentials.push(name);
    }
  }
  try {
    keyring.pgp = await readPgpKeys(pgpSources);
  } catch (err) {
    throw new Error(`failed to import PGP data from sops decryption Secret '${secretName}': ${(err as Error).message}`, { cause: err });
  }
  return keyring;
}
