import { type KubeClient, PatchType } from '../kube/client.ts';
import { isAlreadyExists, isNotFound } from '../kube/errors.ts';
import type { KubeObject } from '../kube/object.ts';
import { apiVersionOf, coreResources } from '../kube/resources.ts';
import { eventTimestamp, involvedObjectOf } from './payload.ts';
import type { EventObject, InvolvedObject } from './types.ts';

export interface KubeEventWriterOptions {
  client: KubeClient;
  /** source.component and reportingComponent: the controller name. */
  component: string;
  /** reportingInstance, e.g. the pod name. */
  instance?: string;
  /** How many distinct events are remembered for aggregation; client-go keeps 4096. */
  cacheSize?: number;
}

export interface KubeEventInput {
  object: EventObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** Set as annotations on the Event, as client-go's AnnotatedEventf does. */
  annotations?: Record<string, string>;
  at: Date;
}

/** The core/v1 Event fields the writer sets; timestamps are RFC 3339 with whole seconds. */
interface CoreEvent extends KubeObject {
  involvedObject: InvolvedObject;
  reason: string;
  message: string;
  type: string;
  source: { component: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count?: number;
  reportingComponent: string;
  reportingInstance?: string;
}

interface Seen {
  name: string;
  namespace: string;
  count: number;
}

/**
 * Writes core/v1 Events and, like client-go's correlator, folds a repeat of an identical event (same
 * object, type, reason and message) into the existing Event by bumping count and lastTimestamp, so a
 * failing reconcile does not flood etcd with one Event per attempt.
 */
export class KubeEventWriter {
  private readonly client: KubeClient;
  private readonly component: string;
  private readonly instance: string | undefined;
  private readonly cacheSize: number;
  /** Insertion-ordered, so the first key is the least recently used. */
  private readonly seen = new Map<string, Seen>();
  /** Writes of one key are chained, so two identical events at once make one Event with count 2. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private sequence = 0;

  constructor(options: KubeEventWriterOptions) {
    this.client = options.client;
    this.component = options.component;
    this.instance = options.instance || undefined;
    this.cacheSize = options.cacheSize ?? 4096;
  }

  record(input: KubeEventInput): Promise<void> {
    const ref = involvedObjectOf(input.object);
    const key = [ref.apiVersion, ref.kind, ref.namespace, ref.name, ref.uid, ref.fieldPath, input.type, input.reason, input.message].join('\u0000');
    const previous = this.inFlight.get(key) ?? Promise.resolve();
    const write = previous.then(
      () => this.write(key, ref, input),
      () => this.write(key, ref, input),
    );
    this.inFlight.set(key, write);
    const forget = () => {
      if (this.inFlight.get(key) === write) this.inFlight.delete(key);
    };
    write.then(forget, forget);
    return write;
  }

  private async write(key: string, ref: InvolvedObject, input: KubeEventInput): Promise<void> {
    const seen = this.seen.get(key);
    if (seen) {
      const count = seen.count + 1;
      try {
        await this.client.patch(
          coreResources.Event,
          seen.namespace,
          seen.name,
          { count, lastTimestamp: eventTimestamp(input.at) },
          { type: PatchType.Merge },
        );
        seen.count = count;
        this.remember(key, seen);
        return;
      } catch (err) {
        // Events expire (an hour by default); start a new one as client-go does.
        if (!isNotFound(err)) throw err;
        this.seen.delete(key);
      }
    }
    const created = await this.create(ref, input);
    this.remember(key, { name: created.metadata.name, namespace: created.metadata.namespace ?? namespaceOf(ref), count: created.count ?? 1 });
  }

  private async create(ref: InvolvedObject, input: KubeEventInput): Promise<CoreEvent> {
    const namespace = namespaceOf(ref);
    const at = eventTimestamp(input.at);
    for (let attempt = 0; ; attempt++) {
      const body: CoreEvent = {
        apiVersion: apiVersionOf(coreResources.Event),
        kind: coreResources.Event.kind,
        metadata: {
          name: this.eventName(ref.name ?? 'unknown', input.at),
          namespace,
          ...(input.annotations && Object.keys(input.annotations).length > 0 ? { annotations: input.annotations } : {}),
        },
        involvedObject: ref,
        reason: input.reason,
        message: input.message,
        type: input.type,
        source: { component: this.component },
        firstTimestamp: at,
        lastTimestamp: at,
        count: 1,
        reportingComponent: this.component,
        ...(this.instance ? { reportingInstance: this.instance } : {}),
      };
      try {
        return await this.client.create(coreResources.Event, body);
      } catch (err) {
        // A name clash (two events in the same nanosecond slot) gets one retry under a fresh name.
        if (!isAlreadyExists(err) || attempt > 0) throw err;
      }
    }
  }

  /** `<object>.<hex nanoseconds>` as client-go names them; the sequence keeps names unique within a millisecond. */
  private eventName(objectName: string, at: Date): string {
    this.sequence = (this.sequence + 1) % 1_000_000;
    const nanos = BigInt(at.getTime()) * 1_000_000n + BigInt(this.sequence);
    return `${objectName}.${nanos.toString(16)}`;
  }

  private remember(key: string, seen: Seen): void {
    this.seen.delete(key);
    this.seen.set(key, seen);
    if (this.seen.size > this.cacheSize) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }
}

/** Events about cluster-scoped objects live in "default", as client-go puts them. */
function namespaceOf(ref: InvolvedObject): string {
  return ref.namespace || 'default';
}
