// Step: every Kustomization this one dependsOn must be Ready at its current generation, and one built
// from the same source must have applied the revision this one is about to apply (reference §4).
// Upstream polls every --requeue-dependency; Conflux also enqueues dependents the moment a dependency
// turns Ready (app.ts), so the poll is only the fallback.
import { apiResources, ConditionType, KustomizeReason } from '@conflux/api';
import { findCondition, formatDuration, isNotFound, stalled } from '@conflux/runtime';
import type { KustomizationObject, StepContext, StepResult } from './context.ts';
import { event, wait } from './outcome.ts';
import { sourceKey } from './source.ts';

/** Why `dep` does not let `self` proceed at `revision`, or undefined when it does. */
export function dependencyProblem(self: KustomizationObject, dep: KustomizationObject, revision: string): string | undefined {
  const id = `${dep.metadata.namespace}/${dep.metadata.name}`;
  const conditions = dep.status?.conditions ?? [];
  if (conditions.length === 0 || dep.metadata.generation !== dep.status?.observedGeneration) return `dependency '${id}' is not ready`;
  if (findCondition(conditions, ConditionType.Ready)?.status !== 'True') return `dependency '${id}' is not ready`;
  if (sourceKey(dep) === sourceKey(self) && dep.status?.lastAppliedRevision !== revision) return `dependency '${id}' revision is not up to date`;
  return undefined;
}

export async function checkDependencies(ctx: StepContext): Promise<StepResult> {
  const { object, deps } = ctx;
  const refs = object.spec.dependsOn ?? [];
  if (refs.length === 0) return 'continue';
  if (refs.some((r) => r.readyExpr)) {
    // No maintained CEL implementation is available to Conflux yet; refusing beats guessing (see report/ADR).
    return stalled(KustomizeReason.InvalidCELExpression, 'dependsOn[].readyExpr needs CEL, which Conflux does not evaluate yet; remove readyExpr to use the built-in readiness check');
  }
  for (const ref of refs) {
    const namespace = ref.namespace || object.metadata.namespace || '';
    if (deps.noCrossNamespaceRefs && namespace !== object.metadata.namespace) {
      return stalled(KustomizeReason.AccessDenied, `cannot access dependency '${namespace}/${ref.name}': cross-namespace references are disabled on this controller`);
    }
    let problem: string | undefined;
    try {
      const dep = await deps.client.get<KustomizationObject>(apiResources.Kustomization, namespace, ref.name);
      problem = dependencyProblem(object, dep, ctx.source?.artifact.revision ?? '');
    } catch (err) {
      if (!isNotFound(err)) throw err;
      problem = `unable to get '${namespace}/${ref.name}' dependency: ${(err as Error).message}`;
    }
    if (problem) {
      const result = wait(ctx, KustomizeReason.DependencyNotReady, problem, deps.requeueDependencyMs);
      event(ctx, 'Normal', `Dependencies do not meet ready condition, retrying in ${formatDuration(deps.requeueDependencyMs)}`);
      return result;
    }
  }
  return 'continue';
}
