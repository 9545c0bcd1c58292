// Step: download the source artifact, verify its digest, extract it safely and check spec.path
// (reference §1.4 step 5). A 404 means the source has not published the file (yet) and is retried at
// --requeue-dependency; any other failure at retryInterval. Nothing is applied or pruned either way.
import { stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { ArtifactErrorCode, fetchArtifact, isArtifactError } from '@conflux/artifact';
import { ConditionType, KustomizeReason } from '@conflux/api';
import { formatDuration, objectKey } from '@conflux/runtime';
import type { StepContext, StepResult } from './context.ts';
import { errorMessage, retry, wait } from './outcome.ts';
import { timeoutMs } from './timing.ts';

/**
 * spec.path relative to the artifact root. Like upstream's securejoin, `..` cannot climb above the
 * root: it stops there, so a hostile path names some directory inside the artifact or none.
 */
export function artifactPath(path: string | undefined): string {
  const clean = posix.normalize(`/${path ?? ''}`).replace(/^\/+/, '').replace(/\/+$/, '');
  return clean === '' ? '.' : clean;
}

/** Reconciling (and Ready=Unknown) with upstream's progress message for this revision. */
export function markProgressing(ctx: StepContext): StepResult {
  const revision = ctx.source!.artifact.revision;
  const message = `Fetching manifests for revision ${revision} with a timeout of ${formatDuration(timeoutMs(ctx.object.spec))}`;
  ctx.request.setCondition({ type: ConditionType.Reconciling, status: 'True', reason: KustomizeReason.Progressing, message });
  ctx.request.setCondition({ type: ConditionType.Ready, status: 'Unknown', reason: KustomizeReason.Progressing, message: 'Reconciliation in progress' });
  if (ctx.deps.gates.CancelHealthCheckOnNewRevision) {
    const watch = ctx.deps.healthWaits.begin(objectKey(ctx.object), revision, ctx.object.metadata.generation);
    ctx.superseded = watch.signal;
    ctx.cleanups.push(() => watch.end());
  }
  return 'continue';
}

export async function fetchSource(ctx: StepContext): Promise<StepResult> {
  const { artifact } = ctx.source!;
  const root = join(ctx.workDir, 'source');
  try {
    await fetchArtifact(artifact.url, root, {
      digest: artifact.digest,
      retries: ctx.deps.httpRetry,
      signal: ctx.request.signal,
      tmpDir: ctx.workDir,
      ...(ctx.deps.artifactHostOverride ? { hostOverride: ctx.deps.artifactHostOverride } : {}),
    });
  } catch (err) {
    const message = `failed to fetch artifact of ${ctx.source!.ref} (revision ${artifact.revision}): ${errorMessage(err)}`;
    // Upstream requeues a 404 quietly: the source is expected to publish the file shortly.
    if (isArtifactError(err, ArtifactErrorCode.NotFound)) return wait(ctx, KustomizeReason.ArtifactFailed, message, ctx.deps.requeueDependencyMs);
    if (isArtifactError(err)) return retry(ctx, KustomizeReason.ArtifactFailed, message);
    throw err;
  }
  const path = artifactPath(ctx.object.spec.path);
  const dir = join(root, path);
  const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDir) return retry(ctx, KustomizeReason.ArtifactFailed, `kustomization path not found: ${ctx.object.spec.path ?? ''} does not exist in revision ${artifact.revision} of ${ctx.source!.ref}`);
  ctx.artifactRoot = root;
  ctx.status.lastAttemptedRevision = artifact.revision;
  return 'continue';
}
