// Deterministic tar.gz construction (upstream's Storage.Archive): the digest of the result depends only on
// the paths, the exec bits and the bytes of the files, never on who owns them, when they were written,
// their umask, or the order the filesystem lists them in.
import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';
import type { IgnoreFilter } from './ignore.ts';
import type { TarEntry } from './tar/writer.ts';
import { tarBytes, tarStream } from './tar/writer.ts';

export const defaultDirMode = 0o750;
export const defaultFileMode = 0o600;
export const defaultExecFileMode = 0o700;

/** Upstream's normalised modes: directories 0750, files 0600, files with any exec bit 0700. */
export function normaliseMode(isDir: boolean, mode: number): number {
  if (isDir) return defaultDirMode;
  return (mode & 0o111) !== 0 ? defaultExecFileMode : defaultFileMode;
}

export interface ArchiveOptions {
  /** Returns true for paths to leave out. A directory that matches is omitted, but its contents are still
   * offered to the filter one by one, as upstream's walk does. */
  filter?: IgnoreFilter;
}

function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

// Depth-first with children sorted bytewise: the order of Go's filepath.Walk.
async function* walk(root: string, rel: string, filter: IgnoreFilter | undefined): AsyncGenerator<TarEntry> {
  const abs = rel === '.' ? root : join(root, rel);
  const names = (await readdir(abs, { withFileTypes: true })).map((d) => d.name).sort(byteCompare);
  for (const name of names) {
    const childRel = rel === '.' ? name : `${rel}/${name}`;
    const childAbs = join(abs, name);
    const st = await lstat(childAbs);
    // Symlinks, sockets, FIFOs and devices are skipped: a link could smuggle in content from outside the
    // source, and nothing else has portable bytes.
    if (st.isDirectory()) {
      if (!filter?.(childRel, true)) yield { type: 'dir', path: childRel, mode: defaultDirMode };
      yield* walk(root, childRel, filter);
    } else if (st.isFile()) {
      if (filter?.(childRel, false)) continue;
      const size = st.size;
      yield { type: 'file', path: childRel, mode: normaliseMode(false, st.mode), size, content: () => readNoFollow(childAbs) };
    }
  }
}

async function* readNoFollow(path: string): AsyncGenerator<Uint8Array> {
  // O_NOFOLLOW: a file swapped for a symlink after the walk looked at it must not be followed.
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    yield* handle.createReadStream({ autoClose: false }) as AsyncIterable<Buffer>;
  } finally {
    await handle.close();
  }
}

/** The entries of a directory tree in archive order, the root first as '.'. */
export async function* directoryEntries(dir: string, options: ArchiveOptions = {}): AsyncGenerator<TarEntry> {
  yield { type: 'dir', path: '.', mode: defaultDirMode };
  yield* walk(dir, '.', options.filter);
}

export interface MemoryFile {
  /** Slash-separated and relative, e.g. 'deploy/app.yaml'. */
  path: string;
  content: string | Uint8Array;
  /** Only the exec bits matter; defaults to 0644. */
  mode?: number;
}

/** Slash-separated paths in the order of a depth-first walk with byte-sorted children. */
export function componentCompare(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const c = byteCompare(pa[i]!, pb[i]!);
    if (c !== 0) return c;
  }
  return pa.length - pb.length;
}

/** A path's components without '' and '.'; absolute paths and '..' are refused. */
function relativeParts(path: string, what: string): string[] {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (path.startsWith('/') || parts.includes('..')) throw new Error(`in-memory ${what} '${path}' must be relative and stay inside the archive`);
  return parts;
}

export interface MemoryArchiveOptions extends ArchiveOptions {
  /** Directories to include even if no file lies below them, as an empty directory on disk would be. */
  directories?: readonly string[];
}

/**
 * Archive entries for an in-memory file list, with the directories a walk of the same tree on disk would
 * produce, so both give the same bytes. Paths are cleaned; `..` and absolute paths are refused.
 */
export function memoryEntries(files: readonly MemoryFile[], options: MemoryArchiveOptions = {}): TarEntry[] {
  const dirs = new Set<string>();
  for (const d of options.directories ?? []) {
    const parts = relativeParts(d, 'directory');
    for (let i = 1; i <= parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const byPath = new Map<string, TarEntry>();
  for (const f of files) {
    const parts = relativeParts(f.path, 'file path');
    if (parts.length === 0) throw new Error(`in-memory file path '${f.path}' must be relative and stay inside the archive`);
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    const path = parts.join('/');
    const bytes = typeof f.content === 'string' ? Buffer.from(f.content) : f.content;
    byPath.set(path, { type: 'file', path, mode: normaliseMode(false, f.mode ?? 0o644), size: bytes.length, content: () => bytes });
  }
  for (const d of dirs) {
    if (byPath.has(d)) throw new Error(`in-memory path '${d}' is both a file and a directory`);
    byPath.set(d, { type: 'dir', path: d, mode: defaultDirMode });
  }
  const entries = [...byPath.values()].filter((e) => !options.filter?.(e.path, e.type === 'dir'));
  entries.sort((a, b) => componentCompare(a.path, b.path));
  return [{ type: 'dir', path: '.', mode: defaultDirMode }, ...entries];
}

/**
 * Gzip over the tar stream. Node's zlib writes a fixed header (no name, mtime 0, OS=unix), so equal
 * entries give equal bytes for a given zlib build, just as upstream's digests are stable per Go release.
 */
export function tarGz(entries: AsyncIterable<TarEntry> | Iterable<TarEntry>): Readable {
  const gzip = createGzip();
  pipeline(Readable.from(tarStream(entries)), gzip, (err) => {
    if (err && !gzip.destroyed) gzip.destroy(err);
  });
  return gzip;
}

/** A deterministic tar.gz of a directory tree (regular files and directories only). */
export function archiveDirectory(dir: string, options: ArchiveOptions = {}): Readable {
  return tarGz(directoryEntries(dir, options));
}

/** A deterministic tar.gz of an in-memory file list. */
export function archiveFiles(files: readonly MemoryFile[], options: MemoryArchiveOptions = {}): Readable {
  return tarGz(memoryEntries(files, options));
}

// Up to this much file content, an in-memory tree is gzipped in one synchronous call. The stream hands
// every chunk to the thread pool and back; for the few kilobytes of a typical repository that costs more
// than the compression, while a call this size holds the event loop for a few milliseconds at most.
const oneShotLimit = 1 << 20;

/**
 * The bytes `archiveFiles` would stream, built at once, for a small file list; undefined when the files
 * hold more than a megabyte, which is better streamed. zlib's output does not depend on how its input is
 * split, so both give the same artifact.
 */
export function archiveFilesAtOnce(files: readonly MemoryFile[], options: MemoryArchiveOptions = {}): Buffer | undefined {
  let size = 0;
  for (const f of files) size += typeof f.content === 'string' ? Buffer.byteLength(f.content) : f.content.length;
  if (size > oneShotLimit) return undefined;
  return gzipSync(tarBytes(memoryEntries(files, options)));
}
