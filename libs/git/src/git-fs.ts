import * as nodeFs from 'node:fs';

type Promises = typeof nodeFs.promises;
type ReadFile = Promises['readFile'];

/**
 * The file system handed to isomorphic-git. It wraps whatever it is given on every API call and probes
 * it each time by calling `readFile()` with no arguments to see whether a promise comes back; on
 * node:fs that builds and throws an argument error, twice per call and dozens of times per clone.
 * Answering the probe with a resolved promise gives isomorphic-git the same verdict for nothing.
 */
const readFile = ((...args: Parameters<ReadFile>) =>
  args[0] === undefined ? Promise.resolve(undefined) : nodeFs.promises.readFile(...args)) as ReadFile;

export const gitFs = { promises: { ...nodeFs.promises, readFile } };

export type GitFs = typeof gitFs;

const scoped = new WeakMap<object, GitFs>();

/**
 * The file system for one checkout, keyed by the isomorphic-git object cache the checkout passes to
 * every call (or the plain one without a cache). isomorphic-git asks the disk the same questions on
 * every API call: it stats the git directory, probes for a loose copy of each object it reads and lists
 * objects/pack again for each one. For a small repository that was most of a first sync's file system
 * work. Within one checkout, which holds its cache's lock, the answers only change through writes made
 * by this same file system, so it remembers them and forgets on every write.
 */
export function gitFsFor(cache: object | undefined): GitFs {
  if (cache === undefined) return gitFs;
  let fs = scoped.get(cache);
  if (!fs) {
    fs = rememberingFs();
    scoped.set(cache, fs);
  }
  return fs;
}

// The caches Conflux keeps are filled by fetches only, which write packs: isomorphic-git writes loose
// objects solely when it creates commits, trees or blobs itself, which this lib never asks it to do.
const looseObject = /\/objects\/[0-9a-f]{2}\/[0-9a-f]{38}$/;

// One shared error: isomorphic-git only looks at its code, and building a fresh Error (with its stack) for
// each probe cost more than the probe it replaced.
const noLooseObject: NodeJS.ErrnoException = Object.freeze(Object.assign(new Error('ENOENT: Conflux caches hold no loose objects'), { code: 'ENOENT' }));

function rememberingFs(): GitFs {
  const node = nodeFs.promises;
  const listings = new Map<string, Promise<string[]>>();
  const stats = new Map<string, Promise<nodeFs.Stats>>();
  const forget = () => {
    listings.clear();
    stats.clear();
  };
  const writing =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      forget();
      return fn(...args);
    };
  const promises: Promises = {
    ...node,
    readFile: ((path: unknown, ...rest: unknown[]) => {
      if (path === undefined) return Promise.resolve(undefined);
      if (typeof path === 'string' && looseObject.test(path)) return Promise.reject(noLooseObject);
      return (node.readFile as (...a: unknown[]) => Promise<unknown>)(path, ...rest);
    }) as ReadFile,
    readdir: ((path: unknown, options?: unknown) => {
      if (options !== undefined || typeof path !== 'string' || !path.endsWith('/objects/pack')) return (node.readdir as (...a: unknown[]) => Promise<unknown>)(path, options);
      let listing = listings.get(path);
      if (!listing) {
        listing = node.readdir(path);
        listings.set(path, listing);
        // A failure is not remembered: the next call asks the disk again.
        listing.catch(() => listings.delete(path));
      }
      return listing.then((names) => [...names]);
    }) as Promises['readdir'],
    // Only directories are remembered (the git directory, which isomorphic-git stats on every call).
    stat: ((path: unknown, options?: unknown) => {
      if (options !== undefined || typeof path !== 'string') return (node.stat as (...a: unknown[]) => Promise<unknown>)(path, options);
      if (looseObject.test(path)) return Promise.reject(noLooseObject);
      const known = stats.get(path);
      if (known) return known;
      return node.stat(path).then((st) => {
        if (st.isDirectory()) stats.set(path, Promise.resolve(st));
        return st;
      });
    }) as Promises['stat'],
    writeFile: writing(node.writeFile),
    mkdir: writing(node.mkdir) as Promises['mkdir'],
    rename: writing(node.rename),
    unlink: writing(node.unlink),
    rmdir: writing(node.rmdir),
    rm: writing(node.rm),
    symlink: writing(node.symlink),
  };
  return { promises: promises as GitFs['promises'] };
}
