// The controller runtime's public door. See README.md for how an app puts these together.

// Talking to the API server (without @kubernetes/client-node; see docs/adr/0004).
export { type ClusterAccess, fromKubeconfig, type KubeconfigTrust, loadClusterAccess } from './kube/config.ts';
export { KubeClient, type KubeClientOptions, type ListOptions, PatchType, type WatchEvent, type WatchEventType, type WatchOptions } from './kube/client.ts';
export { isAlreadyExists, isConflict, isGone, isNotFound, KubeApiError } from './kube/errors.ts';
export { type KubeList, type KubeObject, type ObjectMeta, objectKey, splitKey } from './kube/object.ts';
export { apiVersionOf, collectionPath, coreResources, objectPath, type ResourceType } from './kube/resources.ts';
export { TokenBucket } from './kube/rate-limit.ts';
export { controllerNodeFlags, hasControllerNodeFlags } from './node-flags.ts';
export { flowControlHeaders, serverHasFlowControl, throttleUnlessFlowControl } from './kube/flow-control.ts';

// Watch cache and work queue.
export { type CacheHandler, type IndexFunction, WatchCache, type WatchCacheOptions } from './cache/watch-cache.ts';
export { Backoff, backoffDelay } from './queue/backoff.ts';
export { WorkQueue, type WorkQueueOptions } from './queue/work-queue.ts';

// The reconcile loop.
export { type Condition, type ConditionInput, conditionTime, findCondition, maxConditionMessage, removeCondition, setCondition, sortConditions } from './reconcile/conditions.ts';
export {
  Controller,
  type ControllerHooks,
  type ControllerOptions,
  defaultFinalizer,
  type EventType as ReconcileEventType,
  needsReconcile,
  type Outcome,
  type ReconciledInfo,
  type Reconciler,
  type ReconcileRequest,
  requestedAtAnnotation,
} from './reconcile/controller.ts';
export { ReconcileError, type ReconcileResult, stalled, success, waiting } from './reconcile/outcome.ts';
export { rebaseStatus, type Status, statusPatch, writeStatus } from './reconcile/status-patch.ts';

// Flags, logs, metrics, health, tracing.
export { envNameFor, FlagError, FlagErrorCode, type FlagSpec, type FlagSpecs, type FlagValues, formatDuration, formatFlagUsage, parseDuration, parseFlags, parseRuntimeFlags, runtimeFlagSpecs, runtimeFlagUsage, type RuntimeFlags } from './flags.ts';
export { LogEncoding, LogLevel } from './observability/log-options.ts';
export { createLogger, type Logger, type LoggerOptions, reconcileLogger } from './observability/logging.ts';
export type { ObjectRef } from './observability/object-ref.ts';
export { type ConditionSample, createMetrics, MetricName, type MetricsOptions, ReconcileResult as ReconcileMetricResult, type RuntimeMetrics } from './observability/metrics.ts';
export { createHealthChecks, type HealthCheck, type HealthChecks, Probe } from './observability/health-checks.ts';
export { type HttpEndpoint, listen as listenHttp, type ListenAddress, parseListenAddress } from './observability/http-endpoint.ts';
export { startHealthServer, startMetricsServer } from './observability/health.ts';
export { contextWithSpan, endReconcileSpan, extractTraceContext, injectTraceContext, ReconcileSpanAttribute, resolveTracesEndpoint, setupTracing, startReconcileSpan, type TraceCarrier, type Tracing, type TracingOptions } from './observability/tracing.ts';

// Leader election and events.
export { type LeaderElectionLog, type LeaderElectionLogLevel, type LeaderElectionOutcome, leaderElectionDefaults, LeaderElector, type LeaderElectorOptions } from './leader/election.ts';
export { EventRecorder, type EventRecorderOptions } from './events/recorder.ts';
export { type EventLog, type EventLogLevel, type EventObject, EventSeverity, type EventSink, EventType, eventGroup, type InvolvedObject, type ToolkitEvent } from './events/types.ts';
export { EventPostError, HttpEventSink, httpEventSinkDefaults } from './events/http-sink.ts';
export { eventMetadata, severityOf, toolkitEvent } from './events/payload.ts';

// The Manager: flags, client, caches, controllers, health, metrics, tracing, events, NATS and leader election in one place.
export { type ControllerSpec, createManager, type ManagedController, Manager, type ManagerOptions, type ManagerState, type ReadinessSelector } from './manager.ts';
export { leaderElectionID, type ManagerFlags, managerFlagSpecs, runtimeNamespace } from './manager/options.ts';
export { readinessChanged, readinessEventFor } from './manager/readiness.ts';
