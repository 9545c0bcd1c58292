import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fetch, isDescendent, readCommit, readObject, writeRef } from 'isomorphic-git';
import { prepareCache, withCache } from './cache.ts';
import { type RawObjects, readRawObjects } from './raw-objects.ts';
import { GitError, GitErrorCode } from './errors.ts';
import { checkoutTarget, formatRevision, type GitRefSpec } from './ref.ts';
import { listRemoteRefs, type RemoteRef, resolveTarget } from './remote.ts';
import { type ConnectOptions, openSession, type Session, translateError } from './session.ts';
import { submoduleCredentials } from './submodule-url.ts';
import { type PlannedSubmodule, planSubmodules } from './submodules.ts';
import { exportTree, readTreeFiles, type TreeFiles } from './tree.ts';
import { gitFsFor } from './git-fs.ts';
import { redactURL } from './url.ts';

export interface CheckoutOptions extends ConnectOptions {
  ref?: GitRefSpec;
  /** Root of the on-disk cache; each remote gets its own bare repository below it. */
  cacheDir: string;
  /**
   * Where the files go; must be empty or absent. Without it the tree is read into memory instead
   * (`CheckoutResult.tree`), which cannot be combined with `recurseSubmodules`.
   */
  dir?: string;
  /**
   * History depth of the first fetch of a branch, tag or semver ref; 1 (shallow) unless told otherwise.
   * Later fetches of the same ref are incremental and bring the commits in between.
   */
  depth?: number;
  /**
   * Also check out each submodule at the commit the tree pins, into its path, and theirs in turn; over
   * http(s) only, with this repository's credentials when they live on the same host.
   */
  recurseSubmodules?: boolean;
  sparseCheckout?: readonly string[];
  /** Also return the commit and annotated tag as stored, for signature verification. */
  rawObjects?: boolean;
}

export interface CheckoutResult {
  /** Upstream's revision string: `main@sha1:<hex>`, `v1.0.0@sha1:<hex>`, `refs/pull/1/head@sha1:<hex>`, `sha1:<hex>`. */
  revision: string;
  commit: string;
  /** The first line of the commit message, for the NewArtifact event. */
  subject: string;
  message: string;
  /** Where the files were written, if `dir` was given. */
  dir?: string;
  /** Without `dir`: the tree's files and directories, in memory. */
  tree?: TreeFiles;
  /** The full ref that was checked out; absent for a bare commit. */
  fullRef?: string;
  /** False when the cache already held the commit and no pack was requested. */
  fetched: boolean;
  /** With `rawObjects`: the stored commit, and the annotated tag the ref points at. */
  raw?: RawObjects;
  /** With `recurseSubmodules`: every submodule checked out, nested ones included, in checkout order. */
  submodules?: SubmoduleCheckout[];
}

export interface SubmoduleCheckout {
  /** Where its files are, relative to the superproject's `dir`. */
  path: string;
  /** Resolved from .gitmodules, without any credentials it carried. */
  url: string;
  commit: string;
  /** False when the cache already held the pinned commit. */
  fetched: boolean;
}

// As go-git's default recursion depth, which upstream uses: deeper submodules stay empty directories.
const maxSubmoduleDepth = 10;

// `git fetch --unshallow` asks for this depth too: everything.
const fullHistory = 0x7fffffff;

interface Context {
  session: Session;
  gitdir: string;
  cache: object;
}

/**
 * Checks out the commit a GitRepository's ref designates into `dir`, fetching only what the cache
 * lacks. Every call first lists the remote's refs, so credentials are always checked against the
 * server and a moved branch is always seen.
 */
export async function checkout(options: CheckoutOptions & { dir: string }): Promise<CheckoutResult & { dir: string }>;
export async function checkout(options: CheckoutOptions): Promise<CheckoutResult>;
export async function checkout(options: CheckoutOptions): Promise<CheckoutResult> {
  return checkoutRepository(options, '', 0);
}

/**
 * `prefix` is where this repository sits in the outermost checkout ('' there, `lib/` in its submodule),
 * and `level` how many submodules deep that is.
 */
