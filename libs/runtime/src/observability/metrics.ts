// Prometheus metrics under upstream's names and labels, so that Flux's Grafana dashboards and alert rules
// work unchanged: gotk_* from fluxcd/pkg's recorder, workqueue_* and controller_runtime_* from
// controller-runtime. Each call owns its Registry; there is no global one, so tests and several
// controllers in one process cannot collide.
import type { ObjectRef } from './object-ref.ts';
import { registerProcessMetrics } from './process-metrics.ts';
import { Counter, Gauge, Histogram, Registry } from './prometheus.ts';

export const MetricName = {
  ReconcileDuration: 'gotk_reconcile_duration_seconds',
  ReconcileCondition: 'gotk_reconcile_condition',
  SuspendStatus: 'gotk_suspend_status',
  ReconcileTotal: 'controller_runtime_reconcile_total',
  ReconcileErrors: 'controller_runtime_reconcile_errors_total',
  ActiveWorkers: 'controller_runtime_active_workers',
  MaxConcurrentReconciles: 'controller_runtime_max_concurrent_reconciles',
  QueueDepth: 'workqueue_depth',
  QueueAdds: 'workqueue_adds_total',
  QueueRetries: 'workqueue_retries_total',
  // Not upstream: controller-runtime has no equivalent, and the watch cache is where Conflux's memory goes.
  WatchCacheObjects: 'conflux_watch_cache_objects',
} as const;
export type MetricName = (typeof MetricName)[keyof typeof MetricName];

/** controller-runtime's reconcile outcomes, the `result` label of controller_runtime_reconcile_total. */
export const ReconcileResult = {
  Success: 'success',
  Error: 'error',
  Requeue: 'requeue',
  RequeueAfter: 'requeue_after',
} as const;
export type ReconcileResult = (typeof ReconcileResult)[keyof typeof ReconcileResult];

/** The condition statuses upstream exports one series each for, valued 1 for the current one and 0 otherwise. */
const conditionStatuses = ['True', 'False', 'Unknown'] as const;

export interface ConditionSample {
  type: string;
  status: string;
}

export interface MetricsOptions {
  /** Node process, heap, GC and event-loop metrics (the counterpart of Go's process_* and go_*); default true. */
  processMetrics?: boolean;
}

export interface RuntimeMetrics {
  readonly registry: Registry;
  recordReconcileDuration(ref: ObjectRef, seconds: number): void;
  /** Sets the condition's series for True, False and Unknown to 1 for its status and 0 for the others. */
  recordCondition(ref: ObjectRef, condition: ConditionSample): void;
  recordSuspend(ref: ObjectRef, suspended: boolean): void;
  /** Drops every gotk_* series of a deleted object, so that it stops being reported. */
  deleteObject(ref: ObjectRef): void;
  recordReconcileResult(controller: string, result: ReconcileResult): void;
  setActiveWorkers(controller: string, workers: number): void;
  setMaxConcurrentReconciles(controller: string, max: number): void;
  setQueueDepth(controller: string, depth: number): void;
  incQueueAdds(controller: string): void;
  incQueueRetries(controller: string): void;
  setCacheSize(kind: string, objects: number): void;
  /** The text exposition of every metric, as /metrics serves it. */
  render(): Promise<string>;
}

/**
 * client_golang's ExponentialBucketsRange: `count` buckets growing by a constant factor from `min` to `max`.
 * Upstream spans 10ms to 30 minutes, long enough for a Helm release waiting on its health checks.
 */
export function exponentialBucketsRange(min: number, max: number, count: number): number[] {
  const factor = (max / min) ** (1 / (count - 1));
  return Array.from({ length: count }, (_, i) => Number((min * factor ** i).toPrecision(12)));
}

const objectLabels = ['kind', 'name', 'namespace'] as const;
const queueLabels = ['controller', 'name'] as const;

