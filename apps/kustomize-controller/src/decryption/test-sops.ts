// A small SOPS encryptor for tests: it writes documents the way SOPS does (values under their paths,
// the MAC over the cleartext, the data key to age recipients), so unit tests can build exact vectors
// without the sops binary. Conflux itself never encrypts.
import { createHash } from 'node:crypto';
import { ageEncrypt } from './age.ts';
import { type EncryptionRules, isEncryptedPath } from './metadata.ts';
import { splitSecret } from './shamir.ts';
import { encryptValue, macBytes, type SopsScalar } from './values.ts';

export function seededRandom(seed: string): (n: number) => Buffer {
  let counter = 0;
  return (n) => {
    const out: Buffer[] = [];
    for (let have = 0; have < n; have += 32) out.push(createHash('sha256').update(`${seed}/${counter++}`).digest());
    return Buffer.concat(out).subarray(0, n);
  };
}

export interface EncryptOptions {
  dataKey: Buffer;
  /** age recipients of the data key; with `groups`, one recipient list per key group (Shamir). */
  recipients?: string[];
  groups?: string[][];
  threshold?: number;
  encryptedRegex?: string;
  unencryptedSuffix?: string;
  macOnlyEncrypted?: boolean;
  lastModified?: string;
  random?: (n: number) => Buffer;
}

export function sopsEncrypt(plain: Record<string, unknown>, options: EncryptOptions): Record<string, unknown> {
  const random = options.random ?? seededRandom('sops');
  const rules: EncryptionRules = options.encryptedRegex ? { encryptedRegex: new RegExp(options.encryptedRegex, 'u') } : { unencryptedSuffix: options.unencryptedSuffix ?? '_unencrypted' };
  const hash = createHash('sha512');
  if (options.macOnlyEncrypted) hash.update(createHash('sha256').update('sops').digest());
  const walk = (value: unknown, path: string[]): unknown => {
    if (value === null) return value;
    if (Array.isArray(value)) return value.map((v) => walk(v, path));
    if (typeof value === 'object') return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, walk(v, [...path, k])]));
    const encrypted = isEncryptedPath(rules, path);
    if (!options.macOnlyEncrypted || encrypted) hash.update(macBytes(value as SopsScalar));
    return encrypted ? encryptValue(value as SopsScalar, options.dataKey, `${path.join(':')}:`, random(32)) : value;
  };
  const out = walk(plain, []) as Record<string, unknown>;
  const lastModified = options.lastModified ?? '2026-01-02T03:04:05Z';
  const mac = encryptValue(hash.digest('hex').toUpperCase(), options.dataKey, lastModified, random(32));
  const ageKeys = (recipients: string[], secret: Buffer) => recipients.map((r) => ({ recipient: r, enc: ageEncrypt(secret, [r], random) }));
  const sops: Record<string, unknown> = {};
  if (options.groups) {
    const parts = splitSecret(options.dataKey, options.groups.length, options.threshold ?? options.groups.length, random);
    sops['key_groups'] = options.groups.map((g, i) => ({ age: ageKeys(g, parts[i]!) }));
    sops['shamir_threshold'] = options.threshold ?? options.groups.length;
  } else {
    sops['age'] = ageKeys(options.recipients ?? [], options.dataKey);
  }
  sops['lastmodified'] = lastModified;
  sops['mac'] = mac;
  if (options.encryptedRegex) sops['encrypted_regex'] = options.encryptedRegex;
  else sops['unencrypted_suffix'] = options.unencryptedSuffix ?? '_unencrypted';
  if (options.macOnlyEncrypted) sops['mac_only_encrypted'] = true;
  sops['version'] = '3.13.3';
  return { ...out, sops };
}

/** Writes an encrypted flat document as SOPS's dotenv store does: metadata flattened into `sops_*` keys. */
export function toDotenv(doc: Record<string, unknown>): string {
  const lines: string[] = [];
  const flatten = (prefix: string, value: unknown): void => {
    if (Array.isArray(value)) value.forEach((v, i) => flatten(`${prefix}__list_${i}`, v));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(`${prefix}__map_${k}`, v);
    else lines.push(`${prefix}=${String(value).replaceAll('\n', '\\n')}`);
  };
  for (const [k, v] of Object.entries(doc)) {
    if (k === 'sops') for (const [mk, mv] of Object.entries(v as object)) flatten(`sops_${mk}`, mv);
    else lines.push(`${k}=${String(v).replaceAll('\n', '\\n')}`);
  }
  return `${lines.join('\n')}\n`;
}
