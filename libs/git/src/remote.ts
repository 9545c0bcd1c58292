import { listServerRefs } from 'isomorphic-git';
import { GitError, GitErrorCode } from './errors.ts';
import { type CheckoutTarget, checkoutTarget, formatRevision, type GitRefSpec, revisionName } from './ref.ts';
import { compareSemVer, parseSemVer, parseSemVerRange, type SemVer } from './semver.ts';
import { type ConnectOptions, openSession, type Session, translateError } from './session.ts';

/** One advertised ref; `peeled` is the commit an annotated tag points to. */
export interface RemoteRef {
  ref: string;
  oid: string;
  peeled?: string;
}

/**
 * Lists the remote's refs with one GET of the smart-HTTP advertisement (protocol v1). Protocol v2
 * would need a POST to upload-pack as well, and the point of this call is to cost no pack request.
 */
export async function listRemoteRefs(session: Session): Promise<RemoteRef[]> {
  try {
    const refs = await listServerRefs({
      http: session.http,
      url: session.repo.url,
      headers: session.headers(),
      protocolVersion: 1,
      peelTags: true,
    });
    return refs.map((r) => ({ ref: r.ref, oid: r.oid, ...(r.peeled ? { peeled: r.peeled } : {}) }));
  } catch (err) {
    throw translateError(err, session, 'unable to list remote refs of');
  }
}

/** A target resolved against the remote's refs, before any object is fetched. */
export interface ResolvedRef {
  /** The full ref to fetch, e.g. refs/heads/main; absent for a bare commit. */
  fullRef?: string;
  /** The object the ref points to: a commit, or an annotated tag object. */
  oid?: string;
  /** The commit, when the advertisement tells it (always, except for a bare commit target). */
  commit?: string;
  /** The name that goes before `@` in the revision. */
  revisionName?: string;
  /** Semver only: tags that tie with the chosen one on version precedence, to be broken by date. */
  ties?: RemoteRef[];
}

function find(refs: readonly RemoteRef[], name: string): RemoteRef | undefined {
  return refs.find((r) => r.ref === name);
}

function notFound(session: Session, fullRef: string): GitError {
  return new GitError(GitErrorCode.RefNotFound, `unable to clone '${session.repo.url}': couldn't find remote ref "${fullRef}"`);
}

/** The tags matching a range, highest first; several when they differ only in build metadata or `v`. */
export function selectSemverTags(refs: readonly RemoteRef[], range: string): { best: RemoteRef[]; version?: SemVer } {
  let matcher;
  try {
    matcher = parseSemVerRange(range);
  } catch (err) {
    throw new GitError(GitErrorCode.InvalidSemver, `semver parse error: ${(err as Error).message}`);
  }
  let best: RemoteRef[] = [];
  let top: SemVer | undefined;
  for (const ref of refs) {
    if (!ref.ref.startsWith('refs/tags/') || ref.ref.endsWith('^{}')) continue;
    const version = parseSemVer(ref.ref.slice('refs/tags/'.length));
    if (!version || !matcher.test(version)) continue;
    const cmp = top ? compareSemVer(version, top) : 1;
    if (cmp > 0) {
      top = version;
      best = [ref];
    } else if (cmp === 0) {
      best.push(ref);
    }
  }
  best.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  return top ? { best, version: top } : { best };
}

/** Resolves a target against the advertisement; throws RefNotFound, NoSemverMatch or EmptyRepository. */
export function resolveTarget(session: Session, refs: readonly RemoteRef[], target: CheckoutTarget): ResolvedRef {
  if (refs.length === 0) {
    throw new GitError(GitErrorCode.EmptyRepository, `unable to clone '${session.repo.url}': remote repository is empty`);
  }
  const fromRef = (fullRef: string, ref: RemoteRef, name: string | undefined): ResolvedRef => ({
    fullRef,
    oid: ref.oid,
    commit: ref.peeled ?? ref.oid,
    ...(name === undefined ? {} : { revisionName: name }),
  });
  switch (target.kind) {
    case 'branch': {
      const fullRef = `refs/heads/${target.branch}`;
      const ref = find(refs, fullRef);
      if (!ref) throw notFound(session, fullRef);
      return fromRef(fullRef, ref, revisionName(target));
    }
    case 'tag': {
      const fullRef = `refs/tags/${target.tag}`;
      const ref = find(refs, fullRef);
      if (!ref) throw notFound(session, fullRef);
      return fromRef(fullRef, ref, revisionName(target));
    }
    case 'name': {
      const ref = find(refs, target.name);
      if (!ref) throw notFound(session, target.name);
      return fromRef(target.name, ref, revisionName(target));
    }
    case 'semver': {
      const { best } = selectSemverTags(refs, target.range);
      const first = best[0];
      if (!first) {
        throw new GitError(GitErrorCode.NoSemverMatch, `unable to clone '${session.repo.url}': no match found for semver: ${target.range}`);
      }
      const tag = first.ref.slice('refs/tags/'.length);
      return { ...fromRef(first.ref, first, revisionName(target, tag)), ...(best.length > 1 ? { ties: best } : {}) };
    }
    case 'commit': {
      if (target.branch === undefined) return { commit: target.commit };
      const fullRef = `refs/heads/${target.branch}`;
      const ref = find(refs, fullRef);
      if (!ref) throw notFound(session, fullRef);
      return { fullRef, oid: ref.oid, commit: target.commit, revisionName: target.branch };
    }
  }
}

export interface RemoteRevisionOptions extends ConnectOptions {
  ref?: GitRefSpec;
}

export interface RemoteRevision {
  /** The revision a checkout would produce now, e.g. `main@sha1:<hex>`. */
  revision: string;
  commit: string;
  fullRef?: string;
}

/**
 * Upstream's "optimized clone" probe: what revision would a checkout produce, learned from the ref
 * advertisement alone. Compare it with the stored artifact's revision and skip the checkout when they
 * are equal. Returns undefined when the advertisement cannot tell: a commit target (its reachability
 * needs history) or semver tags that tie on version.
 */
export async function remoteRevision(options: RemoteRevisionOptions): Promise<RemoteRevision | undefined> {
  const target = checkoutTarget(options.ref);
  const session = openSession(options);
  const refs = await listRemoteRefs(session);
  const resolved = resolveTarget(session, refs, target);
  if (target.kind === 'commit' || resolved.ties || resolved.commit === undefined) return undefined;
  return {
    revision: formatRevision(resolved.revisionName, resolved.commit),
    commit: resolved.commit,
    ...(resolved.fullRef ? { fullRef: resolved.fullRef } : {}),
  };
}
