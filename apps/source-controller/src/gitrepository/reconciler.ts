// The GitRepository reconciler: upstream's four steps in order, then one place that summarises Ready and
// tells people what happened. The runtime around it owns the finalizer, suspend, progress marking,
// observedGeneration, status writes, retries and the NATS readiness event.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConditionType, EventMetadataKey, eventMetadataKey, MetaReason, SourceReason } from '@conflux/api';
import { findCondition, type Reconciler, type ReconcileRequest, type ReconcileResult, success } from '@conflux/runtime';
import { reconcileArtifact } from './artifact.ts';
import { type GitRepositoryDeps, gitRepositoryKind, type GitRepositoryObject, type StepContext, type StepResult } from './context.ts';
import { reconcileInclude } from './include.ts';
import { checkProvider } from './provider.ts';
import { reconcileSource } from './source.ts';
import { reconcileStorage } from './storage.ts';
import { gitRepositoryReadyOrder, summarizeReady } from './summary.ts';
import { prepareVerification, reconcileVerification } from './verify.ts';

const steps: ReadonlyArray<(ctx: StepContext) => Promise<StepResult> | StepResult> = [
  reconcileStorage,
  checkProvider,
  prepareVerification,
  reconcileSource,
  reconcileVerification,
  reconcileInclude,
  reconcileArtifact,
];

// Success after one of these was True is worth a "Succeeded" event even when the artifact is unchanged.
const failureConditions = [ConditionType.FetchFailed, ConditionType.IncludeUnavailable, ConditionType.StorageOperationFailed];

const sourceGroup = 'source.toolkit.fluxcd.io';

export function gitRepositoryReconciler(deps: GitRepositoryDeps): Reconciler<GitRepositoryObject> {
  return {
    async reconcile(request) {
      const { object } = request;
      // Most reconciles need no directory at all (the tree is archived from memory), so it is made lazily.
      let workDir: string | undefined;
      const ctx: StepContext = {
        request,
        object,
        status: request.status,
        deps,
        workDir: async () => (workDir ??= await mkdtemp(join(tmpdir(), `gitrepository-${object.metadata.namespace}-${object.metadata.name}-`))),
        recovering: failureConditions.some((t) => findCondition(object.status?.conditions, t)?.status === 'True'),
      };
      try {
        let result: ReconcileResult = success();
        for (const step of steps) {
          const outcome = await step(ctx);
          if (outcome !== 'continue') {
            result = outcome;
            break;
          }
        }
        if (result.outcome === 'success') {
          notify(ctx);
          summarize(request);
        }
        return result;
      } finally {
        if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
      }
    },

    async finalize(request) {
      const { namespace = '', name } = request.object.metadata;
      await deps.storage.removeAll(gitRepositoryKind, namespace, name);
    },
  };
}

/** Ready from the owned conditions, as upstream summarises a successful pass (Reconciling is about to go). */
function summarize(request: ReconcileRequest<GitRepositoryObject>): void {
  const order = gitRepositoryReadyOrder.filter((t) => t !== ConditionType.Reconciling && t !== ConditionType.Stalled);
  const ready = summarizeReady(request.status.conditions ?? [], order);
  if (ready) request.setCondition(ready);
}

/** NewArtifact when the stored bytes changed; Succeeded when the same artifact is back after a failure. */
function notify(ctx: StepContext): void {
  const before = ctx.object.status?.artifact;
  const after = ctx.status.artifact;
  if (!after) return;
  const changed = before?.digest !== after.digest;
  if (!changed && !ctx.recovering) return;
  const subject = ctx.commit?.subject || after.revision;
  const metadata = {
    [eventMetadataKey(sourceGroup, EventMetadataKey.revision)]: after.revision,
    [eventMetadataKey(sourceGroup, EventMetadataKey.digest)]: after.digest,
  };
  ctx.request.event('Normal', changed ? SourceReason.NewArtifact : MetaReason.Succeeded, `stored artifact for commit '${subject}'`, metadata);
}
