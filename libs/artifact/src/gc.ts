// Which stored files of one object are garbage (upstream §3.5). Kept pure so the policy is tested apart
// from the filesystem.

/** `--artifact-retention-ttl` default: 1 minute. */
export const defaultRetentionTTLMs = 60_000;
/** `--artifact-retention-records` default: 2 files, the current one included. */
export const defaultRetentionRecords = 2;
/** Upstream stops walking an artifact directory after this many files. */
export const garbageCountLimit = 1000;
/** Upstream gives one collection this long. */
export const garbageCollectTimeoutMs = 5_000;

export interface StoredFile {
  path: string;
  mtimeMs: number;
}

export interface RetentionPolicy {
  ttlMs: number;
  records: number;
  now: number;
}

/**
 * Every file older than the TTL is garbage; then the oldest survivors go until at most `records` remain.
 * `current` (the artifact in status) is never garbage, whatever its age or rank.
 */
export function selectGarbage(files: readonly StoredFile[], current: string | undefined, policy: RetentionPolicy): string[] {
  const sorted = [...files].sort((a, b) => a.mtimeMs - b.mtimeMs || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const garbage = new Set<string>();
  for (const f of sorted) {
    if (f.path !== current && policy.now - f.mtimeMs > policy.ttlMs) garbage.add(f.path);
  }
  let remaining = sorted.length - garbage.size;
  for (const f of sorted) {
    if (remaining <= policy.records) break;
    if (f.path === current || garbage.has(f.path)) continue;
    garbage.add(f.path);
    remaining -= 1;
  }
  return sorted.filter((f) => garbage.has(f.path)).map((f) => f.path);
}
