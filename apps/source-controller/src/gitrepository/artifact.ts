// reconcileArtifact (reference §2.4, §3.4, §3.6): archive the tree with the ignore rules, store it
// atomically as <commit>.tar.gz, and record what it was built from.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ConditionType, MetaReason, SourceReason } from '@conflux/api';
import { type IgnoreFilter, type IgnorePattern, ignorePatternsFromFiles, loadIgnorePatterns, type MemoryFile, parseIgnorePatterns, sourceIgnoreFilter } from '@conflux/artifact';
import type { TreeFiles } from '@conflux/git';
import { contentConfigChanged } from './config.ts';
import { gitRepositoryKind, type StepContext, type StepResult } from './context.ts';
import { errorMessage, fail } from './failure.ts';

/** True when at least one regular file survives the filter: an artifact of nothing is refused. */
export async function keepsAnyFile(dir: string, filter: IgnoreFilter, rel = ''): Promise<boolean> {
  for (const entry of await readdir(join(dir, rel), { withFileTypes: true })) {
    const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isFile() && !filter(path, false)) return true;
    if (entry.isDirectory() && (await keepsAnyFile(dir, filter, path))) return true;
  }
  return false;
}

/**
 * A tree read into memory as the archiver takes it: regular files only, as the walk of a checkout on
 * disk skips links. Links are left out of the .sourceignore search too, where a checkout on disk would
 * follow one; a link there could only name another file of the tree or one on the controller's host.
 */
function regularFiles(tree: TreeFiles): MemoryFile[] {
  return tree.files.filter((f) => f.mode !== '120000').map((f) => ({ path: f.path, content: f.content, mode: f.mode === '100755' ? 0o755 : 0o644 }));
}

export async function reconcileArtifact(ctx: StepContext): Promise<StepResult> {
  const { request, object, status, deps } = ctx;
  const commit = ctx.commit;
  if (!commit?.dir && !commit?.tree) return 'continue';
  const inStorage = (revision: string) =>
    request.setCondition({ type: ConditionType.ArtifactInStorage, status: 'True', reason: MetaReason.Succeeded, message: `stored artifact for revision '${revision}'` });

  if (status.artifact?.revision === commit.revision && !contentConfigChanged(object, ctx.includes ?? [])) {
    request.event('Trace', SourceReason.ArtifactUpToDate, `artifact up-to-date with remote revision: '${commit.revision}'`);
    // Left over from a failed attempt at a configuration that has since been reverted.
    request.removeCondition(ConditionType.ArtifactOutdated);
    request.removeCondition(ConditionType.StorageOperationFailed);
    inStorage(commit.revision);
    return 'continue';
  }

  const files = commit.tree ? regularFiles(commit.tree) : undefined;
  let filter: IgnoreFilter;
  try {
    const patterns: IgnorePattern[] = files ? ignorePatternsFromFiles(files) : await loadIgnorePatterns(commit.dir as string);
    if (object.spec.ignore) patterns.push(...parseIgnorePatterns(object.spec.ignore));
    filter = sourceIgnoreFilter(patterns);
  } catch (err) {
    return fail(ctx, ConditionType.StorageOperationFailed, SourceReason.SourceIgnoreError, `failed to load source ignore patterns from repository: ${errorMessage(err)}`);
  }
  const keepsAny = files ? files.some((f) => !filter(f.path, false)) : await keepsAnyFile(commit.dir as string, filter);
  if (!keepsAny) {
    return fail(
      ctx,
      ConditionType.StorageOperationFailed,
      SourceReason.ArchiveOperationFailed,
      `refusing to store an empty artifact for revision '${commit.revision}': the ignore rules (spec.ignore and .sourceignore files) exclude every file`,
    );
  }

  const { namespace = '', name } = object.metadata;
  try {
    const location = deps.storage.artifactFor(gitRepositoryKind, namespace, name, `${commit.hash}.tar.gz`, commit.revision);
    status.artifact = files
      ? await deps.storage.archiveFiles(location, files, { filter, directories: commit.tree!.directories })
      : await deps.storage.archive(location, commit.dir as string, { filter });
    // v1 dropped the latest.tar.gz link; a store written by an older version may still have one.
    await deps.storage.removeSymlink(status.artifact, 'latest.tar.gz').catch(() => undefined);
  } catch (err) {
    return fail(ctx, ConditionType.StorageOperationFailed, SourceReason.ArchiveOperationFailed, `unable to archive artifact to storage: ${errorMessage(err)}`);
  }
  recordObserved(ctx);
  request.removeCondition(ConditionType.ArtifactOutdated);
  request.removeCondition(ConditionType.StorageOperationFailed);
  inStorage(commit.revision);
  return 'continue';
}

function recordObserved(ctx: StepContext): void {
  const { spec } = ctx.object;
  const { status } = ctx;
  const set = <K extends keyof typeof status>(key: K, value: (typeof status)[K] | undefined) => {
    if (value === undefined) delete status[key];
    else status[key] = value;
  };
  set('includedArtifacts', spec.include?.length ? ctx.includes : undefined);
  set('observedIgnore', spec.ignore);
  set('observedRecurseSubmodules', spec.recurseSubmodules);
  set('observedInclude', spec.include?.length ? spec.include : undefined);
  set('observedSparseCheckout', spec.sparseCheckout?.length ? spec.sparseCheckout : undefined);
}
