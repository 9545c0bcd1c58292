// Includes (reference §2.6): other GitRepositories' artifacts, copied into this one's tree.
import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Artifact, ConditionType, MetaReason, SourceReason } from '@conflux/api';
import { extractTarGz, secureJoin } from '@conflux/artifact';
import { waiting } from '@conflux/runtime';
import { includesChanged } from './config.ts';
import type { StepContext, StepResult } from './context.ts';
import { errorMessage, fail } from './failure.ts';

/**
 * Finds the artifact of every include, or waits (IncludeUnavailable) for one that is missing. Runs
 * inside reconcileSource, as upstream does, because a changed include must defeat the optimized clone.
 */
export function resolveIncludes(ctx: StepContext): StepResult {
  const { request, object, deps } = ctx;
  const namespace = object.metadata.namespace ?? '';
  const artifacts: Artifact[] = [];
  for (const include of object.spec.include ?? []) {
    const name = include.repository.name;
    const dependency = deps.lookup(namespace, name);
    let reason: string | undefined;
    let message = '';
    if (!dependency) {
      reason = SourceReason.NotFound;
      message = `could not get resource for include '${name}': gitrepositories.source.toolkit.fluxcd.io "${name}" not found`;
    } else if (!dependency.status?.artifact) {
      reason = SourceReason.NoArtifact;
      message = `no artifact available for include '${name}'`;
    }
    if (reason) {
      request.setCondition({ type: ConditionType.IncludeUnavailable, status: 'True', reason, message });
      request.event('Trace', reason, message);
      return waiting(reason, message, deps.requeueDependencyMs);
    }
    artifacts.push(dependency!.status!.artifact!);
  }
  request.removeCondition(ConditionType.IncludeUnavailable);
  ctx.includes = artifacts;
  return 'continue';
}

/** Copies each include's artifact (or its fromPath) to toPath inside the checked-out tree. */
export async function reconcileInclude(ctx: StepContext): Promise<StepResult> {
  const { request, object, status, deps } = ctx;
  const includes = object.spec.include ?? [];
  const dir = ctx.commit?.dir;
  if (!dir || includes.length === 0) return 'continue';
  const artifacts = ctx.includes ?? [];
  if (includesChanged(status.includedArtifacts, artifacts)) {
    const message = 'included artifacts differ from last observed includes';
    request.setCondition({ type: ConditionType.ArtifactOutdated, status: 'True', reason: SourceReason.IncludeChange, message });
    request.setCondition({ type: ConditionType.Reconciling, status: 'True', reason: MetaReason.Progressing, message: `building artifact: ${message}` });
  }
  for (const [i, include] of includes.entries()) {
    const name = include.repository.name;
    const artifact = artifacts[i]!;
    let target: string;
    let source: string;
    const unpacked = join(await ctx.workDir(), `include-${i}`);
    try {
      target = secureJoin(dir, include.toPath || name, 'toPath');
      source = include.fromPath ? secureJoin(unpacked, include.fromPath, 'fromPath') : unpacked;
    } catch (err) {
      return fail(ctx, ConditionType.StorageOperationFailed, SourceReason.IllegalPath, `path calculation for include '${name}' failed: ${errorMessage(err)}`, true);
    }
    try {
      await extractTarGz(deps.storage.localPath(artifact), unpacked);
      await rm(target, { recursive: true, force: true });
      await cp(source, target, { recursive: true });
    } catch (err) {
      return fail(ctx, ConditionType.StorageOperationFailed, SourceReason.CopyFailure, `failed to copy '${name}' include from ${include.fromPath || '/'} to ${include.toPath || name}: ${errorMessage(err)}`);
    }
  }
  return 'continue';
}
