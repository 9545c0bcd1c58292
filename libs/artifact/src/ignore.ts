// "What goes into the tarball": gitignore-style patterns with go-git's matching rules (which upstream's
// sourceignore package uses), upstream's default exclusions, and `.sourceignore` loading.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { componentCompare } from './archive.ts';

/** Always excluded. */
export const excludeVCS = '.git/,.gitignore,.gitmodules,.gitattributes';
/** Excluded only when no custom pattern exists. */
export const excludeExt = '*.jpg,*.jpeg,*.gif,*.png,*.wmv,*.flv,*.tar.gz,*.zip';
export const excludeCI =
  '.github/,.circleci/,.travis.yml,.gitlab-ci.yml,appveyor.yml,.drone.yml,cloudbuild.yaml,codeship-services.yml,codeship-steps.yml';
export const excludeExtra = '**/.goreleaser.yml,**/.sops.yaml,**/.flux.yaml';

export const ignoreFileName = '.sourceignore';

export interface IgnorePattern {
  /** The line it came from, for debugging. */
  readonly source: string;
  /** Path components of the directory whose ignore file declared it; [] for the root. */
  readonly domain: readonly string[];
  /** A `!` pattern: re-includes what an earlier pattern excluded. */
  readonly negated: boolean;
  readonly dirOnly: boolean;
  /** Patterns containing a slash are anchored to their domain and matched component by component. */
  readonly anchored: boolean;
  readonly parts: readonly (RegExp | '**')[];
}

const never = /(?!)/;

// One path component against one glob component, with Go's filepath.Match rules (`*`, `?`, `[...]`,
// backslash escapes). A malformed class makes the pattern match nothing, as go-git does on ErrBadPattern.
function compileComponent(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      i++;
      if (i >= glob.length) return never;
      re += escapeRegExp(glob[i]!);
    } else if (c === '[') {
      let j = i + 1;
      let cls = '';
      if (glob[j] === '^' || glob[j] === '!') {
        cls += '^';
        j++;
      }
      let closed = false;
      let first = true;
      for (; j < glob.length; j++) {
        let ch = glob[j]!;
        if (ch === ']' && !first) {
          closed = true;
          break;
        }
        first = false;
        let escaped = false;
        if (ch === '\\') {
          j++;
          if (j >= glob.length) return never;
          ch = glob[j]!;
          escaped = true;
        }
        const isRange = ch === '-' && !escaped && cls !== '' && cls !== '^' && glob[j + 1] !== ']';
        cls += isRange ? '-' : escapeClassChar(ch);
      }
      if (!closed || cls === '' || cls === '^') return never;
      re += `[${cls}]`;
      i = j;
    } else re += escapeRegExp(c);
  }
  return new RegExp(`^${re}$`, 's');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function escapeClassChar(c: string): string {
  return c.replace(/[\\\]^-]/g, '\\$&');
}

/** One pattern line. Returns undefined for blank lines and `#` comments. */
export function parseIgnorePattern(line: string, domain: readonly string[] = []): IgnorePattern | undefined {
  if (line.startsWith('#') || line.trim() === '') return undefined;
  let p = line;
  let negated = false;
  if (p.startsWith('!')) {
    negated = true;
    p = p.slice(1);
  }
  // Trailing spaces are insignificant unless the last one is escaped.
  if (!p.endsWith('\\ ')) p = p.replace(/ +$/, '');
  let dirOnly = false;
  if (p.endsWith('/')) {
    dirOnly = true;
    p = p.slice(0, -1);
  }
  const anchored = p.includes('/');
  const parts = p.split('/').map((part) => (part === '**' ? '**' : part === '' ? /^$/ : compileComponent(part)));
  return { source: line, domain: [...domain], negated, dirOnly, anchored, parts };
}

/** Every pattern in an ignore file's text, scoped to `domain`. */
export function parseIgnorePatterns(text: string, domain: readonly string[] = []): IgnorePattern[] {
  const out: IgnorePattern[] = [];
  for (const line of text.split(/\r?\n/)) {
    const p = parseIgnorePattern(line, domain);
    if (p) out.push(p);
  }
  return out;
}

function fromList(list: string): IgnorePattern[] {
  return parseIgnorePatterns(list.split(',').join('\n'));
}

export function vcsPatterns(): IgnorePattern[] {
  return fromList(excludeVCS);
}

/** Ext + CI + Extra: what upstream drops once any custom pattern exists. */
export function defaultPatterns(): IgnorePattern[] {
  return [...fromList(excludeExt), ...fromList(excludeCI), ...fromList(excludeExtra)];
}

// A slash-free pattern matches if ANY component matches, so excluding a directory excludes everything
// under it even though the archive walk still descends into it.
function matchName(p: IgnorePattern, path: readonly string[], isDir: boolean): boolean {
  const re = p.parts[0];
  if (re === undefined || re === '**') return false;
  for (let i = 0; i < path.length; i++) {
    if (!re.test(path[i]!)) continue;
    if (p.dirOnly && !isDir && i === path.length - 1) return false;
    return true;
  }
  return false;
}

