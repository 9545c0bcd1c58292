/** The group of Flux's event API; user-defined event metadata keys are prefixed with it. */
export const eventGroup = 'event.toolkit.fluxcd.io';

/** Kubernetes event types plus Flux's Trace, which is recorded as Normal and never forwarded. */
export const EventType = {
  Normal: 'Normal',
  Warning: 'Warning',
  Trace: 'Trace',
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

export const EventSeverity = {
  Trace: 'trace',
  Info: 'info',
  Error: 'error',
} as const;
export type EventSeverity = (typeof EventSeverity)[keyof typeof EventSeverity];

/** core/v1 ObjectReference as Flux puts it on the wire; key order matters for byte-level fidelity. */
export interface InvolvedObject {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/**
 * The event.toolkit.fluxcd.io/v1beta1 Event that controllers POST to notification-controller and that
 * Conflux also publishes over NATS.
 */
export interface ToolkitEvent {
  involvedObject: InvolvedObject;
  severity: EventSeverity;
  /** RFC 3339, UTC, whole seconds. */
  timestamp: string;
  message: string;
  reason: string;
  metadata?: Record<string, string>;
  reportingController: string;
  reportingInstance?: string;
}

/** Where forwarded events go besides Kubernetes: the HTTP event API, NATS, ... */
export interface EventSink {
  send(event: ToolkitEvent): Promise<void>;
}

/** The smallest shape of a Kubernetes object an event can be about. */
export interface EventObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    annotations?: Record<string, string>;
  };
}

export type EventLogLevel = 'trace' | 'debug' | 'info' | 'error';
export type EventLog = (level: EventLogLevel, message: string, fields?: Record<string, unknown>) => void;
