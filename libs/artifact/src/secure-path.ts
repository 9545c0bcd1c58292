// Storage paths are built from object names, and status.artifact.path can be edited by anyone who can
// patch status, so no component is trusted to stay inside the storage root.
import { lstatSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ArtifactError, ArtifactErrorCode } from './errors.ts';

function unsafe(message: string, subject: string): ArtifactError {
  return new ArtifactError(ArtifactErrorCode.UnsafePath, message, { subject });
}

/**
 * One path component (a kind, namespace, name or file name): non-empty, not `.` or `..`, no slashes,
 * backslashes or NULs, at most 255 bytes. Kubernetes names always pass; anything else is hostile.
 */
export function assertSafeSegment(value: string, what: string): void {
  if (value === '' || value === '.' || value === '..' || /[/\\\0]/.test(value) || Buffer.byteLength(value) > 255) {
    throw unsafe(`${what} ${JSON.stringify(value)} is not a safe path component`, value);
  }
}

/** The components of a slash-separated relative path, each checked by assertSafeSegment. */
export function safeSegments(relPath: string, what = 'path'): string[] {
  if (relPath.startsWith('/')) throw unsafe(`${what} ${JSON.stringify(relPath)} is absolute`, relPath);
  const parts = relPath.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0) throw unsafe(`${what} ${JSON.stringify(relPath)} is empty`, relPath);
  for (const p of parts) assertSafeSegment(p, `${what} ${JSON.stringify(relPath)} has component`);
  return parts;
}

/** `root` joined with a relative path that is refused, not clamped, if it tries to leave the root. */
export function secureJoin(root: string, relPath: string, what = 'path'): string {
  const joined = join(root, ...safeSegments(relPath, what));
  const rel = relative(root, joined);
  if (rel === '' || rel.startsWith('..') || rel.startsWith(sep)) throw unsafe(`${what} ${JSON.stringify(relPath)} escapes ${root}`, relPath);
  return joined;
}

/**
 * Refuses when an existing directory between `root` and `absPath` is a symlink, so a planted link cannot
 * redirect a write outside the root. Components that do not exist yet are fine: we create them.
 */
export async function assertNoSymlinkBetween(root: string, absPath: string, includeLast = false): Promise<void> {
  const parts = relative(root, absPath).split(sep);
  const last = includeLast ? parts.length : parts.length - 1;
  let current = root;
  for (let i = 0; i < last; i++) {
    current = join(current, parts[i]!);
    // Synchronous: a metadata lookup of a few microseconds, on every artifact write (see ADR 0011).
    const st = lstatSync(current, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isSymbolicLink()) throw unsafe(`${current} is a symlink; refusing to write through it`, current);
    if (i < parts.length - 1 && !st.isDirectory()) throw unsafe(`${current} is not a directory`, current);
  }
}
