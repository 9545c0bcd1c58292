// @conflux/bus: the NATS contract between Conflux controllers (docs/adr/0003).
export { type BusConnection, type BusOptions, type BusStatus, connectBus, type ResyncHandler } from './connection.ts';
export { BusPayloadError, type Decoded, PayloadErrorCode } from './errors.ts';
export {
  type EventConsumer,
  type EventConsumerOptions,
  type EventConsumerStats,
  type EventHandler,
  type EventMessage,
  consumeEvents,
} from './event-consumer.ts';
export { EventOutcome, type EventPublisher, type EventPublisherOptions, type EventPublishResult, eventPublisher } from './event-publisher.ts';
export { ensureEventStream, eventStreamConfig, eventStreamDefaults, type EventStreamOptions, resolveEventStream } from './events-stream.ts';
export { type BusLog, type BusLogLevel } from './log.ts';
export {
  decodeNotificationEvent,
  encodeNotificationEvent,
  eventMessageId,
  eventRef,
  EventSeverity,
  type InvolvedObject,
  type NotificationEvent,
} from './notification-event.ts';
export {
  type ArtifactRef,
  ConditionStatus,
  decodeReadiness,
  encodeReadiness,
  type ReadinessEvent,
  readinessSchemaVersion,
  type ReadyState,
} from './payload.ts';
export {
  decodeReconcileRequest,
  encodeReconcileRequest,
  type ReconcileRequestEvent,
  reconcileRequestSchemaVersion,
  requesterOf,
} from './reconcile-request.ts';
export { type ReconcileRequestPublisher, type ReconcileRequestPublisherOptions, reconcileRequestPublisher } from './reconcile-publisher.ts';
export {
  type ReconcileRequestHandler,
  type ReconcileRequestMessage,
  type ReconcileRequestSubscribeOptions,
  type ReconcileRequestSubscription,
  subscribeReconcileRequests,
} from './reconcile-subscriber.ts';
export { DropReason, type PublisherOptions, type PublisherStats, type ReadinessPublisher, readinessPublisher } from './publisher.ts';
export {
  type ReadinessHandler,
  type ReadinessMessage,
  type ReadinessSubscription,
  type SubscribeOptions,
  type SubscriberStats,
  subscribeReadiness,
} from './subscriber.ts';
export {
  allFilter,
  decodeToken,
  encodeToken,
  groupOf,
  kindFilter,
  namespaceFilter,
  type ObjectRef,
  objectFilter,
  parseSubject,
  SubjectRoot,
  subjectFilter,
  subjectFor,
} from './subjects.ts';
export { carrierFromHeaders, headersFromCarrier, type TraceCarrier, TraceHeader } from './trace.ts';
