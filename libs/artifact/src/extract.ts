// Safe extraction of a tar.gz into a directory. The tarball is treated as hostile even after its digest
// verified: a digest proves the bytes are the ones source-controller published, not that whoever wrote the
// source (a Git repo, an OCI layer, a bucket) meant well.
//
// Policy, per entry type:
// - directories and regular files are created, never through a symlink, never outside the target;
// - names that are absolute, contain `..`, a backslash or a NUL are refused (ArtifactUnsafePath);
// - symlinks and hardlinks are never created. One whose target would resolve outside the target directory
//   is refused (ArtifactUnsafePath); one that stays inside is skipped and reported in `skippedLinks`,
//   since Conflux's own tarballs never contain links and a consumer must not depend on them;
// - devices, FIFOs and other special or unknown entry types are refused (ArtifactUnsupportedEntry);
// - the sum of declared entry sizes is capped (default 100 MiB, upstream's DefaultMaxUntarSize) and
//   checked from each header before its body is inflated, so a gzip bomb costs one block of work;
// - the entry count is capped too (many empty files exhaust inodes without using bytes).
// On any failure everything this call created is removed again. Concurrent local tampering with the target
// while extraction runs is out of scope; pass a fresh directory.
import { createReadStream } from 'node:fs';
import { constants } from 'node:fs';
import { lstat, mkdir, open, rm } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ArtifactError, ArtifactErrorCode } from './errors.ts';
import { TypeFlag } from './tar/header.ts';
import { readTar, type TarReadEntry } from './tar/reader.ts';

/** Upstream's DefaultMaxUntarSize: 100 MiB of extracted content. */
export const defaultMaxUntarSize = 100 * 1024 * 1024;
/** Entries of every kind, directories and metadata records included. */
export const defaultMaxEntries = 100_000;
const maxMetadataSize = 1024 * 1024;

export interface ExtractOptions {
  /** Cap on the sum of declared entry sizes; Infinity disables it. */
  maxSize?: number;
  maxEntries?: number;
}

export interface ExtractResult {
  files: number;
  directories: number;
  /** Bytes written to files. */
  bytes: number;
  /** In-bounds symlinks and hardlinks that were not created. */
  skippedLinks: string[];
}

export type TarGzSource = string | Uint8Array | AsyncIterable<Uint8Array>;

function unsafe(message: string, subject: string): ArtifactError {
  return new ArtifactError(ArtifactErrorCode.UnsafePath, message, { subject });
}

/** The components of an entry name, or ArtifactUnsafePath. [] is the archive root. */
export function safeEntrySegments(name: string): string[] {
  if (name.includes('\0') || name.includes('\\')) throw unsafe(`tar entry ${JSON.stringify(name)} contains a NUL or backslash; refusing the tarball`, name);
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw unsafe(`tar entry ${JSON.stringify(name)} is an absolute path; refusing the tarball`, name);
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw unsafe(`tar entry ${JSON.stringify(name)} contains '..'; refusing the tarball`, name);
  return parts;
}

// Whether a link's target resolves inside the archive root. Symlinks resolve from the link's own
// directory; hardlinks name a path from the archive root.
function linkStaysInside(entry: TarReadEntry, segments: string[]): boolean {
  const target = entry.linkname;
  if (target === '' || target.startsWith('/') || target.includes('\\') || /^[A-Za-z]:/.test(target)) return false;
  const base = entry.typeflag === TypeFlag.Symlink ? segments.slice(0, -1) : [];
  const resolved = posix.normalize([...base, target].join('/'));
  return resolved !== '..' && !resolved.startsWith('../');
}

function toAsyncIterable(source: TarGzSource): AsyncIterable<Uint8Array> {
  if (typeof source === 'string') return createReadStream(source) as AsyncIterable<Buffer>;
  if (source instanceof Uint8Array) return Readable.from([source]);
  return source;
}

class Extraction {
  readonly #root: string;
  readonly #verifiedDirs = new Set<string>();
  readonly created: string[] = [];
  readonly result: ExtractResult = { files: 0, directories: 0, bytes: 0, skippedLinks: [] };

  constructor(root: string) {
    this.#root = root;
  }

  // Creates each missing component; refuses one that exists as a symlink or a file.
  async #ensureDir(segments: string[]): Promise<string> {
    let current = this.#root;
    for (let i = 0; i < segments.length; i++) {
      current = join(current, segments[i]!);
      if (this.#verifiedDirs.has(current)) continue;
      try {
        const st = await lstat(current);
        if (st.isSymbolicLink()) throw unsafe(`tar entry ${segments.join('/')} would be written through the symlink ${current}; refusing`, segments.join('/'));
        if (!st.isDirectory()) {
          throw new ArtifactError(ArtifactErrorCode.InvalidArchive, `tar entry ${segments.join('/')} needs ${current} to be a directory, but it is a file`, {
            subject: segments.join('/'),
          });
        }
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        await mkdir(current, { mode: 0o750 });
        this.created.push(current);
        this.result.directories += 1;
      }
      this.#verifiedDirs.add(current);
    }
    return current;
  }

