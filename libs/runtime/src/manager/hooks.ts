// The hooks that plug a manager's metrics, tracing, events, logs and NATS into one controller's reconciles.
import type { ReadinessPublisher } from '@conflux/bus';
import type { Span } from '@opentelemetry/api';
import type { EventRecorder } from '../events/recorder.ts';
import { type KubeObject, objectKey } from '../kube/object.ts';
import type { ResourceType } from '../kube/resources.ts';
import { findCondition } from '../reconcile/conditions.ts';
import type { ControllerHooks, ReconciledInfo } from '../reconcile/controller.ts';
import { type Logger, reconcileLogger } from '../observability/logging.ts';
import { ReconcileResult, type RuntimeMetrics } from '../observability/metrics.ts';
import type { ObjectRef } from '../observability/object-ref.ts';
import { endReconcileSpan, injectTraceContext, startReconcileSpan, type TraceCarrier, type Tracing } from '../observability/tracing.ts';
import { readinessChanged, readinessEventFor } from './readiness.ts';

export interface HookContext {
  resource: ResourceType;
  /** The controller's name in metrics and logs, e.g. "gitrepository". */
  controllerName: string;
  log: Logger;
  metrics: RuntimeMetrics;
  tracing: Tracing;
  recorder: EventRecorder;
  /** Present when NATS is on. */
  publisher: () => ReadinessPublisher | undefined;
  /** The trace context that asked for a key's next reconcile (a readiness event from another controller). */
  pendingTrace: Map<string, TraceCarrier>;
  /** Keeps an event being recorded in view, so shutdown can wait for it. */
  track(work: Promise<void>): void;
}

export function controllerHooks<T extends KubeObject>(ctx: HookContext): ControllerHooks<T> {
  // Per reconcile: the span it runs in, and the failure the reconciled hook saw (the loop itself does not throw).
  const spans = new Map<string, Span>();
  const failures = new Map<string, unknown>();
  const refOf = (o: KubeObject): ObjectRef => ({ kind: ctx.resource.kind, namespace: o.metadata.namespace ?? '', name: o.metadata.name });

  return {
    event(object, type, reason, message, metadata) {
      ctx.track(ctx.recorder.event(object, type, reason, message, metadata));
    },

    async around<R>(object: T, reconcileID: string, run: () => Promise<R>): Promise<R> {
      const key = objectKey(object);
      const parent = ctx.pendingTrace.get(key);
      ctx.pendingTrace.delete(key);
      const span = startReconcileSpan(ctx.tracing.tracer, { ...refOf(object), reconcileID }, parent);
      spans.set(reconcileID, span);
      let thrown: unknown;
      try {
        return await run();
      } catch (err) {
        thrown = err;
        throw err;
      } finally {
        endReconcileSpan(span, thrown ?? failures.get(reconcileID));
        spans.delete(reconcileID);
        failures.delete(reconcileID);
      }
    },

    reconciled(info: ReconciledInfo<T>) {
      const ref = refOf(info.object);
      if (info.error !== undefined) failures.set(info.reconcileID, info.error);
      recordMetrics(ctx, ref, info);
      logOutcome(ctx, ref, info);
      publishReadiness(ctx, info, spans.get(info.reconcileID));
    },

    error(message, error, object) {
      const fields = object ? { controllerKind: ctx.resource.kind, namespace: object.metadata.namespace, name: object.metadata.name } : {};
      ctx.log.error({ ...fields, error }, message);
    },
  };
}

function recordMetrics<T extends KubeObject>(ctx: HookContext, ref: ObjectRef, info: ReconciledInfo<T>): void {
  const { metrics, controllerName } = ctx;
  metrics.recordReconcileResult(controllerName, info.outcome === 'error' ? ReconcileResult.Error : ReconcileResult.Success);
  if (info.outcome === 'error') metrics.incQueueRetries(controllerName);
  if (info.outcome === 'deleted') {
    // A deleted object must stop being reported, or dashboards would show it forever.
    metrics.deleteObject(ref);
    return;
  }
  metrics.recordReconcileDuration(ref, info.durationMs / 1000);
  metrics.recordSuspend(ref, info.outcome === 'suspended');
  const ready = findCondition(info.status.conditions, 'Ready');
  if (ready) metrics.recordCondition(ref, { type: 'Ready', status: ready.status });
}

function logOutcome<T extends KubeObject>(ctx: HookContext, ref: ObjectRef, info: ReconciledInfo<T>): void {
  const log = reconcileLogger(ctx.log, ref, info.reconcileID);
  const fields = { outcome: info.outcome, durationMs: Math.round(info.durationMs) };
  if (info.outcome === 'error') log.error({ ...fields, error: info.error ?? findCondition(info.status.conditions, 'Ready')?.message }, 'reconciliation failed');
  else if (info.outcome === 'success' || info.outcome === 'stalled') log.info(fields, `reconciliation finished in ${fields.durationMs}ms`);
  else log.debug(fields, `reconciliation ${info.outcome}`);
}

function publishReadiness<T extends KubeObject>(ctx: HookContext, info: ReconciledInfo<T>, span: Span | undefined): void {
  const publisher = ctx.publisher();
  if (!publisher || info.outcome === 'deleted' || !readinessChanged(info.previousStatus, info.status)) return;
  const event = readinessEventFor(info.object, ctx.resource, info.status);
  if (!event) return;
  publisher.publish(event, span ? injectTraceContext(span) : undefined);
}
