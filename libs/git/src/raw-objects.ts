// The commit and annotated tag a checkout produced, as stored bytes: what signature verification needs.
import { readObject } from 'isomorphic-git';
import { gitFsFor } from './git-fs.ts';

/** Raw object contents (without git's `<type> <size>\0` prefix). */
export interface RawObjects {
  commit: Uint8Array;
  /** The annotated tag object the ref pointed at; absent for branches and lightweight tags. */
  tag?: { oid: string; name: string; object: Uint8Array };
}

interface ReadOptions {
  gitdir: string;
  cache: object;
  commit: string;
  /** The ref that was checked out, and the object it points at. */
  fullRef?: string;
  refObject?: string;
  /** Brings the tag object into the cache when only its commit is there (reached before through a branch). */
  fetchTag: () => Promise<unknown>;
}

async function content(gitdir: string, cache: object, oid: string): Promise<{ type: string; object: Uint8Array } | undefined> {
  try {
    const obj = await readObject({ fs: gitFsFor(cache), gitdir, oid, format: 'content', cache });
    return { type: obj.type, object: obj.object as Uint8Array };
  } catch {
    return undefined;
  }
}

export async function readRawObjects(options: ReadOptions): Promise<RawObjects> {
  const { gitdir, cache, commit, fullRef, refObject } = options;
  const raw = await content(gitdir, cache, commit);
  if (!raw) throw new Error(`commit ${commit} is missing from the cache`);
  if (!fullRef?.startsWith('refs/tags/') || !refObject || refObject === commit) return { commit: raw.object };
  let tag = await content(gitdir, cache, refObject);
  if (!tag) {
    await options.fetchTag();
    tag = await content(gitdir, cache, refObject);
  }
  if (tag?.type !== 'tag') return { commit: raw.object };
  return { commit: raw.object, tag: { oid: refObject, name: fullRef.slice('refs/tags/'.length), object: tag.object } };
}
