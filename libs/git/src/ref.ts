import { GitError, GitErrorCode } from './errors.ts';

/** `spec.ref` of a GitRepository; an empty string counts as unset. */
export interface GitRefSpec {
  branch?: string;
  tag?: string;
  semver?: string;
  name?: string;
  commit?: string;
}

/** The one thing to check out, after applying upstream's precedence. */
export type CheckoutTarget =
  | { kind: 'commit'; commit: string; branch?: string }
  | { kind: 'name'; name: string }
  | { kind: 'tag'; tag: string }
  | { kind: 'semver'; range: string }
  | { kind: 'branch'; branch: string };

export const defaultBranch = 'master';

const fullSHA1 = /^[0-9a-f]{40}$/;

const set = (value: string | undefined): value is string => value !== undefined && value !== '';

/**
 * Picks the target the way upstream's code does: commit > name > tag > semver > branch (default
 * `master`). The API comment claims semver beats tag; the code checks tag first, and the code is what
 * users observe.
 */
export function checkoutTarget(ref: GitRefSpec | undefined): CheckoutTarget {
  if (set(ref?.commit)) {
    const commit = ref.commit.toLowerCase();
    if (!fullSHA1.test(commit)) {
      throw new GitError(GitErrorCode.InvalidRef, `invalid ref.commit '${ref.commit}': expected a full 40-character SHA-1`);
    }
    return set(ref.branch) ? { kind: 'commit', commit, branch: ref.branch } : { kind: 'commit', commit };
  }
  if (set(ref?.name)) {
    if (!ref.name.startsWith('refs/')) {
      throw new GitError(GitErrorCode.InvalidRef, `invalid ref.name '${ref.name}': expected a full reference such as refs/heads/main`);
    }
    return { kind: 'name', name: ref.name };
  }
  if (set(ref?.tag)) return { kind: 'tag', tag: ref.tag };
  if (set(ref?.semver)) return { kind: 'semver', range: ref.semver };
  return { kind: 'branch', branch: set(ref?.branch) ? ref.branch : defaultBranch };
}

/** Describes a target for messages, e.g. `branch 'main'`. */
export function describeTarget(target: CheckoutTarget): string {
  switch (target.kind) {
    case 'commit':
      return target.branch ? `commit '${target.commit}' on branch '${target.branch}'` : `commit '${target.commit}'`;
    case 'name':
      return `ref '${target.name}'`;
    case 'tag':
      return `tag '${target.tag}'`;
    case 'semver':
      return `semver range '${target.range}'`;
    case 'branch':
      return `branch '${target.branch}'`;
  }
}

/**
 * The short name upstream puts before `@` in a revision: branch and tag names lose their `refs/heads/`
 * or `refs/tags/` prefix, anything else stays absolute.
 */
export function shortRefName(fullRef: string): string {
  for (const prefix of ['refs/heads/', 'refs/tags/']) {
    if (fullRef.startsWith(prefix)) return fullRef.slice(prefix.length);
  }
  return fullRef;
}

/** `sha1` for a 40-character hash, as upstream derives the algorithm from the length. */
export function hashAlgorithm(hash: string): string {
  return hash.length === 40 ? 'sha1' : '<unknown>';
}

/** `main@sha1:<hex>`, `v1.0.0@sha1:<hex>`, `refs/pull/1/head@sha1:<hex>`, or `sha1:<hex>` without a name. */
export function formatRevision(name: string | undefined, hash: string): string {
  const digest = `${hashAlgorithm(hash)}:${hash}`;
  return name === undefined || name === '' ? digest : `${name}@${digest}`;
}

export interface ParsedRevision {
  /** The named pointer (`main`, `v1.0.0`, `refs/pull/1/head`), absent for a bare commit. */
  name?: string;
  algorithm: string;
  hash: string;
}

/**
 * Reads a revision string. Also accepts the legacy `main/<sha>` and bare `<sha>` forms, which upstream
 * still understands when comparing old status values.
 */
export function parseRevision(revision: string): ParsedRevision | undefined {
  const at = revision.lastIndexOf('@');
  const named = at >= 0 ? { name: revision.slice(0, at), digest: revision.slice(at + 1) } : { name: undefined, digest: revision };
  const m = /^([a-z0-9<>]+):([0-9a-f]+)$/.exec(named.digest);
  if (m) {
    if (named.name === '') return undefined;
    return { ...(named.name === undefined ? {} : { name: named.name }), algorithm: m[1] as string, hash: m[2] as string };
  }
  if (at >= 0) return undefined;
  const legacy = /^(?:(.+)\/)?([0-9a-f]{40})$/.exec(revision);
  if (!legacy) return undefined;
  const hash = legacy[2] as string;
  return { ...(legacy[1] === undefined ? {} : { name: legacy[1] }), algorithm: hashAlgorithm(hash), hash };
}

/** The canonical form of a revision, so legacy and current strings compare equal. */
export function normalizeRevision(revision: string): string {
  const parsed = parseRevision(revision);
  return parsed ? formatRevision(parsed.name, parsed.hash) : revision;
}

/** The revision name a target produces: branch or tag name, absolute `ref.name`, nothing for a bare commit. */
export function revisionName(target: CheckoutTarget, resolvedTag?: string): string | undefined {
  switch (target.kind) {
    case 'commit':
      return target.branch;
    case 'name':
      return target.name;
    case 'tag':
      return target.tag;
    case 'semver':
      return resolvedTag;
    case 'branch':
      return target.branch;
  }
}
