import { type EventObject, EventSeverity, EventType, eventGroup, type InvolvedObject, type ToolkitEvent } from './types.ts';

export function severityOf(type: string): EventSeverity {
  if (type === EventType.Warning) return EventSeverity.Error;
  if (type === EventType.Trace) return EventSeverity.Trace;
  return EventSeverity.Info;
}

/** Kubernetes knows only Normal and Warning; Flux's Trace events are stored as Normal. */
export function kubernetesEventType(type: string): 'Normal' | 'Warning' {
  return type === EventType.Warning ? 'Warning' : 'Normal';
}

export function involvedObjectOf(object: EventObject): InvolvedObject {
  const meta = object.metadata ?? {};
  return dropEmpty({
    kind: object.kind,
    namespace: meta.namespace,
    name: meta.name,
    uid: meta.uid,
    apiVersion: object.apiVersion,
    resourceVersion: meta.resourceVersion,
  });
}

/**
 * Whether an event goes to the forwarding sinks. Trace events stay in the cluster, and so does anything
 * about an object without kind, name or namespace (cluster-scoped objects included), as upstream.
 */
export function isForwardable(type: string, ref: InvolvedObject): boolean {
  return type !== EventType.Trace && !!ref.kind && !!ref.name && !!ref.namespace;
}

/**
 * The caller's metadata plus every object annotation under `event.toolkit.fluxcd.io/`, keys kept whole.
 * Object annotations are applied last, so a user's annotation wins a (rare) collision.
 */
export function eventMetadata(object: EventObject, metadata: Record<string, string> = {}): Record<string, string> {
  const merged: Record<string, string> = { ...metadata };
  for (const [key, value] of Object.entries(object.metadata?.annotations ?? {})) {
    if (key.startsWith(`${eventGroup}/`)) merged[key] = value;
  }
  return sortedKeys(merged);
}

/** RFC 3339 in UTC at second precision, as Go's metav1.Time marshals. */
export function eventTimestamp(at: Date): string {
  return at.toISOString().replace(/\.\d+Z$/, 'Z');
}

export interface ToolkitEventInput {
  object: EventObject;
  type: string;
  reason: string;
  message: string;
  metadata?: Record<string, string>;
  controller: string;
  instance?: string;
  at: Date;
}

/**
 * Builds the upstream-shaped event, with keys in Go's struct order. Only the fields Go marks omitempty
 * (metadata, reportingInstance) are left out when empty.
 */
export function toolkitEvent(input: ToolkitEventInput): ToolkitEvent {
  const metadata = eventMetadata(input.object, input.metadata);
  return {
    involvedObject: involvedObjectOf(input.object),
    severity: severityOf(input.type),
    timestamp: eventTimestamp(input.at),
    message: input.message,
    reason: input.reason,
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    reportingController: input.controller,
    ...(input.instance ? { reportingInstance: input.instance } : {}),
  };
}

// Go's encoder sorts map keys; doing the same keeps bodies byte-comparable with upstream producers.
function sortedKeys(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function dropEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as T;
}
