// The artifact store under --storage-path: upstream's layout, atomic writes, per-artifact serialisation,
// `latest` links, integrity checks and garbage collection.
import type { Artifact } from '@conflux/api';
import { createReadStream, lstatSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { lstat, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { archiveDirectory, archiveFiles, archiveFilesAtOnce, type ArchiveOptions, type MemoryArchiveOptions, type MemoryFile } from './archive.ts';
import { atomicSymlink, atomicWriteFile, isTempFile } from './atomic-write.ts';
import { createDigester, defaultDigestAlgorithm, type DigestAlgorithm, digestAlgorithmOf, digestOfFile, digestsEqual } from './digest.ts';
import { ArtifactError, ArtifactErrorCode } from './errors.ts';
import { defaultRetentionRecords, defaultRetentionTTLMs, garbageCollectTimeoutMs, garbageCountLimit, selectGarbage, type StoredFile } from './gc.ts';
import { KeyedMutex } from './lock.ts';
import { assertNoSymlinkBetween, assertSafeSegment, secureJoin } from './secure-path.ts';
import { artifactURL } from './url.ts';

export interface StorageOptions {
  /** --storage-path; must already exist as a directory. */
  root: string;
  /** The resolved advertised address (see advertisedStorageAddress). */
  advertisedAddress: string;
  /** --artifact-digest-algo. */
  digestAlgorithm?: DigestAlgorithm;
  /** --artifact-retention-ttl, in milliseconds. */
  retentionTTLMs?: number;
  /** --artifact-retention-records. */
  retentionRecords?: number;
}

/** Where an artifact will be written, before it has bytes (upstream's NewArtifactFor). */
export type ArtifactLocation = Pick<Artifact, 'path' | 'url' | 'revision'>;

export interface GarbageCollectOptions {
  ttlMs?: number;
  records?: number;
  /** For tests: the clock GC compares mtimes with. */
  now?: number;
  timeoutMs?: number;
}

const dirMode = 0o700;

function storageFailed(message: string, subject: string, cause: unknown): ArtifactError {
  return new ArtifactError(ArtifactErrorCode.StorageFailed, message, { subject, cause });
}

export class ArtifactStorage {
  readonly root: string;
  readonly advertisedAddress: string;
  readonly digestAlgorithm: DigestAlgorithm;
  readonly retentionTTLMs: number;
  readonly retentionRecords: number;
  readonly #locks = new KeyedMutex();

  constructor(options: StorageOptions) {
    this.root = options.root;
    this.advertisedAddress = options.advertisedAddress;
    this.digestAlgorithm = options.digestAlgorithm ?? defaultDigestAlgorithm;
    this.retentionTTLMs = options.retentionTTLMs ?? defaultRetentionTTLMs;
    this.retentionRecords = options.retentionRecords ?? defaultRetentionRecords;
  }

  /** `lower(kind)/<namespace>/<name>`, relative to the root. Hostile components are refused. */
  artifactDir(kind: string, namespace: string, name: string): string {
    assertSafeSegment(kind.toLowerCase(), 'kind');
    assertSafeSegment(namespace, 'namespace');
    assertSafeSegment(name, 'name');
    return `${kind.toLowerCase()}/${namespace}/${name}`;
  }

  /** The location of a new artifact file for an object, with its URL. */
  artifactFor(kind: string, namespace: string, name: string, fileName: string, revision: string): ArtifactLocation {
    assertSafeSegment(fileName, 'artifact file name');
    const path = `${this.artifactDir(kind, namespace, name)}/${fileName}`;
    return { path, url: this.urlFor(path), revision };
  }

  urlFor(path: string): string {
    return artifactURL(this.advertisedAddress, path);
  }

  /** The artifact with its URL rebuilt from the current advertised address (reconcileStorage does this every time). */
  withCurrentURL<T extends Pick<Artifact, 'path' | 'url'>>(artifact: T): T {
    return { ...artifact, url: this.urlFor(artifact.path) };
  }

  /** The absolute path of an artifact, refusing any path that would leave the root. */
  localPath(artifact: Pick<Artifact, 'path'>): string {
    return secureJoin(this.root, artifact.path, 'artifact path');
  }

  /** Serialises work on one artifact path (see KeyedMutex for why in-process is enough). */
  withLock<T>(artifact: Pick<Artifact, 'path'>, fn: () => Promise<T>): Promise<T> {
    return this.#locks.run(this.localPath(artifact), fn);
  }

  // The directory and file bookkeeping around an artifact (lstat, mkdir, readdir, rm of small files) is
  // synchronous: each call is microseconds of disk work, and a thread-pool round trip costs more than
  // that on every write of a large first sync (ADR 0011). The artifact's bytes and fsyncs stay async.
  async #prepareDir(target: string): Promise<void> {
    await assertNoSymlinkBetween(this.root, target);
    mkdirSync(dirname(target), { recursive: true, mode: dirMode });
    // Re-check after mkdir: a link planted between the check and the mkdir would otherwise be written through.
    await assertNoSymlinkBetween(this.root, target);
  }

  /** Writes bytes as the artifact, atomically, and returns it with digest, size and lastUpdateTime. */
  async write(location: ArtifactLocation, content: AsyncIterable<Uint8Array> | Uint8Array): Promise<Artifact> {
    let target: string;
    try {
      target = this.localPath(location);
    } catch (err) {
      // An archive stream already started reading files; stop it so no handle is left open.
      if (content instanceof Readable) content.destroy();
      throw err;
    }
    return this.withLock(location, async () => {
      const digester = createDigester(this.digestAlgorithm);
      try {
        await this.#prepareDir(target);
        const size = await atomicWriteFile(target, content, { mode: 0o600, onChunk: (c) => digester.update(c) });
        return { ...location, digest: digester.digest(), size, lastUpdateTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
      } catch (err) {
        if (content instanceof Readable) content.destroy();
        if (err instanceof ArtifactError) throw err;
        throw storageFailed(`writing artifact ${location.path} failed: ${(err as Error).message}`, location.path, err);
      }
    });
  }

  /** Archives a directory tree as the artifact (upstream's Storage.Archive). */
  archive(location: ArtifactLocation, dir: string, options: ArchiveOptions = {}): Promise<Artifact> {
    return this.write(location, archiveDirectory(dir, options) as Readable & AsyncIterable<Buffer>);
  }

  /** Archives an in-memory file list as the artifact. */
  archiveFiles(location: ArtifactLocation, files: readonly MemoryFile[], options: MemoryArchiveOptions = {}): Promise<Artifact> {
    return this.write(location, archiveFilesAtOnce(files, options) ?? (archiveFiles(files, options) as Readable & AsyncIterable<Buffer>));
  }

  /** Stores a file's bytes as-is (upstream's CopyFromPath, for charts and OCI layers in copy mode). */
  copyFromPath(location: ArtifactLocation, sourcePath: string): Promise<Artifact> {
    return this.write(location, createReadStream(sourcePath) as Readable & AsyncIterable<Buffer>);
  }

  /** True when the artifact's file exists as a regular file. */
  async exists(artifact: Pick<Artifact, 'path'>): Promise<boolean> {
    return lstatSync(this.localPath(artifact), { throwIfNoEntry: false })?.isFile() ?? false;
  }

  /** Re-hashes the stored file; false when it is missing or no longer matches its digest. */
  async verify(artifact: Pick<Artifact, 'path' | 'digest'>): Promise<boolean> {
    if (!(await this.exists(artifact))) return false;
    const actual = await digestOfFile(this.localPath(artifact), digestAlgorithmOf(artifact.digest));
    return digestsEqual(artifact.digest, actual);
  }

  /** Removes one artifact file (and a leftover upstream `.lock` beside it). */
  async remove(artifact: Pick<Artifact, 'path'>): Promise<void> {
    const target = this.localPath(artifact);
    rmSync(target, { force: true });
    rmSync(`${target}.lock`, { force: true });
  }

  /**
   * Creates or replaces `<artifact dir>/<linkName>` pointing at the artifact and returns the link's URL. The
   * link target is relative (the file name), so the store can be moved or mounted elsewhere.
   */
  async symlink(artifact: Pick<Artifact, 'path'>, linkName: string): Promise<string> {
    assertSafeSegment(linkName, 'link name');
    const target = this.localPath(artifact);
    const link = join(dirname(target), linkName);
    await this.#prepareDir(link);
    await atomicSymlink(relative(dirname(link), target), link);
    return this.urlFor(`${artifact.path.slice(0, artifact.path.lastIndexOf('/'))}/${linkName}`);
  }

  /** Removes a `latest`-style link if present (GitRepository v1 deletes the deprecated latest.tar.gz). */
  async removeSymlink(artifact: Pick<Artifact, 'path'>, linkName: string): Promise<void> {
    assertSafeSegment(linkName, 'link name');
    const link = join(dirname(this.localPath(artifact)), linkName);
    if (lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) rmSync(link, { force: true });
  }

  async #listFiles(dir: string, deadline: number): Promise<{ files: StoredFile[]; staleTemps: StoredFile[] }> {
    const files: StoredFile[] = [];
    const staleTemps: StoredFile[] = [];
    const visit = async (d: string): Promise<void> => {
      let entries;
      try {
        entries = readdirSync(d, { withFileTypes: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw err;
      }
      for (const e of entries) {
        if (files.length >= garbageCountLimit) return;
        if (Date.now() > deadline) throw new ArtifactError(ArtifactErrorCode.StorageFailed, `garbage collection of ${dir} timed out`, { subject: dir });
        const p = join(d, e.name);
        if (e.isDirectory()) await visit(p);
        // Links and lock files are never garbage; they belong to the files they name.
        else if (e.isFile() && !e.name.endsWith('.lock')) {
          const st = statSync(p);
          (isTempFile(e.name) ? staleTemps : files).push({ path: p, mtimeMs: st.mtimeMs });
        }
      }
    };
    await visit(dir);
    return { files, staleTemps };
  }

  /**
   * Deletes the object's old artifact files by the retention policy and returns their storage paths. The
   * current artifact is never deleted. Temp files of interrupted writes go once they are older than the
   * TTL; younger ones may belong to a write in progress.
   */
  async garbageCollect(current: Pick<Artifact, 'path'>, options: GarbageCollectOptions = {}): Promise<string[]> {
    const currentPath = this.localPath(current);
    const dir = dirname(currentPath);
    const now = options.now ?? Date.now();
    const ttlMs = options.ttlMs ?? this.retentionTTLMs;
    const deadline = Date.now() + (options.timeoutMs ?? garbageCollectTimeoutMs);
    const { files, staleTemps } = await this.#listFiles(dir, deadline);
    const garbage = selectGarbage(files, currentPath, { ttlMs, records: options.records ?? this.retentionRecords, now });
    garbage.push(...staleTemps.filter((t) => now - t.mtimeMs > ttlMs).map((t) => t.path));
    const deleted: string[] = [];
    for (const p of garbage) {
      rmSync(p, { force: true });
      rmSync(`${p}.lock`, { force: true });
      deleted.push(relative(this.root, p).split(sep).join('/'));
    }
    return deleted;
  }

  /** Deletes every file of the object except the current artifact (upstream's RemoveAllButCurrent). */
  async removeAllButCurrent(current: Pick<Artifact, 'path'>): Promise<string[]> {
    return this.garbageCollect(current, { ttlMs: -1, records: 1, now: Date.now() });
  }

  /** Deletes the object's whole directory, as on object deletion. Returns the removed directory, or '' if none. */
  async removeAll(kind: string, namespace: string, name: string): Promise<string> {
    const rel = this.artifactDir(kind, namespace, name);
    const dir = secureJoin(this.root, rel, 'artifact dir');
    await assertNoSymlinkBetween(this.root, dir, true);
    try {
      await lstat(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw err;
    }
    await rm(dir, { recursive: true, force: true });
    return rel;
  }
}

/** Opens the store at `root`, which must already be a directory (as upstream requires). */
export async function openStorage(options: StorageOptions): Promise<ArtifactStorage> {
  let ok = false;
  try {
    ok = (await stat(options.root)).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new ArtifactError(ArtifactErrorCode.StorageFailed, `storage path ${options.root} does not exist or is not a directory; create it or fix --storage-path`, { subject: options.root });
  return new ArtifactStorage(options);
}
