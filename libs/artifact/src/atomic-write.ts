// A served path only ever holds a complete file: bytes go to a temp file in the same directory (same
// filesystem, so rename is atomic), are fsynced, and only then renamed over the target.
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, symlinkSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temp files start with this, so GC can tell an interrupted write from an artifact. */
export const tempFilePrefix = '.conflux-tmp-';

export function isTempFile(name: string): boolean {
  return basename(name).startsWith(tempFilePrefix);
}

function tempPathFor(target: string): string {
  return join(dirname(target), `${tempFilePrefix}${randomBytes(6).toString('hex')}-${basename(target)}`);
}

// Makes the rename itself durable; without it a crash can forget the new directory entry.
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface AtomicWriteOptions {
  /** Final mode of the file; upstream uses 0600. */
  mode?: number;
  /** Sees every chunk as it is written (digest and size without a second read). */
  onChunk?: (chunk: Uint8Array) => void;
}

/**
 * Writes `content` to `target` atomically and returns the byte count. If `content` throws part-way, the
 * temp file is removed and `target` keeps whatever it held before (or stays absent).
 */
export async function atomicWriteFile(
  target: string,
  content: AsyncIterable<Uint8Array> | Iterable<Uint8Array> | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<number> {
  const mode = options.mode ?? 0o600;
  const temp = tempPathFor(target);
  const handle = await open(temp, 'wx', mode);
  let size = 0;
  let closed = false;
  try {
    const chunks = content instanceof Uint8Array ? [content] : content;
    for await (const chunk of chunks) {
      options.onChunk?.(chunk);
      let offset = 0;
      while (offset < chunk.length) {
        const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
        offset += bytesWritten;
      }
      size += chunk.length;
    }
    await handle.sync();
    // The umask may have narrowed the mode given to open(); chmod states it exactly.
    await handle.chmod(mode);
    await handle.close();
    closed = true;
    await rename(temp, target);
  } catch (err) {
    if (!closed) await handle.close().catch(() => {});
    await rm(temp, { force: true });
    throw err;
  }
  await syncDir(dirname(target));
  return size;
}

/** Points `linkPath` at `target` (relative), replacing any previous link atomically. */
export async function atomicSymlink(target: string, linkPath: string): Promise<void> {
  // Synchronous: two metadata calls, cheaper than their thread-pool round trips (ADR 0011).
  const temp = tempPathFor(linkPath);
  symlinkSync(target, temp);
  try {
    renameSync(temp, linkPath);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
