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

// Small file calls go through node:fs's synchronous API, wrapped in settled promises. A promise call
// makes up to four trips through libuv's thread pool (open, fstat, read, close), each handing work to
// another thread and waking the loop again; for the refs, config and shallow files of a cache, that
// costs many times the few microseconds the disk needs. Writes above this size, which only packs of big
// repositories reach, stay asynchronous so the loop is not held while they are written.
const syncWriteLimit = 1 << 20;

type AnyFn = (...args: never[]) => unknown;

/** `fn` run at once; its result or its throw as a settled promise, as the promise API would give. */
function viaSync<F extends AnyFn>(fn: F): (...args: Parameters<F>) => Promise<ReturnType<F>> {
  return (...args) => {
    try {
      return Promise.resolve(fn(...args) as ReturnType<F>);
    } catch (err) {
      return Promise.reject(err as Error);
    }
  };
}

const syncFs = {
  readFile: viaSync(nodeFs.readFileSync),
  mkdir: viaSync(nodeFs.mkdirSync),
  rmdir: viaSync(nodeFs.rmdirSync),
  unlink: viaSync(nodeFs.unlinkSync),
  rename: viaSync(nodeFs.renameSync),
  stat: viaSync(nodeFs.statSync),
  lstat: viaSync(nodeFs.lstatSync),
  readdir: viaSync(nodeFs.readdirSync),
  readlink: viaSync(nodeFs.readlinkSync),
  symlink: viaSync(nodeFs.symlinkSync),
};

// Typed for the one call shape each remembered answer comes from (the overloads defeat Parameters<>).
const packListing = viaSync((dir: string) => nodeFs.readdirSync(dir));
const statOf = viaSync((file: string) => nodeFs.statSync(file));

function writeFile(path: unknown, data: unknown, options?: unknown): Promise<void> {
  const size = typeof data === 'string' ? data.length : ArrayBuffer.isView(data) ? data.byteLength : Infinity;
  const write = size < syncWriteLimit ? viaSync(nodeFs.writeFileSync) : nodeFs.promises.writeFile;
  return (write as (...a: unknown[]) => Promise<void>)(path, data, options);
}

function rememberingFs(): GitFs {
  const node = nodeFs.promises;
  const listings = new Map<string, string[]>();
  const stats = new Map<string, nodeFs.Stats>();
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
      return (syncFs.readFile as (...a: unknown[]) => Promise<unknown>)(path, ...rest);
    }) as ReadFile,
    readdir: ((path: unknown, options?: unknown) => {
      if (options !== undefined || typeof path !== 'string' || !path.endsWith('/objects/pack')) return (syncFs.readdir as (...a: unknown[]) => Promise<unknown>)(path, options);
      const known = listings.get(path);
      if (known) return Promise.resolve([...known]);
      // A failure is not remembered: the next call asks the disk again.
      return packListing(path).then((names) => {
        listings.set(path, names);
        return [...names];
      });
    }) as Promises['readdir'],
    // Only directories are remembered (the git directory, which isomorphic-git stats on every call).
    stat: ((path: unknown, options?: unknown) => {
      if (options !== undefined || typeof path !== 'string') return (syncFs.stat as (...a: unknown[]) => Promise<unknown>)(path, options);
      if (looseObject.test(path)) return Promise.reject(noLooseObject);
      const known = stats.get(path);
      if (known) return Promise.resolve(known);
      return statOf(path).then((st) => {
        if (st.isDirectory()) stats.set(path, st);
        return st;
      });
    }) as Promises['stat'],
    lstat: syncFs.lstat as Promises['lstat'],
    readlink: syncFs.readlink as Promises['readlink'],
    writeFile: writing(writeFile) as Promises['writeFile'],
    mkdir: writing(syncFs.mkdir) as Promises['mkdir'],
    rename: writing(syncFs.rename),
    unlink: writing(syncFs.unlink),
    rmdir: writing(syncFs.rmdir),
    rm: writing(node.rm),
    symlink: writing(syncFs.symlink) as Promises['symlink'],
  };
  return { promises: promises as GitFs['promises'] };
}
