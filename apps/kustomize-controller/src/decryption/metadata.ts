// The `sops` section of an encrypted document, as SOPS stores it (stores/stores.go): the master keys
// that each hold the data key, the rules that chose which values were encrypted, and the encrypted MAC.
export class SopsMetadataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SopsMetadataError';
  }
}

/** The master key kinds a document may name; only age and pgp can be opened here. */
export const CloudKeyKinds = ['kms', 'gcp_kms', 'azure_kv', 'hc_vault', 'hckms'] as const;

export interface AgeMasterKey {
  recipient: string;
  enc: string;
}

export interface PgpMasterKey {
  fp: string;
  enc: string;
}

export interface KeyGroup {
  age: AgeMasterKey[];
  pgp: PgpMasterKey[];
  /** Kinds of cloud master keys in this group (aws kms, gcp_kms, azure_kv, hc_vault), named in errors. */
  cloud: string[];
}

export interface EncryptionRules {
  unencryptedSuffix?: string;
  encryptedSuffix?: string;
  unencryptedRegex?: RegExp;
  encryptedRegex?: RegExp;
}

export interface SopsMetadata {
  /** lastmodified in Go's time.RFC3339 form: the additional data of the MAC. */
  lastModified: string;
  mac: string;
  macOnlyEncrypted: boolean;
  rules: EncryptionRules;
  keyGroups: KeyGroup[];
  shamirThreshold: number;
  version: string;
}

type Raw = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const list = (v: unknown): Raw[] => (Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Raw[]) : []);

/**
 * Go parses lastmodified as a time and formats it back with RFC3339, which drops fractions of a second
 * and writes a zero offset as `Z`; the MAC's additional data is that string, not the stored one.
 */
export function goRFC3339(value: unknown): string {
  if (value instanceof Date) return value.toISOString().replace(/\.\d+Z$/, 'Z');
  const text = String(value ?? '');
  const m = /^(\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2})(?:\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) throw new SopsMetadataError(`lastmodified '${text}' is not an RFC 3339 time`);
  const zone = m[2]!.toUpperCase() === 'Z' || m[2] === '+00:00' || m[2] === '-00:00' ? 'Z' : m[2]!;
  return `${m[1]!.replace(/[t ]/, 'T')}${zone}`;
}

function goRegExp(source: string, field: string): RegExp {
  try {
    // Go's regexp.Match is unanchored, as RegExp.test is.
    return new RegExp(source, 'u');
  } catch (err) {
    throw new SopsMetadataError(`${field} '${source}' is not a valid regular expression: ${(err as Error).message}`);
  }
}

function keyGroup(raw: Raw): KeyGroup {
  const age = list(raw['age']).map((k) => ({ recipient: String(k['recipient'] ?? ''), enc: String(k['enc'] ?? '') }));
  const pgp = list(raw['pgp']).map((k) => ({ fp: String(k['fp'] ?? ''), enc: String(k['enc'] ?? '') }));
  const cloud = CloudKeyKinds.filter((kind) => list(raw[kind]).length > 0).map((kind) => (kind === 'kms' ? 'aws kms' : kind));
  return { age, pgp, cloud };
}

export function parseMetadata(raw: unknown): SopsMetadata {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new SopsMetadataError('sops metadata not found');
  const m = raw as Raw;
  const mac = str(m['mac']);
  if (!mac) throw new SopsMetadataError('sops metadata has no mac');
  if (str(m['unencrypted_comment_regex']) || str(m['encrypted_comment_regex'])) {
    throw new SopsMetadataError('documents encrypted with unencrypted_comment_regex or encrypted_comment_regex are not supported: comments do not survive the kustomize build');
  }
  const set = ['unencrypted_suffix', 'encrypted_suffix', 'unencrypted_regex', 'encrypted_regex'].filter((k) => str(m[k]));
  if (set.length > 1) throw new SopsMetadataError(`only one of ${set.join(', ')} may be set`);
  const rules: EncryptionRules = {};
  if (str(m['unencrypted_suffix'])) rules.unencryptedSuffix = str(m['unencrypted_suffix'])!;
  if (str(m['encrypted_suffix'])) rules.encryptedSuffix = str(m['encrypted_suffix'])!;
  if (str(m['unencrypted_regex'])) rules.unencryptedRegex = goRegExp(str(m['unencrypted_regex'])!, 'unencrypted_regex');
  if (str(m['encrypted_regex'])) rules.encryptedRegex = goRegExp(str(m['encrypted_regex'])!, 'encrypted_regex');
  // SOPS's default when a document names no rule.
  if (set.length === 0) rules.unencryptedSuffix = '_unencrypted';
  const groups = Array.isArray(m['key_groups']) && m['key_groups'].length > 0 ? list(m['key_groups']).map(keyGroup) : [keyGroup(m)];
  const threshold = Number(m['shamir_threshold'] ?? 0) || 0;
  return {
    lastModified: goRFC3339(m['lastmodified']),
    mac,
    macOnlyEncrypted: m['mac_only_encrypted'] === true,
    rules,
    keyGroups: groups,
    shamirThreshold: threshold > 0 ? threshold : groups.length,
    version: String(m['version'] ?? ''),
  };
}

/** SOPS's shouldBeEncrypted, without the comment rules (refused in parseMetadata). */
export function isEncryptedPath(rules: EncryptionRules, path: readonly string[]): boolean {
  let encrypted = true;
  if (rules.unencryptedSuffix !== undefined && path.some((p) => p.endsWith(rules.unencryptedSuffix!))) encrypted = false;
  if (rules.encryptedSuffix !== undefined) encrypted = path.some((p) => p.endsWith(rules.encryptedSuffix!));
  if (rules.unencryptedRegex && path.some((p) => rules.unencryptedRegex!.test(p))) encrypted = false;
  if (rules.encryptedRegex) encrypted = path.some((p) => rules.encryptedRegex!.test(p));
  return encrypted;
}