async function checkoutRepository(options: CheckoutOptions, prefix: string, level: number): Promise<CheckoutResult> {
  if (options.recurseSubmodules && options.dir === undefined) throw new TypeError('checkout: recurseSubmodules needs a dir to check the submodules out into');
  const target = checkoutTarget(options.ref);
  const session = openSession(options);
  // Submodules are fetched after this cache's lock is released: a repository may pin an older commit of
  // itself as a submodule, and holding the lock would then wait on itself.
  const { result, planned } = await withCache(options.cacheDir, session.repo.url, async (gitdir) => {
    const ctx: Context = { session, gitdir, cache: {} };
    const refs = await listRemoteRefs(session);
    const resolved = resolveTarget(session, refs, target);

    let commit: string;
    let fetched = false;
    let fullRef = resolved.fullRef;
    let name = resolved.revisionName;
    let refObject = resolved.oid;
    if (target.kind === 'commit') {
      ({ commit, fetched } = target.branch
        ? await commitOnBranch(ctx, target.commit, target.branch, resolved.fullRef as string, resolved.oid as string)
        : await bareCommit(ctx, target.commit, refs));
    } else {
      if (resolved.ties) {
        const winner = await breakTie(ctx, resolved.ties);
        fullRef = winner.ref;
        name = winner.ref.slice('refs/tags/'.length);
        refObject = winner.oid;
        resolved.commit = winner.peeled ?? winner.oid;
      }
      const advertised = resolved.commit as string;
      if (await hasObject(ctx, advertised)) {
        commit = advertised;
      } else {
        commit = await peel(ctx, await fetchRef(ctx, fullRef as string, options.depth ?? 1, true));
        fetched = true;
      }
    }

    const { commit: info } = await readCommit({ fs: gitFsFor(ctx.cache), gitdir, oid: commit, cache: ctx.cache });
    const raw = options.rawObjects
      ? await readRawObjects({ gitdir, cache: ctx.cache, commit, ...(fullRef ? { fullRef } : {}), ...(refObject ? { refObject } : {}), fetchTag: () => fetchRef(ctx, fullRef as string, 1) })
      : undefined;
    const treeOptions = { gitdir, commit, cache: ctx.cache, ...(options.sparseCheckout ? { sparse: options.sparseCheckout } : {}) };
    const tree = options.dir === undefined ? await readTreeFiles(treeOptions) : undefined;
    const exported = tree ?? (await exportTree({ ...treeOptions, dir: options.dir as string }));
    const planned =
      options.recurseSubmodules && level < maxSubmoduleDepth
        ? await planSubmodules({ gitdir, commit, gitlinks: exported.submodules, parentURL: session.repo.url, pathPrefix: prefix, cache: ctx.cache })
        : [];
    const result: CheckoutResult = {
      revision: formatRevision(name, commit),
      commit,
      subject: info.message.split('\n', 1)[0]?.trim() ?? '',
      message: info.message,
      ...(options.dir !== undefined ? { dir: options.dir } : {}),
      ...(tree ? { tree } : {}),
      ...(fullRef ? { fullRef } : {}),
      fetched,
      ...(raw ? { raw } : {}),
    };
    return { result, planned };
  });
  if (planned.length > 0) result.submodules = await checkoutSubmodules(options, session, planned, prefix, level);
  return result;
}

/**
 * Each submodule is a checkout of its own, by commit, into its path: the on-disk cache is keyed by URL,
 * so a submodule whose pin did not move costs one ref listing and no pack. All of them share the
 * superproject's deadline.
 */
async function checkoutSubmodules(options: CheckoutOptions, session: Session, planned: readonly PlannedSubmodule[], prefix: string, level: number): Promise<SubmoduleCheckout[]> {
  const out: SubmoduleCheckout[] = [];
  for (const sub of planned) {
    const path = `${prefix}${sub.path}`;
    let result: CheckoutResult;
    try {
      result = await checkoutRepository(
        {
          url: sub.url,
          auth: submoduleCredentials(options.url, options.auth, sub.url),
          ...(options.proxy ? { proxy: options.proxy } : {}),
          timeoutMs: session.timeoutMs,
          signal: session.signal,
          ref: { commit: sub.commit },
          cacheDir: options.cacheDir,
          dir: join(options.dir as string, sub.path),
          recurseSubmodules: true,
        },
        `${path}/`,
        level + 1,
      );
    } catch (err) {
      throw submoduleFailure(err, path, sub);
    }
    out.push({ path: sub.path, url: redactURL(sub.url), commit: sub.commit, fetched: result.fetched });
    for (const nested of result.submodules ?? []) out.push({ ...nested, path: `${sub.path}/${nested.path}` });
  }
  return out;
}

// Errors already phrased for the outermost checkout, so that outer levels pass them on unchanged.
const phrased = new WeakSet<GitError>();

