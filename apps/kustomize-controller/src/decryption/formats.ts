// The file formats SOPS encrypts, read into branches plus metadata and written back as plain text:
// YAML (one branch per document), JSON, dotenv (metadata flattened into `sops_*` keys) and binary (a
// JSON envelope whose `data` value is the whole file).
import { parseYamlStream, toYamlStream } from '@conflux/kustomize';

export const SopsFormat = {
  yaml: 'yaml',
  json: 'json',
  dotenv: 'dotenv',
  binary: 'binary',
} as const;
export type SopsFormat = (typeof SopsFormat)[keyof typeof SopsFormat];

export type Branch = Record<string, unknown>;

export interface LoadedFile {
  branches: Branch[];
  /** The raw `sops` section, still to be parsed. */
  metadata: unknown;
}

/** Upstream picks the format from the file extension; anything else is binary. */
export function formatForPath(path: string): SopsFormat {
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/\.json$/i.test(path)) return 'json';
  if (/\.env$/i.test(path)) return 'dotenv';
  return 'binary';
}

// What an encrypted file of each format contains for sure; a file without it is left alone.
const markers: Record<SopsFormat, string> = {
  yaml: 'mac: ENC[',
  json: '"mac": "ENC[',
  dotenv: 'sops_mac=ENC[',
  binary: '"mac": "ENC[',
};

export function looksEncrypted(content: Buffer, format: SopsFormat): boolean {
  return content.includes(markers[format]);
}

/** The format of an encrypted Secret data entry, from its content (upstream's marker bytes). */
export function detectFormat(content: Buffer): SopsFormat | undefined {
  if (content.includes(markers.json)) return 'json';
  if (content.includes(markers.dotenv)) return 'dotenv';
  if (content.includes(markers.yaml)) return 'yaml';
  return undefined;
}

const isBranch = (v: unknown): v is Branch => typeof v === 'object' && v !== null && !Array.isArray(v);

function splitMetadata(docs: unknown[], what: string): LoadedFile {
  const branches: Branch[] = [];
  let metadata: unknown;
  for (const doc of docs) {
    if (!isBranch(doc)) throw new Error(`${what}: a SOPS document must be a mapping`);
    const { sops, ...rest } = doc;
    metadata ??= sops;
    branches.push(rest);
  }
  if (metadata === undefined) throw new Error(`${what}: sops metadata not found`);
  return { branches, metadata };
}

export function loadEncrypted(content: Buffer, format: SopsFormat, file: string): LoadedFile {
  const text = content.toString('utf8');
  switch (format) {
    case 'yaml':
      return splitMetadata(parseYamlStream(text, file), file);
    case 'json':
    case 'binary':
      return splitMetadata([JSON.parse(text) as unknown], file);
    case 'dotenv':
      return loadDotenv(text, file);
  }
}

export function emitPlain(branches: readonly Branch[], format: SopsFormat): Buffer {
  switch (format) {
    case 'yaml':
      return Buffer.from(toYamlStream(branches as never));
    case 'json':
      return Buffer.from(`${JSON.stringify(branches[0] ?? {}, null, '\t')}\n`);
    case 'binary': {
      const data = branches[0]?.['data'];
      if (data === undefined) throw new Error('no binary data found in tree');
      return Buffer.isBuffer(data) ? data : Buffer.from(String(data), 'utf8');
    }
    case 'dotenv':
      return Buffer.from(Object.entries(branches[0] ?? {}).map(([k, v]) => `${k}=${String(v).replaceAll('\n', '\\n')}\n`).join(''));
  }
}

// dotenv keeps metadata flat: `sops_age__list_0__map_recipient=...`.
function loadDotenv(text: string, file: string): LoadedFile {
  const branch: Branch = {};
  const flat: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 0) throw new Error(`${file}: invalid dotenv line '${line.slice(0, 40)}'`);
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1).replaceAll('\\n', '\n');
    if (key.startsWith('sops_')) flat[key.slice(5)] = value;
    else branch[key] = value;
  }
  if (Object.keys(flat).length === 0) throw new Error(`${file}: sops metadata not found`);
  const metadata = unflatten(flat);
  // Flattening turned every metadata value into text.
  if (metadata['mac_only_encrypted'] === 'true') metadata['mac_only_encrypted'] = true;
  return { branches: [branch], metadata };
}

function unflatten(flat: Record<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const tokens = key.split(/__(?=(?:list|map)_)/);
    let node: Record<string, unknown> | unknown[] = root;
    let name: string | number = tokens[0]!;
    for (const token of tokens.slice(1)) {
      const next: Record<string, unknown> | unknown[] = token.startsWith('list_') ? [] : {};
      const slot: unknown = (node as Record<string | number, unknown>)[name];
      node = ((node as Record<string | number, unknown>)[name] = (slot as typeof next | undefined) ?? next);
      name = token.startsWith('list_') ? Number(token.slice(5)) : token.slice(4);
    }
    (node as Record<string | number, unknown>)[name] = value;
  }
  return root;
}
