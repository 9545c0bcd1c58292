// Decrypting whole SOPS documents: a parsed object (a Secret from the build) or a file's bytes.
import { recoverDataKey } from './datakey.ts';
import { type Branch, emitPlain, loadEncrypted, type SopsFormat } from './formats.ts';
import type { Keyring } from './keyring.ts';
import { parseMetadata } from './metadata.ts';
import { decryptBranches, verifyMac } from './tree.ts';

export const MacPolicy = {
  /** Refuse the document unless its MAC verifies. */
  Verify: 'Verify',
  /**
   * Verify only a MAC computed over encrypted values (`mac_only_encrypted`). For objects that went
   * through kustomize, which adds namespaces, labels and prefixes to the plain fields the default MAC
   * covers; upstream skips the check for them altogether.
   */
  EncryptedValuesOnly: 'EncryptedValuesOnly',
} as const;
export type MacPolicy = (typeof MacPolicy)[keyof typeof MacPolicy];

/** Decrypts a document that carries a top-level `sops` key and returns it without that key. */
export async function decryptObject(object: Branch, keyring: Keyring, policy: MacPolicy): Promise<Branch> {
  const { sops, ...rest } = object;
  const metadata = parseMetadata(sops);
  const key = await recoverDataKey(metadata, keyring);
  const { branches, mac } = decryptBranches([rest], metadata, key);
  if (policy === MacPolicy.Verify || metadata.macOnlyEncrypted) verifyMac(mac, metadata, key);
  return branches[0]!;
}

/** Decrypts an encrypted file as SOPS wrote it; its MAC must verify. */
export async function decryptFile(content: Buffer, format: SopsFormat, file: string, keyring: Keyring, outputFormat: SopsFormat = format): Promise<Buffer> {
  const loaded = loadEncrypted(content, format, file);
  const metadata = parseMetadata(loaded.metadata);
  const key = await recoverDataKey(metadata, keyring);
  const { branches, mac } = decryptBranches(loaded.branches, metadata, key);
  verifyMac(mac, metadata, key);
  return emitPlain(branches, outputFormat);
}
