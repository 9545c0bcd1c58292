// The Receiver reconciler (reference §4.5, §5.1): read the token, publish the webhook path in status, and
// say Ready. The runtime around it owns the finalizer, suspend, progress marking, observedGeneration,
// lastHandledReconcileAt, retries and the requeue at spec.interval.
import { ConditionStatus, ConditionType, MetaReason, NotificationReason, type ReceiverSpec, type ReceiverStatus } from '@conflux/api';
import { findCondition, formatDuration, type KubeClient, type KubeObject, type ObjectMeta, parseDuration, ReconcileError, type Reconciler, type ReconcileRequest, stalled, success } from '@conflux/runtime';
import { loadCel } from '@conflux/cel';
import { combineFilters, FilterCompileError } from './filter.ts';
import { compileOidcProviders, OidcExpressionError, oidcSpecProblem } from './oidc-config.ts';
import { readToken } from './token.ts';
import { webhookPath } from './webhook-path.ts';

/** A Receiver as the runtime handles it. */
export type ReceiverObject = KubeObject & { metadata: ObjectMeta; spec: ReceiverSpec; status?: ReceiverStatus };

export interface ReceiverReconcilerDeps {
  client: KubeClient;
}

export function receiverReconciler(deps: ReceiverReconcilerDeps): Reconciler<ReceiverObject> {
  return {
    async reconcile(request) {
      const { object, status } = request;
      const problem = oidcSpecProblem(object.spec);
      if (problem) {
        delete status['webhookPath'];
        return stalled(NotificationReason.ValidationFailed, `Reconciliation failed terminally due to configuration error: ${problem}`);
      }
      if (object.spec.resourceFilter || object.spec.resources.some((r) => r.filter) || object.spec.oidcProviders?.length) await loadCel();
      const invalid = invalidFilter(object) ?? invalidOidcExpression(object);
      if (invalid) {
        delete status['webhookPath'];
        return stalled(NotificationReason.InvalidCELExpression, `Reconciliation failed terminally due to configuration error: ${invalid}`);
      }
      const token = await readToken(deps.client, object);
      if (!token.ok) {
        // A path built from a token that is gone would keep accepting calls signed with it.
        delete status['webhookPath'];
        throw new ReconcileError(NotificationReason.TokenNotFound, token.message);
      }
      const path = webhookPath(token.token, object.metadata.name, object.metadata.namespace ?? '');
      const changed = status['webhookPath'] !== path || findCondition(object.status?.conditions, ConditionType.Ready)?.status !== ConditionStatus.True;
      status['webhookPath'] = path;
      request.setCondition({ type: ConditionType.Ready, status: ConditionStatus.True, reason: MetaReason.Succeeded, message: `Receiver initialized for path: ${path}` });
      // Upstream announces every successful pass; once per change of path or readiness says the same without an event every interval.
      if (changed) request.event('Normal', MetaReason.Succeeded, `Reconciliation finished, next run in ${formatDuration(intervalMs(request))}`);
      return success();
    },
  };
}

function intervalMs(request: ReconcileRequest<ReceiverObject>): number {
  try {
    return parseDuration(request.object.spec.interval ?? '10m');
  } catch {
    return 10 * 60_000;
  }
}

/** Why resourceFilter or a resources[].filter does not compile, or undefined when they all do. */
function invalidFilter(object: ReceiverObject): string | undefined {
  try {
    for (const r of object.spec.resources) combineFilters(object.spec.resourceFilter, r.filter);
    combineFilters(object.spec.resourceFilter);
    return undefined;
  } catch (err) {
    if (err instanceof FilterCompileError) return err.message;
    throw err;
  }
}

/** Why an oidcProviders variable or validation does not compile, or undefined when they all do. */
function invalidOidcExpression(object: ReceiverObject): string | undefined {
  if (!object.spec.oidcProviders?.length) return undefined;
  try {
    compileOidcProviders(object.spec.oidcProviders);
    return undefined;
  } catch (err) {
    if (err instanceof OidcExpressionError) return err.message;
    throw err;
  }
}
