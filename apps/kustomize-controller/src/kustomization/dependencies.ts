// Step: every Kustomization this one dependsOn must be Ready at its current generation, and one built
// from the same source must have applied the revision this one is about to apply (reference §4). A
// readyExpr replaces those built-in checks, or adds to them with the AdditiveCELDependencyCheck gate.
// Upstream polls every --requeue-dependency; Conflux also enqueues dependents the moment a dependency
// turns Ready, or changes at all for a readyExpr (triggers.ts), so the poll is only the fallback.
import { apiResources, ConditionType, KustomizeReason } from '@conflux/api';
import { findCondition, formatDuration, isNotFound, stalled } from '@conflux/runtime';
import type { CelExpression } from '@conflux/cel';
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

/** Why the readyExpr does not hold for `dep`; an evaluation error is a reason to wait, not a configuration error. */
export function readyExprProblem(readyExpr: CelExpression, self: KustomizationObject, dep: KustomizationObject): string | undefined {
  try {
    if (readyExpr.evaluateBoolean({ self, dep })) return undefined;
    return `dependency '${dep.metadata.namespace}/${dep.metadata.name}' is not ready according to readyExpr eval`;
  } catch (err) {
    return `dependency '${dep.metadata.namespace}/${dep.metadata.name}': ${(err as Error).message}`;
  }
}

export async function checkDependencies(ctx: StepContext): Promise<StepResult> {
  const { object, deps } = ctx;
  const refs = object.spec.dependsOn ?? [];
  if (refs.length === 0) return 'continue';
  for (const [i, ref] of refs.entries()) {
    const namespace = ref.namespace || object.metadata.namespace || '';
    if (deps.noCrossNamespaceRefs && namespace !== object.metadata.namespace) {
      return stalled(KustomizeReason.AccessDenied, `cannot access dependency '${namespace}/${ref.name}': cross-namespace references are disabled on this controller`);
    }
    let problem: string | undefined;
    try {
      const dep = await deps.client.get<KustomizationObject>(apiResources.Kustomization, namespace, ref.name);
      const readyExpr = ctx.compiled?.readyExprs.get(i);
      problem = readyExpr ? readyExprProblem(readyExpr, object, dep) : undefined;
      if (!problem && (!readyExpr || deps.gates.AdditiveCELDependencyCheck)) problem = dependencyProblem(object, dep, ctx.source?.artifact.revision ?? '');
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
