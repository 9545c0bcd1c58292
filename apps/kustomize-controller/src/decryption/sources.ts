// Before the build (reference §5.2): SOPS-encrypted inputs of secretGenerators (`files` and `envs`) are
// decrypted in place inside the extracted artifact, so kustomize generates Secrets from cleartext. The
// kustomization files are followed through `resources` and `components` directories; nothing outside
// the artifact root is read or written.
import { lstat, readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseYamlStream } from '@conflux/kustomize';
import { decryptFile } from './document.ts';
import { formatForPath, looksEncrypted, type SopsFormat } from './formats.ts';
import type { Keyring } from './keyring.ts';

const kustomizationNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
// Upstream's limit on one encrypted file.
const maxFileSize = 5 << 20;

type SecretArgs = { files?: unknown; envs?: unknown; env?: unknown };
type KustomizationFile = { resources?: unknown; components?: unknown; bases?: unknown; secretGenerator?: unknown };

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

function inside(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  return rel.startsWith('..') || isAbsolute(rel) ? undefined : path;
}

async function readKustomization(dir: string): Promise<KustomizationFile | undefined> {
  for (const name of kustomizationNames) {
    const text = await readFile(join(dir, name), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    // A broken kustomization file is the build's to report, with its own reason.
    try {
      const [doc] = parseYamlStream(text, name, true);
      return (doc ?? {}) as KustomizationFile;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

async function isDirectory(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => undefined))?.isDirectory() ?? false;
}

export async function decryptGeneratorSources(root: string, path: string, keyring: Keyring): Promise<void> {
  const visited = new Set<string>();
  const decrypted = new Set<string>();
  const decryptOne = async (dir: string, ref: string, format: SopsFormat) => {
    const file = inside(root, resolve(dir, ref));
    if (!file || decrypted.has(file)) return;
    const info = await lstat(file).catch(() => undefined);
    // Missing files, links and directories are left for the build to report.
    if (!info?.isFile()) return;
    if (info.size > maxFileSize) throw new Error(`cannot decrypt '${relative(root, file)}': ${info.size} bytes exceeds the limit of ${maxFileSize}`);
    const content = await readFile(file);
    if (!looksEncrypted(content, format)) return;
    let plain: Buffer;
    try {
      plain = await decryptFile(content, format, relative(root, file), keyring);
    } catch (err) {
      throw new Error(`error decrypting sources: '${relative(root, file)}': ${(err as Error).message}`, { cause: err });
    }
    await writeFile(file, plain, { mode: 0o600 });
    decrypted.add(file);
  };
  const visit = async (dir: string): Promise<void> => {
    if (visited.has(dir)) return;
    visited.add(dir);
    const k = await readKustomization(dir);
    if (!k) return;
    for (const gen of (Array.isArray(k.secretGenerator) ? k.secretGenerator : []) as SecretArgs[]) {
      for (const source of strings(gen.files)) {
        // `key=path` names the entry; without `=`, the path is the key too.
        const eq = source.indexOf('=');
        const [key, ref] = eq < 0 ? [source, source] : [source.slice(0, eq), source.slice(eq + 1)];
        await decryptOne(dir, ref, formatForPath(key));
      }
      for (const env of [...strings(gen.envs), ...strings(gen.env)]) {
        const format = formatForPath(env);
        await decryptOne(dir, env, format === 'binary' ? 'dotenv' : format);
      }
    }
    for (const ref of [...strings(k.resources), ...strings(k.components), ...strings(k.bases)]) {
      const next = inside(root, resolve(dir, ref));
      if (next && (await isDirectory(next))) await visit(next);
    }
  };
  await visit(resolve(root, path));
}