/**
 * Names the submodule in the error. Credentials, timeouts and unreachable hosts keep their codes (and so
 * their reasons and retry behaviour); anything else about a submodule is SubmoduleFailed, which never
 * stalls, because the superproject's next commit can fix it.
 */
function submoduleFailure(err: unknown, path: string, sub: PlannedSubmodule): GitError {
  if (err instanceof GitError && (phrased.has(err) || err.code === GitErrorCode.SubmoduleFailed)) return err;
  const url = redactURL(sub.url);
  let out: GitError;
  if (err instanceof GitError && (err.code === GitErrorCode.AuthenticationFailed || err.code === GitErrorCode.Timeout || err.code === GitErrorCode.Unreachable)) {
    out = new GitError(err.code, `submodule '${path}': ${err.message}`, { cause: err });
  } else if (err instanceof GitError && err.code === GitErrorCode.CommitNotFound) {
    out = new GitError(
      GitErrorCode.SubmoduleFailed,
      `submodule '${path}' pins commit ${sub.commit}, which '${url}' does not serve: it is not on the default branch and the server would not send it by SHA; push that commit to a branch of the submodule repository`,
      { cause: err },
    );
  } else if (err instanceof GitError && err.code === GitErrorCode.EmptyRepository) {
    out = new GitError(GitErrorCode.SubmoduleFailed, `submodule '${path}' pins commit ${sub.commit}, but '${url}' has no commits`, { cause: err });
  } else {
    const message = err instanceof Error ? err.message : String(err);
    out = new GitError(GitErrorCode.SubmoduleFailed, `submodule '${path}': ${message}`, { cause: err });
  }
  phrased.add(out);
  return out;
}

async function hasObject(ctx: Context, oid: string): Promise<boolean> {
  try {
    await readObject({ fs: gitFsFor(ctx.cache), gitdir: ctx.gitdir, oid, format: 'deflated', cache: ctx.cache });
    return true;
  } catch {
    return false;
  }
}

/** Follows annotated tags down to the commit they point at. */
async function peel(ctx: Context, oid: string): Promise<string> {
  let current = oid;
  for (let hops = 0; hops < 10; hops++) {
    const obj = await readObject({ fs: gitFsFor(ctx.cache), gitdir: ctx.gitdir, oid: current, format: 'parsed', cache: ctx.cache });
    if (obj.type === 'commit') return current;
    if (obj.type !== 'tag') break;
    current = (obj.object as { object: string }).object;
  }
  throw new GitError(GitErrorCode.ProtocolError, `object ${oid} of '${ctx.session.repo.url}' does not lead to a commit`);
}

const trackingRef = (fullRef: string) => `refs/conflux/${fullRef}`;

// A local probe of one small file: synchronous, as libs/git's file system does it (see git-fs.ts).
async function refExists(ctx: Context, ref: string): Promise<boolean> {
  return existsSync(`${ctx.gitdir}/${ref}`);
}

/**
 * Fetches one ref (or a commit by SHA) into the cache and returns the fetched object id.
 *
 * When the cache already holds an earlier commit of the same ref, that commit is offered as a "have"
 * and no depth is sent: the server then walks back to it and sends only the new objects. Sending a
 * depth would make git's upload-pack cut history at the new commit, so it could not see that the old
 * tree is already here and would resend everything. The cost: after a force-push that drops the old
 * commit, the walk goes on to the root, as a plain `git fetch` in a shallow clone does.
 */
async function fetchRef(ctx: Context, remoteRef: string, depth: number, allowIncremental = false): Promise<string> {
  const own = trackingRef(remoteRef);
  const incremental = allowIncremental && (await refExists(ctx, own));
  let oid: string | null;
  try {
    const result = await fetch({
      fs: gitFsFor(ctx.cache),
      http: ctx.session.http,
      gitdir: ctx.gitdir,
      url: ctx.session.repo.url,
      remoteRef,
      ...(incremental ? { ref: own } : { depth }),
      singleBranch: true,
      tags: false,
      headers: ctx.session.headers(),
      cache: ctx.cache,
    });
    oid = result.fetchHead;
  } catch (err) {
    // isomorphic-git updates refs and the shallow list before the pack is on disk; after a failure the
    // cache may describe objects it does not hold, so it is rebuilt from scratch.
    await rm(ctx.gitdir, { recursive: true, force: true });
    await prepareCache(ctx.gitdir, ctx.session.repo.url);
    throw translateError(err, ctx.session, 'unable to clone');
  }
  if (oid === null) {
    throw new GitError(GitErrorCode.EmptyRepository, `unable to clone '${ctx.session.repo.url}': remote repository is empty`);
  }
  const commit = await peel(ctx, oid);
  await writeRef({ fs: gitFsFor(ctx.cache), gitdir: ctx.gitdir, ref: own, value: commit, force: true });
  return oid;
}