// A pattern with slashes matches a prefix of the path; `**` swallows zero or more components.
function matchAnchored(p: IgnorePattern, path: readonly string[], isDir: boolean): boolean {
  let rest = path;
  let matched = false;
  let traverse = false;
  for (let i = 0; i < p.parts.length; i++) {
    const part = p.parts[i]!;
    if (part !== '**' && part.source === '^$') {
      traverse = false;
      continue;
    }
    if (part === '**') {
      if (i === p.parts.length - 1) break;
      traverse = true;
      continue;
    }
    if (rest.length === 0) return false;
    if (traverse) {
      traverse = false;
      matched = false;
      while (rest.length > 0) {
        const head = rest[0]!;
        rest = rest.slice(1);
        if (part.test(head)) {
          matched = true;
          break;
        }
      }
      if (!matched) return false;
    } else {
      if (!part.test(rest[0]!)) return false;
      matched = true;
      rest = rest.slice(1);
    }
  }
  if (matched && p.dirOnly && !isDir && rest.length === 0) return false;
  return matched;
}

/** Whether one pattern applies to a path (split into components, relative to the archive root). */
export function patternMatches(p: IgnorePattern, path: readonly string[], isDir: boolean): boolean {
  if (path.length <= p.domain.length) return false;
  for (let i = 0; i < p.domain.length; i++) if (path[i] !== p.domain[i]) return false;
  const local = path.slice(p.domain.length);
  return p.anchored ? matchAnchored(p, local, isDir) : matchName(p, local, isDir);
}

/** (relative slash-separated path, isDir) → excluded? */
export type IgnoreFilter = (relPath: string, isDir: boolean) => boolean;

/** The last matching pattern decides, so later patterns (and `!` re-includes) win, as in git. */
export function ignoreMatcher(patterns: readonly IgnorePattern[]): IgnoreFilter {
  return (relPath, isDir) => {
    const path = relPath.split('/').filter((c) => c !== '' && c !== '.');
    if (path.length === 0) return false;
    for (let i = patterns.length - 1; i >= 0; i--) {
      const p = patterns[i]!;
      if (patternMatches(p, path, isDir)) return !p.negated;
    }
    return false;
  };
}

/**
 * Upstream's archive filter for Git and OCI sources: VCS files are always excluded; the Ext/CI/Extra
 * defaults apply only when `custom` is empty. Any custom pattern (from a `.sourceignore` or spec.ignore)
 * drops them, which is surprising but is the contract.
 */
export function sourceIgnoreFilter(custom: readonly IgnorePattern[]): IgnoreFilter {
  return ignoreMatcher([...vcsPatterns(), ...(custom.length === 0 ? defaultPatterns() : []), ...custom]);
}

/**
 * Every `.sourceignore` under `dir` (skipping `.git`), each scoped to its own directory, parents before
 * children and siblings in lexical order. Append spec.ignore patterns after these so they win.
 */
/**
 * The same patterns loadIgnorePatterns reads from a directory, from an in-memory file list: each
 * `.sourceignore` scoped to its directory, in the order of that walk (a directory's own file before its
 * subdirectories', subdirectories in byte order).
 */
export function ignorePatternsFromFiles(files: readonly { path: string; content: string | Uint8Array }[]): IgnorePattern[] {
  const found = files
    .map((f) => ({ parts: f.path.split('/').filter((p) => p !== '' && p !== '.'), content: f.content }))
    .filter((f) => f.parts.at(-1) === ignoreFileName && !f.parts.includes('.git'))
    .map((f) => ({ domain: f.parts.slice(0, -1), content: f.content }));
  // The walk's order is the archive's: a directory before what lies below it, siblings in byte order.
  found.sort((a, b) => componentCompare(a.domain.join('/'), b.domain.join('/')));
  return found.flatMap((f) => parseIgnorePatterns(typeof f.content === 'string' ? f.content : Buffer.from(f.content).toString('utf8'), f.domain));
}

export async function loadIgnorePatterns(dir: string, domain: readonly string[] = []): Promise<IgnorePattern[]> {
  const out: IgnorePattern[] = [];
  try {
    out.push(...parseIgnorePatterns(await readFile(join(dir, ignoreFileName), 'utf8'), domain));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && (err as NodeJS.ErrnoException).code !== 'EISDIR') throw err;
  }
  const entries = await readdir(dir, { withFileTypes: true });
  const subdirs = entries.filter((e) => e.isDirectory() && e.name !== '.git').map((e) => e.name);
  subdirs.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const name of subdirs) out.push(...(await loadIgnorePatterns(join(dir, name), [...domain, name])));
  return out;
}
