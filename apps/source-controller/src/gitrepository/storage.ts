// reconcileStorage (reference §3.5): collect old files, make sure the advertised artifact is still on disk
// and intact, and rewrite its URL from the current advertised address.
import { ConditionType, MetaReason, SourceReason } from '@conflux/api';
import type { StepContext, StepResult } from './context.ts';
import { errorMessage } from './failure.ts';

export async function reconcileStorage(ctx: StepContext): Promise<StepResult> {
  const { request, status, deps } = ctx;
  const { storage } = deps;
  const artifact = status.artifact;
  const rebuild = (why: string) => {
    delete status.artifact;
    request.removeCondition(ConditionType.ArtifactInStorage);
    request.setCondition({ type: ConditionType.Reconciling, status: 'True', reason: MetaReason.Progressing, message: why });
  };
  if (!artifact) {
    rebuild('building artifact');
    return 'continue';
  }

  try {
    const deleted = await storage.garbageCollect(artifact);
    if (deleted.length > 0) request.event('Trace', SourceReason.GarbageCollectionSucceeded, `garbage collected ${deleted.length} artifacts`);
  } catch (err) {
    // A failed collection never blocks serving: the files are only kept a little longer.
    request.event('Warning', SourceReason.GarbageCollectionFailed, `garbage collection failed: ${errorMessage(err)}`);
  }

  let intact: boolean;
  try {
    if (!(await storage.exists(artifact))) {
      rebuild('building artifact: disappeared from storage');
      return 'continue';
    }
    intact = await storage.verify(artifact);
  } catch (err) {
    // A path in status that the store refuses (edited by hand) counts as a missing artifact.
    rebuild(`building artifact: ${errorMessage(err)}`);
    return 'continue';
  }
  if (!intact) {
    request.event('Warning', SourceReason.ArtifactVerificationFailed, `failed to verify integrity of artifact '${artifact.path}': digest mismatch; rebuilding it`);
    await storage.remove(artifact);
    rebuild('building artifact: disappeared from storage');
    return 'continue';
  }
  status.artifact = storage.withCurrentURL(artifact);
  request.setCondition({ type: ConditionType.ArtifactInStorage, status: 'True', reason: MetaReason.Succeeded, message: `stored artifact for revision '${artifact.revision}'` });
  return 'continue';
}
