import { hostname } from 'node:os';
import type { KubeClient } from '../kube/client.ts';
import { HttpEventSink, type HttpEventSinkOptions } from './http-sink.ts';
import { KubeEventWriter } from './kube-events.ts';
import { involvedObjectOf, isForwardable, kubernetesEventType, toolkitEvent } from './payload.ts';
import { type EventLog, type EventLogLevel, type EventObject, type EventSink, EventType } from './types.ts';

export interface EventRecorderOptions {
  /** Writes the core/v1 Events; may be shared with the rest of the controller. */
  client: KubeClient;
  /** The controller's name, e.g. `source-controller`: Event source, reportingController. */
  controller: string;
  /** reportingInstance; upstream uses the hostname, i.e. the pod name. */
  instance?: string;
  /** --events-addr: when set, events are POSTed there as well. */
  eventsAddr?: string;
  /** Tuning for the HTTP sink (tests shorten the backoff). */
  http?: Omit<HttpEventSinkOptions, 'address'>;
  /** Further sinks, such as NATS, that receive exactly what is POSTed to --events-addr. */
  sinks?: EventSink[];
  log?: EventLog;
  now?: () => Date;
}

/**
 * The event recorder every controller uses, with upstream Flux's dual sink: each event becomes a
 * core/v1 Event on the object, and non-Trace events about namespaced objects are also forwarded to the
 * event sinks (notification-controller's HTTP API, NATS). Recording never fails a reconcile: errors are
 * logged and swallowed. Like upstream, the call waits for the sinks, retries included.
 */
export class EventRecorder {
  private readonly controller: string;
  private readonly instance: string;
  private readonly kube: KubeEventWriter;
  private readonly sinks: EventSink[] = [];
  private readonly log: EventLog;
  private readonly now: () => Date;

  constructor(options: EventRecorderOptions) {
    this.controller = options.controller;
    this.instance = options.instance ?? hostname();
    this.log = options.log ?? (() => undefined);
    this.now = options.now ?? (() => new Date());
    this.kube = new KubeEventWriter({
      client: options.client,
      component: options.controller,
      instance: this.instance,
    });
    if (options.eventsAddr) this.sinks.push(new HttpEventSink({ ...options.http, address: options.eventsAddr }));
    for (const sink of options.sinks ?? []) this.sinks.push(sink);
  }

  /** Adds a forwarding sink, e.g. the NATS publisher once it is connected. */
  addSink(sink: EventSink): void {
    this.sinks.push(sink);
  }

  /**
   * Records an event about `object`. `type` is Normal, Warning or Trace; `metadata` holds the
   * controller's keys (e.g. `source.toolkit.fluxcd.io/revision`), to which the object's
   * `event.toolkit.fluxcd.io/*` annotations are added for forwarding.
   */
  async event(object: EventObject, type: EventType, reason: string, message: string, metadata?: Record<string, string>): Promise<void> {
    const at = this.now();
    const ref = involvedObjectOf(object);
    this.log(logLevelOf(type), message, { kind: ref.kind, namespace: ref.namespace, name: ref.name, reason, type });

    const work: Promise<void>[] = [this.recordInKubernetes(object, type, reason, message, metadata, at)];
    if (this.sinks.length > 0 && isForwardable(type, ref)) {
      const event = toolkitEvent({ object, type, reason, message, metadata, controller: this.controller, instance: this.instance, at });
      for (const sink of this.sinks) {
        work.push(
          sink.send(event).catch((err: unknown) =>
            this.log('error', 'unable to forward event', { sink: sinkName(sink), reason, ...objectFields(ref), error: errorMessage(err) }),
          ),
        );
      }
    }
    await Promise.all(work);
  }

  private async recordInKubernetes(
    object: EventObject,
    type: EventType,
    reason: string,
    message: string,
    annotations: Record<string, string> | undefined,
    at: Date,
  ): Promise<void> {
    try {
      await this.kube.record({ object, type: kubernetesEventType(type), reason, message, annotations, at });
    } catch (err) {
      this.log('error', 'unable to record Kubernetes event', { reason, ...objectFields(involvedObjectOf(object)), error: errorMessage(err) });
    }
  }
}

function logLevelOf(type: string): EventLogLevel {
  if (type === EventType.Warning) return 'error';
  if (type === EventType.Trace) return 'trace';
  return 'info';
}

function objectFields(ref: { kind?: string; namespace?: string; name?: string }): Record<string, unknown> {
  return { kind: ref.kind, namespace: ref.namespace, name: ref.name };
}

function sinkName(sink: EventSink): string {
  return (sink as { constructor?: { name?: string } }).constructor?.name || 'sink';
}

function errorMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const body = (err as { body?: unknown }).body;
  return typeof body === 'string' && body ? `${err.message}: ${body.slice(0, 300)}` : err.message;
}
