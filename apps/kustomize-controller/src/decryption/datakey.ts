// Recovering a document's 32-byte data key from its master keys, in SOPS's default order (age, then pgp)
// within each key group; several groups hold Shamir parts of the key.
import { ageDecrypt } from './age.ts';
import type { Keyring } from './keyring.ts';
import type { KeyGroup, SopsMetadata } from './metadata.ts';
import { pgpDecrypt } from './pgp.ts';
import { combineShares } from './shamir.ts';

export class DataKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataKeyError';
  }
}

async function openGroup(group: KeyGroup, keyring: Keyring): Promise<{ part?: Buffer; tried: string[] }> {
  const tried: string[] = [];
  for (const master of group.age) {
    tried.push(`age ${master.recipient}`);
    if (!keyring.age.some((id) => id.recipient === master.recipient)) continue;
    try {
      return { part: ageDecrypt(master.enc, keyring.age), tried };
    } catch {
      // A recipient string can be copied into a document without its stanza matching; try the next key.
    }
  }
  for (const master of group.pgp) {
    tried.push(`pgp ${master.fp}`);
    const part = await pgpDecrypt(master.enc, keyring.pgp);
    if (part) return { part, tried };
  }
  return { tried };
}

export async function recoverDataKey(metadata: SopsMetadata, keyring: Keyring): Promise<Buffer> {
  const parts: Buffer[] = [];
  const failures: string[] = [];
  for (const [i, group] of metadata.keyGroups.entries()) {
    const { part, tried } = await openGroup(group, keyring);
    if (part) {
      parts.push(part);
      if (parts.length >= metadata.shamirThreshold) break;
      continue;
    }
    const cloud = group.cloud.length > 0 ? `; ${group.cloud.join(', ')} master keys are not supported by Conflux yet (use age or pgp keys)` : '';
    const what = tried.length > 0 ? `none of ${tried.join(', ')} matched the decryption keys` : 'no age or pgp master key';
    failures.push(`${metadata.keyGroups.length > 1 ? `key group ${i}: ` : ''}${what}${cloud}`);
  }
  if (metadata.keyGroups.length <= 1) {
    if (parts[0]) return checkLength(parts[0]);
    throw new DataKeyError(`cannot get sops data key: ${failures.join('; ') || 'the document has no key group'}`);
  }
  if (parts.length < metadata.shamirThreshold) {
    throw new DataKeyError(`cannot get sops data key: ${parts.length} of the ${metadata.shamirThreshold} key groups needed could be opened: ${failures.join('; ')}`);
  }
  return checkLength(combineShares(parts));
}

function checkLength(key: Buffer): Buffer {
  if (key.length !== 32) throw new DataKeyError(`cannot get sops data key: it is ${key.length} bytes, not 32`);
  return key;
}