/** `ref.commit` with `ref.branch`: the commit must be reachable from the branch, as upstream scopes it. */
async function commitOnBranch(ctx: Context, commit: string, branch: string, fullRef: string, tip: string): Promise<{ commit: string; fetched: boolean }> {
  if (await reachable(ctx, tip, commit)) return { commit, fetched: false };
  // The tip alone suffices when the pin is the branch head; otherwise the branch's history is needed.
  await fetchRef(ctx, fullRef, tip === commit ? 1 : fullHistory);
  if (await reachable(ctx, tip, commit)) return { commit, fetched: true };
  throw new GitError(GitErrorCode.CommitNotFound, `unable to clone '${ctx.session.repo.url}': commit '${commit}' is not on branch '${branch}'`);
}

async function reachable(ctx: Context, tip: string, commit: string): Promise<boolean> {
  if (!(await hasObject(ctx, tip)) || !(await hasObject(ctx, commit))) return false;
  if (tip === commit) return true;
  try {
    return await isDescendent({ fs: gitFsFor(ctx.cache), gitdir: ctx.gitdir, oid: tip, ancestor: commit, depth: -1, cache: ctx.cache });
  } catch {
    // A shallow boundary stops the walk before it reaches the commit: unknown, so fetch history.
    return false;
  }
}

/**
 * `ref.commit` alone. A protocol-v1 server hands out a commit by SHA only when configured to
 * (uploadpack.allowReachableSHA1InWant, on by default at GitHub and Gitea); otherwise fall back to the
 * default branch's history, where a pinned commit almost always lives.
 */
async function bareCommit(ctx: Context, commit: string, refs: readonly RemoteRef[]): Promise<{ commit: string; fetched: boolean }> {
  if (await hasObject(ctx, commit)) return { commit, fetched: false };
  let bySHA: GitError | undefined;
  try {
    await fetchRef(ctx, commit, 1);
    if (await hasObject(ctx, commit)) return { commit, fetched: true };
  } catch (err) {
    if (err instanceof GitError && (err.code === GitErrorCode.AuthenticationFailed || err.code === GitErrorCode.Timeout)) throw err;
    bySHA = err instanceof GitError ? err : undefined;
  }
  const head = refs.find((r) => r.ref === 'HEAD');
  if (head) {
    const branch = refs.find((r) => r.ref.startsWith('refs/heads/') && r.oid === head.oid);
    await fetchRef(ctx, branch?.ref ?? 'HEAD', fullHistory);
    if (await hasObject(ctx, commit)) return { commit, fetched: true };
  }
  const why = bySHA ? ` (fetching it by SHA failed: ${bySHA.message})` : '';
  throw new GitError(
    GitErrorCode.CommitNotFound,
    `unable to clone '${ctx.session.repo.url}': commit '${commit}' not found on the default branch and the server does not serve it by SHA${why}; set ref.branch to the branch that contains it`,
  );
}

/**
 * Semver tags equal on precedence (they differ in build metadata or a `v`) are ordered by date, as
 * upstream does: the tagger date of an annotated tag, else the committer date.
 */
async function breakTie(ctx: Context, ties: readonly RemoteRef[]): Promise<RemoteRef> {
  let best: { ref: RemoteRef; time: number } | undefined;
  for (const ref of ties) {
    const oid = (await hasObject(ctx, ref.oid)) ? ref.oid : await fetchRef(ctx, ref.ref, 1, true);
    const obj = await readObject({ fs: gitFsFor(ctx.cache), gitdir: ctx.gitdir, oid, format: 'parsed', cache: ctx.cache });
    let time: number;
    if (obj.type === 'tag') {
      time = (obj.object as { tagger: { timestamp: number } }).tagger.timestamp;
    } else {
      const { commit } = await readCommit({ fs: gitFsFor(ctx.cache), gitdir: ctx.gitdir, oid, cache: ctx.cache });
      time = commit.committer.timestamp;
    }
    if (!best || time >= best.time) best = { ref, time };
  }
  return (best as { ref: RemoteRef }).ref;
}
