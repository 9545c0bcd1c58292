// Decrypting the Secrets of a build output (reference §5.2): a v1 Secret with a top-level `sops` key is
// decrypted whole; in any other Secret, a `data` entry that is itself a SOPS-encrypted file (from a
// secretGenerator) is decrypted in place. `kustomize.toolkit.fluxcd.io/decrypt: Disabled` leaves a
// Secret as it is.
import { KustomizeAnnotations } from '@conflux/api';
import type { KubeObject } from '@conflux/kustomize';
import { decryptFile, decryptObject, MacPolicy } from './document.ts';
import { detectFormat, formatForPath } from './formats.ts';
import type { Keyring } from './keyring.ts';

type Meta = { name?: string; namespace?: string; annotations?: Record<string, string> };

const meta = (o: KubeObject): Meta => (o['metadata'] ?? {}) as Meta;

export function isDecryptionDisabled(o: KubeObject): boolean {
  return meta(o).annotations?.[KustomizeAnnotations.decrypt]?.toLowerCase() === 'disabled';
}

export function isEncryptedSecret(o: KubeObject): boolean {
  return o['kind'] === 'Secret' && o['apiVersion'] === 'v1' && o['sops'] !== undefined;
}

const describe = (o: KubeObject): string => `'${meta(o).namespace ?? ''}/${meta(o).name ?? ''}' ${String(o['kind'])}`;

export async function decryptSecrets(objects: readonly KubeObject[], keyring: Keyring): Promise<KubeObject[]> {
  const out: KubeObject[] = [];
  for (const o of objects) {
    if (o['kind'] !== 'Secret' || isDecryptionDisabled(o)) {
      out.push(o);
    } else if (isEncryptedSecret(o)) {
      try {
        out.push((await decryptObject(o, keyring, MacPolicy.EncryptedValuesOnly)) as KubeObject);
      } catch (err) {
        throw new Error(`failed to decrypt and format ${describe(o)} data: ${(err as Error).message}`, { cause: err });
      }
    } else {
      out.push(await decryptDataEntries(o, keyring));
    }
  }
  return out;
}

async function decryptDataEntries(o: KubeObject, keyring: Keyring): Promise<KubeObject> {
  const data = o['data'] as Record<string, string> | undefined;
  if (!data || typeof data !== 'object') return o;
  let changed: Record<string, string> | undefined;
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string') continue;
    const content = Buffer.from(value, 'base64');
    const format = detectFormat(content);
    if (!format) continue;
    try {
      const plain = await decryptFile(content, format, key, keyring, formatForPath(key));
      (changed ??= { ...data })[key] = plain.toString('base64');
    } catch (err) {
      throw new Error(`failed to decrypt and format ${describe(o)} field '${key}': ${(err as Error).message}`, { cause: err });
    }
  }
  return changed ? { ...o, data: changed } : o;
}
