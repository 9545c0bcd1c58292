// What the manager last saw of each object it applied, so that an unchanged object costs one dry run
// and no read. Upstream reads every object and dry-runs it on every reconcile (two requests even when
// nothing changed). The dry-run answer carries the live object's resourceVersion: when that is the
// version we saw last, the live object is exactly the one we saw, and comparing the dry run with it
// needs only the digest we kept, not a second request.
import { createHash } from 'node:crypto';
import type { KubeObject } from '@conflux/runtime';
import { isPlainObject } from './json.ts';

interface Seen {
  resourceVersion: string;
  digest: string;
}

/** The default bound: about 200 bytes an entry, so 10 MB at most. */
export const liveDigestsDefaultMax = 50_000;

/**
 * uid → (resourceVersion, digest of the object's drift view), least recently recorded dropped first. One
 * per controller process, shared by every reconcile: uids are unique across clusters, so remote clusters
 * share it too.
 */
export class LiveDigests {
  readonly #seen = new Map<string, Seen>();
  readonly #max: number;

  constructor(max = liveDigestsDefaultMax) {
    this.#max = Math.max(1, max);
  }

  get size(): number {
    return this.#seen.size;
  }

  /** Remembers a live object as the API server returned it (a read or a real apply, never a dry run). */
  record(live: KubeObject): void {
    const uid = live.metadata.uid;
    const resourceVersion = live.metadata.resourceVersion;
    if (!uid || !resourceVersion) return;
    this.#seen.delete(uid);
    this.#seen.set(uid, { resourceVersion, digest: driftDigest(live) });
    if (this.#seen.size > this.#max) this.#seen.delete(this.#seen.keys().next().value!);
  }

  /**
   * Whether applying would leave the object as it is, judged from a dry-run answer: true or false when
   * the live object is the one last recorded, undefined when it is not known (never seen, or written
   * since by anyone, status included) and must be read to decide.
   */
  unchanged(dryRun: KubeObject): boolean | undefined {
    const seen = dryRun.metadata.uid ? this.#seen.get(dryRun.metadata.uid) : undefined;
    if (!seen || seen.resourceVersion !== dryRun.metadata.resourceVersion) return undefined;
    return seen.digest === driftDigest(dryRun);
  }

  forget(uid: string | undefined): void {
    if (uid) this.#seen.delete(uid);
  }
}

/**
 * A digest of what hasDrifted compares: labels, annotations, and everything outside metadata and
 * status. Empty values are dropped and keys sorted, so two objects hasDrifted calls equal have the same
 * digest; the converse is what matters (a differing digest only costs a read).
 */
export function driftDigest(o: KubeObject): string {
  const { metadata, status: _status, ...rest } = o;
  const view = { labels: metadata.labels, annotations: metadata.annotations, rest };
  return createHash('sha1').update(canonicalJson(view) ?? '').digest('base64');
}

function canonicalJson(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) {
    if (v.length === 0) return undefined;
    return `[${v.map((x) => canonicalJson(x) ?? 'null').join(',')}]`;
  }
  if (isPlainObject(v)) {
    const parts: string[] = [];
    for (const k of Object.keys(v).sort()) {
      const inner = canonicalJson(v[k]);
      if (inner !== undefined) parts.push(`${JSON.stringify(k)}:${inner}`);
    }
    return parts.length === 0 ? undefined : `{${parts.join(',')}}`;
  }
  return JSON.stringify(v);
}
