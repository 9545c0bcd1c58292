import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Each remote gets a bare repository under the cache root, named by a hash of its URL (without
 * credentials), so a new commit costs a fetch of the new objects instead of a fresh clone.
 *
 * Cached objects are never served without asking the remote first: every checkout lists the remote's
 * refs with the caller's own credentials, so sharing a cache between objects that use the same URL
 * cannot hand content to someone the server would refuse.
 */
export function cacheDirFor(root: string, url: string): string {
  return join(root, createHash('sha256').update(url).digest('hex').slice(0, 32));
}

// isomorphic-git writes one pack per fetch and cannot repack; past this many packs a fresh shallow
// clone is cheaper than looking objects up across all of them.
const maxPacks = 64;

const locks = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` with the cache of `url` to itself within this process: two fetches into one repository
 * would race on its refs and shallow file. Controllers do not share caches across processes.
 */
export async function withCache<T>(root: string, url: string, fn: (gitdir: string) => Promise<T>): Promise<T> {
  const gitdir = cacheDirFor(root, url);
  const previous = locks.get(gitdir) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(async () => {
    await prepareCache(gitdir, url);
    return fn(gitdir);
  });
  const tail = run.catch(() => undefined);
  locks.set(gitdir, tail);
  try {
    return await run;
  } finally {
    if (locks.get(gitdir) === tail) locks.delete(gitdir);
  }
}

/** Creates the bare repository if it is missing (or was dropped), and recreates it past the pack limit. */
export async function prepareCache(gitdir: string, url: string): Promise<void> {
  // existsSync first: a failed readdir builds an error with a stack, and every first sync of a
  // repository takes that path.
  const packDir = join(gitdir, 'objects', 'pack');
  let packs: string[] | undefined;
  try {
    packs = existsSync(packDir) ? readdirSync(packDir) : undefined;
  } catch {
    packs = undefined;
  }
  if (packs && packs.filter((f) => f.endsWith('.pack')).length > maxPacks) await rm(gitdir, { recursive: true, force: true });
  else if (packs) return;
  // Written directly rather than through isomorphic-git's init and two setConfig calls: the same bare
  // repository in a quarter of the file operations, which a first sync of many repositories feels.
  // objects/pack comes last because its presence is what marks the cache as ready.
  // Synchronous, as the git file system's small calls are (git-fs.ts): seven thread-pool round trips
  // for a few microseconds of disk work each.
  mkdirSync(join(gitdir, 'refs', 'heads'), { recursive: true });
  mkdirSync(join(gitdir, 'refs', 'tags'), { recursive: true });
  // Where every fetch writes its refs (isomorphic-git's remote-tracking ref and this lib's own): present
  // up front, each write is one call instead of a failed write and a directory-by-directory mkdir.
  mkdirSync(join(gitdir, 'refs', 'remotes', 'origin'), { recursive: true });
  mkdirSync(join(gitdir, 'refs', 'conflux', 'refs', 'heads'), { recursive: true });
  mkdirSync(join(gitdir, 'refs', 'conflux', 'refs', 'tags'), { recursive: true });
  writeFileSync(join(gitdir, 'HEAD'), 'ref: refs/heads/master\n');
  writeFileSync(join(gitdir, 'config'), bareConfig(url));
  mkdirSync(join(gitdir, 'objects', 'pack'), { recursive: true });
}

/** isomorphic-git refuses to fetch without a refspec for origin, though this lib tracks refs itself. */
function bareConfig(url: string): string {
  const quoted = url.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return [
    '[core]',
    '\trepositoryformatversion = 0',
    '\tfilemode = false',
    '\tbare = true',
    '[remote "origin"]',
    `\turl = "${quoted}"`,
    '\tfetch = +refs/heads/*:refs/remotes/origin/*',
    '',
  ].join('\n');
}

/** Forgets a remote's cache, e.g. after it was found corrupt. */
export async function dropCache(root: string, url: string): Promise<void> {
  await rm(cacheDirFor(root, url), { recursive: true, force: true });
}
