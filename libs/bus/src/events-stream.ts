// The JetStream stream that holds events meant for people, so alerts outlive a notification-controller
// restart. notification-controller owns it (ensures it at every connect); producers only publish, and
// their events are dropped while no stream exists, exactly as they are while no one would read them.
import { DiscardPolicy, type JetStreamManager, jetstreamManager, type StreamConfig, type StreamInfo, StorageType } from '@nats-io/jetstream';
import { type NatsConnection, nanos } from '@nats-io/transport-node';
import { SubjectRoot } from './subjects.ts';

export interface EventStreamOptions {
  /** Default CONFLUX_EVENTS. */
  name?: string;
  /** The stream takes `<subjectRoot>.>`. Default `conflux.v1.events`. */
  subjectRoot?: string;
  /** Default 5 min, upstream's --rate-limit-interval, so dedup matches upstream's rate limiting. */
  duplicateWindowMs?: number;
  /** Default 24 h: an alert older than a day is noise, not news. */
  maxAgeMs?: number;
  /** Default 256 MiB; the oldest events go first. */
  maxBytes?: number;
  /** Default 1; raise it on a clustered NATS. */
  replicas?: number;
}

export const eventStreamDefaults = {
  name: 'CONFLUX_EVENTS',
  subjectRoot: SubjectRoot.events,
  duplicateWindowMs: 5 * 60_000,
  maxAgeMs: 24 * 3_600_000,
  maxBytes: 256 * 1024 * 1024,
  replicas: 1,
} as const satisfies Required<EventStreamOptions>;

export function resolveEventStream(options: EventStreamOptions = {}): Required<EventStreamOptions> {
  return { ...eventStreamDefaults, ...definedOnly(options) };
}

/** The settings this lib manages; anything else an operator set on the stream is left alone. */
export function eventStreamConfig(options: EventStreamOptions = {}): Pick<StreamConfig, 'name' | 'subjects' | 'storage' | 'discard' | 'duplicate_window' | 'max_age' | 'max_bytes' | 'num_replicas'> {
  const o = resolveEventStream(options);
  return {
    name: o.name,
    subjects: [`${o.subjectRoot}.>`],
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    duplicate_window: nanos(o.duplicateWindowMs),
    max_age: nanos(o.maxAgeMs),
    max_bytes: o.maxBytes,
    num_replicas: o.replicas,
  };
}

/** Creates the stream, or brings the managed settings of an existing one back to the wanted values. */
export async function ensureEventStream(nc: NatsConnection, options: EventStreamOptions = {}): Promise<StreamInfo> {
  const jsm = await jetstreamManager(nc);
  const wanted = eventStreamConfig(options);
  const existing = await streamInfo(jsm, wanted.name);
  if (!existing) return jsm.streams.add(wanted);
  const drifted = (Object.keys(wanted) as (keyof typeof wanted)[]).some(
    (key) => JSON.stringify(existing.config[key]) !== JSON.stringify(wanted[key]),
  );
  // Storage cannot change on a live stream; everything else we manage can.
  if (!drifted) return existing;
  const { storage: _storage, name: _name, ...updatable } = wanted;
  return jsm.streams.update(wanted.name, updatable);
}

async function streamInfo(jsm: JetStreamManager, name: string): Promise<StreamInfo | undefined> {
  try {
    return await jsm.streams.info(name);
  } catch (err) {
    if ((err as Error).name === 'StreamNotFoundError') return undefined;
    throw err;
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
