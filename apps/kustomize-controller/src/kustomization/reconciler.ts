// The Kustomization reconciler: upstream's steps in order (reference §1.4), each in its own module.
// The runtime around it owns the finalizer, suspend, observedGeneration, status writes and the NATS
// readiness event that lets dependents start at once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConditionType, type KustomizationStatus, OCIAnnotations } from '@conflux/api';
import { findCondition, type Reconciler, type ReconcileResult } from '@conflux/runtime';
import { applyManifests, pruneStale } from './apply.ts';
import { connectCluster } from './cluster.ts';
import type { KustomizationDeps, KustomizationObject, StepContext, StepResult } from './context.ts';
import { checkDependencies } from './dependencies.ts';
import { fetchSource, markProgressing } from './fetch.ts';
import { finalizeKustomization } from './finalize.ts';
import { checkSpec, finish } from './finish.ts';
import { checkHealth } from './health.ts';
import { recordHistory } from './history.ts';
import { buildManifests } from './manifests.ts';
import { resolveSource } from './source.ts';

type Step = (ctx: StepContext) => Promise<StepResult> | StepResult;

const steps: readonly Step[] = [
  checkSpec,
  resolveSource,
  checkDependencies,
  markProgressing,
  fetchSource,
  connectCluster,
  buildManifests,
  applyManifests,
  pruneStale,
  checkHealth,
];

export function kustomizationReconciler(deps: KustomizationDeps): Reconciler<KustomizationObject> {
  return {
    async reconcile(request) {
      const { object } = request;
      const ctx: StepContext = {
        request,
        object,
        status: request.status as KustomizationStatus,
        deps,
        startedAt: performance.now(),
        workDir: await mkdtemp(join(tmpdir(), `kustomization-${object.metadata.namespace}-${object.metadata.name}-`)),
        cleanups: [],
      };
      try {
        const result = await run(ctx);
        recordAttempt(ctx);
        return result;
      } finally {
        for (const cleanup of ctx.cleanups) await cleanup();
        await rm(ctx.workDir, { recursive: true, force: true });
      }
    },

    finalize: (request) => finalizeKustomization(request, deps),
  };
}

async function run(ctx: StepContext): Promise<ReconcileResult> {
  for (const step of steps) {
    const outcome = await step(ctx);
    if (outcome !== 'continue') return outcome;
  }
  return finish(ctx);
}

/** Once manifests were built, every outcome goes into status.history under their digest. */
function recordAttempt(ctx: StepContext): void {
  if (!ctx.manifests) return;
  const ready = findCondition(ctx.status.conditions, ConditionType.Ready);
  const metadata: Record<string, string> = {};
  const revision = ctx.source?.artifact.revision;
  if (revision) metadata['revision'] = revision;
  const origin = ctx.source?.artifact.metadata?.[OCIAnnotations.revision];
  if (origin) metadata['originRevision'] = origin;
  ctx.status.history = recordHistory(ctx.status.history, {
    digest: ctx.manifests.digest,
    status: ready?.reason ?? 'Unknown',
    durationMs: performance.now() - ctx.startedAt,
    metadata,
    at: new Date(),
  });
}
