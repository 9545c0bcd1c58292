import { readBlob } from 'isomorphic-git';
import { GitError, GitErrorCode } from './errors.ts';
import { gitFsFor } from './git-fs.ts';
import { type GitmodulesEntry, parseGitmodules } from './gitmodules.ts';
import { resolveSubmoduleURL } from './submodule-url.ts';
import type { Gitlink } from './tree.ts';
import { parseRepositoryURL, redactURL } from './url.ts';

/** A submodule to check out: where it goes, what to fetch, and the commit the superproject pins. */
export interface PlannedSubmodule {
  path: string;
  /** Absolute http(s) URL, resolved against the superproject's. */
  url: string;
  commit: string;
}

export interface PlanOptions {
  gitdir: string;
  /** The superproject commit, whose .gitmodules describes the gitlinks. */
  commit: string;
  gitlinks: readonly Gitlink[];
  /** The superproject's URL without credentials, the base of relative submodule URLs. */
  parentURL: string;
  /** Where the superproject sits in the outermost checkout (`lib/`), so messages give whole paths. */
  pathPrefix?: string;
  cache?: object;
}

/**
 * Matches each gitlink of a commit with its .gitmodules entry and resolves its URL. Like `git submodule
 * update`, a gitlink whose entry says `update = none` is left out, and a gitlink without an entry (or
 * without a URL) is an error: its content cannot be found.
 */
export async function planSubmodules(options: PlanOptions): Promise<PlannedSubmodule[]> {
  if (options.gitlinks.length === 0) return [];
  const entries = await readGitmodules(options);
  const byPath = new Map<string, GitmodulesEntry>();
  for (const entry of entries) if (entry.path !== undefined) byPath.set(normalizePath(entry.path), entry);

  const prefix = options.pathPrefix ?? '';
  const planned: PlannedSubmodule[] = [];
  for (const link of options.gitlinks) {
    const entry = byPath.get(link.path);
    const shown = `${prefix}${link.path}`;
    if (!entry) {
      throw submoduleError(shown, `no entry with path '${link.path}' in .gitmodules of commit ${options.commit}; add one with its url`);
    }
    if (entry.update === 'none') continue;
    if (entry.url === undefined || entry.url === '') {
      throw submoduleError(shown, `submodule '${entry.name}' has no url in .gitmodules of commit ${options.commit}`);
    }
    planned.push({ path: link.path, url: submoduleURL(shown, entry.url, options.parentURL), commit: link.commit });
  }
  return planned;
}

async function readGitmodules(options: PlanOptions): Promise<GitmodulesEntry[]> {
  let blob: Uint8Array;
  try {
    ({ blob } = await readBlob({ fs: gitFsFor(options.cache), gitdir: options.gitdir, oid: options.commit, filepath: '.gitmodules', ...(options.cache ? { cache: options.cache } : {}) }));
  } catch {
    const paths = options.gitlinks.map((l) => `'${options.pathPrefix ?? ''}${l.path}'`).join(', ');
    throw new GitError(GitErrorCode.SubmoduleFailed, `commit ${options.commit} has submodules at ${paths} but no .gitmodules file to say where they come from`);
  }
  return parseGitmodules(Buffer.from(blob).toString('utf8'));
}

function submoduleURL(path: string, raw: string, parentURL: string): string {
  // Both SSH spellings are named here: the scp-like one would otherwise get the generic advice to
  // write it as ssh://, which is not supported either.
  if (/^ssh:\/\//i.test(raw) || /^[\w.-]+@[\w.-]+:/.test(raw)) {
    throw submoduleError(path, `SSH is not supported yet: cannot fetch '${raw}'; use an http(s) URL in .gitmodules, or a relative one such as ../name.git to follow the superproject`);
  }
  try {
    const url = resolveSubmoduleURL(raw, parentURL);
    // Validated now so that a local path or another scheme fails before anything is fetched.
    parseRepositoryURL(url);
    return url;
  } catch (err) {
    throw submoduleError(path, err instanceof Error ? err.message : String(err));
  }
}

function submoduleError(path: string, message: string): GitError {
  return new GitError(GitErrorCode.SubmoduleFailed, `submodule '${path}': ${redactURL(message)}`);
}

/** git writes `path = lib` but tolerates `./lib` and `lib/`; gitlink paths never have either. */
function normalizePath(path: string): string {
  return path.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}