export function createMetrics(options: MetricsOptions = {}): RuntimeMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics ?? true) registerProcessMetrics(registry);

  const duration = new Histogram({
    name: MetricName.ReconcileDuration,
    help: 'The duration in seconds of a GitOps Toolkit resource reconciliation.',
    labelNames: objectLabels,
    buckets: exponentialBucketsRange(0.01, 1800, 10),
    registers,
  });
  const condition = new Gauge({
    name: MetricName.ReconcileCondition,
    help: 'The current condition status of a GitOps Toolkit resource reconciliation.',
    labelNames: [...objectLabels, 'type', 'status'] as const,
    registers,
  });
  const suspend = new Gauge({
    name: MetricName.SuspendStatus,
    help: 'The current suspend status of a GitOps Toolkit resource.',
    labelNames: objectLabels,
    registers,
  });
  const reconcileTotal = new Counter({
    name: MetricName.ReconcileTotal,
    help: 'Total number of reconciliations per controller.',
    labelNames: ['controller', 'result'] as const,
    registers,
  });
  const reconcileErrors = new Counter({
    name: MetricName.ReconcileErrors,
    help: 'Total number of reconciliation errors per controller.',
    labelNames: ['controller'] as const,
    registers,
  });
  const activeWorkers = new Gauge({
    name: MetricName.ActiveWorkers,
    help: 'Number of currently used workers per controller.',
    labelNames: ['controller'] as const,
    registers,
  });
  const maxConcurrent = new Gauge({
    name: MetricName.MaxConcurrentReconciles,
    help: 'Maximum number of concurrent reconciles per controller.',
    labelNames: ['controller'] as const,
    registers,
  });
  const depth = new Gauge({ name: MetricName.QueueDepth, help: 'Current depth of workqueue.', labelNames: queueLabels, registers });
  const adds = new Counter({ name: MetricName.QueueAdds, help: 'Total number of adds handled by workqueue.', labelNames: queueLabels, registers });
  const retries = new Counter({ name: MetricName.QueueRetries, help: 'Total number of retries handled by workqueue.', labelNames: queueLabels, registers });
  const cacheObjects = new Gauge({
    name: MetricName.WatchCacheObjects,
    help: 'Number of objects held in the watch cache per kind.',
    labelNames: ['kind'] as const,
    registers,
  });

  // Series are removed by their full label set, so remember which condition types each object has.
  const conditionTypes = new Map<string, Set<string>>();
  const keyOf = (ref: ObjectRef) => `${ref.kind}/${ref.namespace}/${ref.name}`;
  const labelsOf = (ref: ObjectRef) => ({ kind: ref.kind, name: ref.name, namespace: ref.namespace });
  // controller-runtime labels its queue with the controller name twice, as `controller` and `name`.
  const queueOf = (controller: string) => ({ controller, name: controller });

  // Upstream reports a reconcile's true duration however long; a negative or NaN value would be a bug here.
  const checkedSeconds = (seconds: number) => {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`reconcile duration must be a non-negative number of seconds, got ${seconds}`);
    return seconds;
  };

  return {
    registry,
    recordReconcileDuration: (ref, seconds) => duration.observe(labelsOf(ref), checkedSeconds(seconds)),
    recordCondition(ref, sample) {
      const key = keyOf(ref);
      let types = conditionTypes.get(key);
      if (!types) conditionTypes.set(key, (types = new Set()));
      types.add(sample.type);
      for (const status of conditionStatuses) {
        condition.set({ ...labelsOf(ref), type: sample.type, status }, status === sample.status ? 1 : 0);
      }
    },
    recordSuspend: (ref, suspended) => suspend.set(labelsOf(ref), suspended ? 1 : 0),
    deleteObject(ref) {
      const labels = labelsOf(ref);
      const key = keyOf(ref);
      for (const type of conditionTypes.get(key) ?? []) {
        for (const status of conditionStatuses) condition.remove({ ...labels, type, status });
      }
      conditionTypes.delete(key);
      suspend.remove(labels);
      duration.remove(labels);
    },
    recordReconcileResult(controller, result) {
      reconcileTotal.inc({ controller, result });
      if (result === ReconcileResult.Error) reconcileErrors.inc({ controller });
    },
    setActiveWorkers: (controller, workers) => activeWorkers.set({ controller }, workers),
    setMaxConcurrentReconciles: (controller, max) => maxConcurrent.set({ controller }, max),
    setQueueDepth: (controller, n) => depth.set(queueOf(controller), n),
    incQueueAdds: (controller) => adds.inc(queueOf(controller)),
    incQueueRetries: (controller) => retries.inc(queueOf(controller)),
    setCacheSize: (kind, objects) => cacheObjects.set({ kind }, objects),
    render: () => registry.metrics(),
  };
}