  async directory(segments: string[]): Promise<void> {
    await this.#ensureDir(segments);
  }

  async file(entry: TarReadEntry, segments: string[]): Promise<void> {
    const parent = await this.#ensureDir(segments.slice(0, -1));
    const path = join(parent, segments[segments.length - 1]!);
    let existed = false;
    try {
      const st = await lstat(path);
      existed = true;
      if (st.isSymbolicLink()) throw unsafe(`tar entry ${entry.path} would overwrite the symlink ${path}; refusing`, entry.path);
      if (!st.isFile()) throw new ArtifactError(ArtifactErrorCode.InvalidArchive, `tar entry ${entry.path} collides with a directory`, { subject: entry.path });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const mode = (entry.mode & 0o755) | 0o600;
    // O_NOFOLLOW closes the gap between the lstat above and the open.
    const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, mode);
    if (!existed) this.created.push(path);
    try {
      for await (const chunk of entry.body()) {
        let offset = 0;
        while (offset < chunk.length) offset += (await handle.write(chunk, offset, chunk.length - offset)).bytesWritten;
        this.result.bytes += chunk.length;
      }
    } finally {
      await handle.close();
    }
    this.result.files += 1;
  }

  link(entry: TarReadEntry, segments: string[]): void {
    const kind = entry.typeflag === TypeFlag.Symlink ? 'symlink' : 'hardlink';
    if (!linkStaysInside(entry, segments)) {
      throw unsafe(`tar entry ${entry.path} is a ${kind} to ${JSON.stringify(entry.linkname)}, outside the target directory; refusing the tarball`, entry.path);
    }
    this.result.skippedLinks.push(segments.join('/'));
  }

  async undo(): Promise<void> {
    for (const p of this.created.reverse()) await rm(p, { recursive: true, force: true });
  }
}

async function prepareTarget(target: string): Promise<boolean> {
  try {
    const st = await lstat(target);
    if (!st.isDirectory()) throw unsafe(`extraction target ${target} is not a directory (a symlink or a file)`, target);
    return false;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await mkdir(target, { recursive: true, mode: 0o750 });
    return true;
  }
}

async function extractEntries(entries: AsyncIterable<TarReadEntry>, x: Extraction): Promise<void> {
  for await (const entry of entries) {
    const segments = safeEntrySegments(entry.path);
    switch (entry.typeflag) {
      case TypeFlag.Directory:
        await x.directory(segments);
        break;
      case TypeFlag.File:
      case TypeFlag.OldFile:
      case TypeFlag.Contiguous:
        if (segments.length === 0) throw unsafe(`tar entry ${JSON.stringify(entry.path)} is a file named like the root`, entry.path);
        await x.file(entry, segments);
        break;
      case TypeFlag.Symlink:
      case TypeFlag.HardLink:
        x.link(entry, segments);
        break;
      default:
        throw new ArtifactError(
          ArtifactErrorCode.UnsupportedEntry,
          `tar entry ${entry.path} has type ${JSON.stringify(entry.typeflag)} (device, FIFO or other special file), which is never extracted; refusing the tarball`,
          { subject: entry.path },
        );
    }
  }
}

/**
 * Extracts a tar.gz (a file path, bytes, or a byte stream) into `target`, creating it if needed. Throws an
 * ArtifactError and leaves nothing behind when the tarball is unsafe, too large or malformed.
 */
export async function extractTarGz(source: TarGzSource, target: string, options: ExtractOptions = {}): Promise<ExtractResult> {
  const createdTarget = await prepareTarget(target);
  const x = new Extraction(target);
  const input = Readable.from(toAsyncIterable(source), { objectMode: false });
  const gunzip = createGunzip();
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  const limits = { maxEntries: options.maxEntries ?? defaultMaxEntries, maxTotalSize: options.maxSize ?? defaultMaxUntarSize, maxMetadataSize };
  try {
    await extractEntries(readTar(gunzip as AsyncIterable<Buffer>, limits), x);
    return x.result;
  } catch (err) {
    await x.undo();
    if (createdTarget) await rm(target, { recursive: true, force: true });
    if (err instanceof ArtifactError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_') || code === 'ERR_STREAM_PREMATURE_CLOSE') {
      throw new ArtifactError(ArtifactErrorCode.InvalidArchive, `artifact is not a valid gzip stream: ${(err as Error).message}`, { cause: err });
    }
    throw err;
  } finally {
    input.unpipe(gunzip);
    input.destroy();
    gunzip.destroy();
  }
}
