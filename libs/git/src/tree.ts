import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readBlob, readTree, type TreeEntry } from 'isomorphic-git';
import { GitError, GitErrorCode } from './errors.ts';
import { gitFsFor } from './git-fs.ts';

export interface TreeOptions {
  gitdir: string;
  commit: string;
  /** Directories to export instead of the whole tree (`spec.sparseCheckout`). */
  sparse?: readonly string[];
  /** isomorphic-git's object cache, shared with the fetch that preceded. */
  cache?: object;
}

export interface ExportTreeOptions extends TreeOptions {
  /** Must exist and be empty, or not exist. */
  dir: string;
}

/** A gitlink: the path of a submodule and the commit the parent pins it to. */
export interface Gitlink {
  path: string;
  commit: string;
}

export interface ExportedTree {
  /** The submodules (gitlinks), in tree order; each is left as an empty directory, as git does without recursion. */
  submodules: Gitlink[];
}

// Files of one directory are written this many at a time: enough to overlap disk and inflate work
// without holding a large repository's blobs in memory at once.
const batch = 32;

/** What a walk of a commit's tree hands to its consumer, in tree order. */
interface TreeVisitor {
  directory(rel: string): Promise<void> | void;
  gitlink(link: Gitlink): Promise<void> | void;
  files(relDir: string, entries: TreeEntry[]): Promise<void>;
}

/** Walks a commit's tree (only the sparse directories, if any), refusing unsafe names. */
async function walkTree(options: TreeOptions, visitor: TreeVisitor): Promise<void> {
  const sparse = normalizeSparse(options.sparse);
  const fs = gitFsFor(options.cache);
  const cache = options.cache ? { cache: options.cache } : {};
  const root = await readTree({ fs, gitdir: options.gitdir, oid: options.commit, ...cache });
  const seen = new Set<string>();
  const visit = async (entries: TreeEntry[], relDir: string): Promise<void> => {
    const files: TreeEntry[] = [];
    for (const entry of entries) {
      assertSafeName(entry.path, relDir);
      const rel = relDir === '' ? entry.path : `${relDir}/${entry.path}`;
      if (sparse && !sparse.some((s) => s === rel || s.startsWith(`${rel}/`) || rel.startsWith(`${s}/`))) continue;
      if (entry.type === 'tree') {
        seen.add(rel);
        await visitor.directory(rel);
        const sub = await readTree({ fs, gitdir: options.gitdir, oid: entry.oid, ...cache });
        await visit(sub.tree, rel);
      } else if (entry.type === 'commit') {
        seen.add(rel);
        await visitor.gitlink({ path: rel, commit: entry.oid });
      } else {
        seen.add(rel);
        files.push(entry);
      }
    }
    if (files.length > 0) await visitor.files(relDir, files);
  };
  await visit(root.tree, '');
  for (const dir of sparse ?? []) {
    if (!seen.has(dir)) throw new GitError(GitErrorCode.InvalidPath, `sparse checkout directory '${dir}' does not exist in commit ${options.commit}`);
  }
}

/**
 * Writes a commit's tree into a directory without touching the cache repository's index or HEAD,
 * so concurrent checkouts of different commits from one cache cannot disturb each other.
 */
export async function exportTree(options: ExportTreeOptions): Promise<ExportedTree> {
  const submodules: Gitlink[] = [];
  await mkdir(options.dir, { recursive: true });
  await walkTree(options, {
    directory: (rel) => mkdir(join(options.dir, rel)),
    gitlink: async (link) => {
      submodules.push(link);
      await mkdir(join(options.dir, link.path));
    },
    files: async (relDir, files) => {
      for (let i = 0; i < files.length; i += batch) {
        await Promise.all(files.slice(i, i + batch).map((entry) => writeEntry(options, relDir === '' ? entry.path : `${relDir}/${entry.path}`, entry)));
      }
    },
  });
  return { submodules };
}

/** One blob of a tree read into memory. */
export interface TreeFile {
  /** Slash-separated, relative to the root of the tree. */
  path: string;
  /** Git's mode: '100644', '100755', or '120000' for a symbolic link (whose content is its target). */
  mode: string;
  content: Uint8Array;
}

export interface TreeFiles extends ExportedTree {
  files: TreeFile[];
  /** Every directory the tree holds, gitlinks included: what an export would create. */
  directories: string[];
}

/**
 * Reads a commit's tree into memory: the same content exportTree writes, without the file system round
 * trip of writing it, walking it and reading it back to build an artifact.
 */
export async function readTreeFiles(options: TreeOptions): Promise<TreeFiles> {
  const out: TreeFiles = { files: [], directories: [], submodules: [] };
  const fs = gitFsFor(options.cache);
  await walkTree(options, {
    directory: (rel) => void out.directories.push(rel),
    gitlink: (link) => {
      out.submodules.push(link);
      out.directories.push(link.path);
    },
    files: async (relDir, files) => {
      for (const entry of files) {
        const { blob } = await readBlob({ fs, gitdir: options.gitdir, oid: entry.oid, ...(options.cache ? { cache: options.cache } : {}) });
        out.files.push({ path: relDir === '' ? entry.path : `${relDir}/${entry.path}`, mode: entry.mode, content: blob });
      }
    },
  });
  return out;
}

async function writeEntry(options: ExportTreeOptions, rel: string, entry: TreeEntry): Promise<void> {
  const { blob } = await readBlob({ fs: gitFsFor(options.cache), gitdir: options.gitdir, oid: entry.oid, ...(options.cache ? { cache: options.cache } : {}) });
  const target = join(options.dir, rel);
  if (entry.mode === '120000') {
    // A link is recreated as a link; the archiver skips links, so it can never point a reader outside.
    await symlink(Buffer.from(blob).toString('utf8'), target);
    return;
  }
  await writeFile(target, blob, { mode: entry.mode === '100755' ? 0o755 : 0o644 });
}

/** Tree entry names come from the server; refuse any that could escape the directory or fake a .git. */
function assertSafeName(name: string, relDir: string): void {
  if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name) || name.toLowerCase() === '.git') {
    const where = relDir === '' ? 'the root' : `'${relDir}'`;
    throw new GitError(GitErrorCode.InvalidPath, `refusing unsafe tree entry ${JSON.stringify(name)} in ${where}`);
  }
}

function normalizeSparse(dirs: readonly string[] | undefined): string[] | undefined {
  if (dirs === undefined || dirs.length === 0) return undefined;
  const out = dirs.map((d) => d.replace(/^\.\//, '').replace(/\/+$/, ''));
  // Asking for the root is asking for everything.
  return out.some((d) => d === '' || d === '.') ? undefined : out;
}
