import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { posix, resolve, sep } from 'node:path';

export type EntryKind = 'file' | 'dir';

/**
 * The little a build needs from a directory tree. Paths are absolute and slash-separated. It is
 * synchronous on purpose: a build is CPU-bound and reads small files, and a sync walk keeps it simple.
 */
export interface BuildFileSystem {
  /** The absolute path that bounds every read (Flux: the artifact root). */
  readonly root: string;
  kind(path: string): EntryKind | undefined;
  readFile(path: string): Uint8Array;
  /** Entry names (not paths) of a directory. */
  readDir(path: string): string[];
}

/** A tree held in memory: keys are paths relative to `/`, values the file contents. Directories are implied. */
export function memoryFS(files: Record<string, string | Uint8Array>): BuildFileSystem {
  const contents = new Map<string, Uint8Array>();
  const dirs = new Map<string, Set<string>>([['/', new Set()]]);
  const encoder = new TextEncoder();
  for (const [rel, value] of Object.entries(files)) {
    const path = posix.resolve('/', rel);
    contents.set(path, typeof value === 'string' ? encoder.encode(value) : value);
    let child = path;
    for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
      const names = dirs.get(dir) ?? new Set<string>();
      names.add(posix.basename(child));
      dirs.set(dir, names);
      if (dir === '/') break;
      child = dir;
    }
  }
  return {
    root: '/',
    kind: (path) => (contents.has(path) ? 'file' : dirs.has(path) ? 'dir' : undefined),
    readFile: (path) => {
      const data = contents.get(path);
      if (!data) throw Object.assign(new Error(`no such file: ${path}`), { code: 'ENOENT' });
      return data;
    },
    readDir: (path) => [...(dirs.get(path) ?? [])].sort(),
  };
}

/**
 * The real disk below `root`. Symbolic links are followed only while their target stays under the root,
 * as Flux's secure filesystem does, so a link in a Git repository cannot read the controller's files.
 */
export function diskFS(root: string): BuildFileSystem {
  const realRoot = realpathSync(resolve(root));
  const inside = (path: string): string | undefined => {
    try {
      const real = realpathSync(path);
      return real === realRoot || real.startsWith(realRoot + sep) ? real : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    root: realRoot,
    kind: (path) => {
      const real = inside(path);
      if (!real) return undefined;
      const st = statSync(real);
      return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
    },
    readFile: (path) => {
      const real = inside(path);
      if (!real) throw Object.assign(new Error(`no such file: ${path}`), { code: 'ENOENT' });
      return readFileSync(real);
    },
    readDir: (path) => {
      const real = inside(path);
      return real ? readdirSync(real).sort() : [];
    },
  };
}
