// A durable pull consumer of the event stream for notification-controller. The consumer's position lives
// on the server under its durable name, so a restarted process resumes where the last one acknowledged:
// nothing acknowledged is delivered again, nothing unacknowledged is lost (at-least-once).
import { setTimeout as sleep } from 'node:timers/promises';
import { AckPolicy, type Consumer, type ConsumerConfig, DeliverPolicy, jetstream, jetstreamManager, type JsMsg, ReplayPolicy } from '@nats-io/jetstream';
import { type NatsConnection, nanos } from '@nats-io/transport-node';
import type { BusConnection } from './connection.ts';
import type { BusPayloadError } from './errors.ts';
import { ensureEventStream, type EventStreamOptions, resolveEventStream } from './events-stream.ts';
import { errorText } from './log.ts';
import { decodeNotificationEvent, type NotificationEvent } from './notification-event.ts';
import { carrierFromHeaders, type TraceCarrier } from './trace.ts';

export interface EventMessage {
  event: NotificationEvent;
  subject: string;
  trace: TraceCarrier;
  /** Stream sequence: stable across deliveries, usable as an idempotency key. */
  seq: number;
  /** 1 on first delivery. */
  deliveryCount: number;
}

/** Resolve to acknowledge; throw to have the event delivered again after a backoff. */
export type EventHandler = (message: EventMessage) => void | Promise<void>;

export interface EventConsumerOptions {
  /** The durable name; every replica and every restart that uses it shares one position. */
  durable: string;
  /** The stream to ensure and read (defaults as in events-stream.ts). */
  stream?: EventStreamOptions;
  /** Only events on subjects matching this filter (e.g. a subjectFilter under the events root). */
  filter?: string;
  /** Messages per pull. Default 64. */
  batch?: number;
  /**
   * Handlers running at once over a pull, each message acknowledged when its own handler ends. Default 4.
   * 1 restores strict one-at-a-time order; above 1 handlers start in stream order but may finish in any.
   */
  concurrency?: number;
  /** How long one pull waits for messages; also the longest stop() waits. Default 5 s (NATS minimum 1 s). */
  expiresMs?: number;
  /** Unacknowledged messages are redelivered after this. Default 60 s, above a provider's 15 s timeout plus retries. */
  ackWaitMs?: number;
  /** Deliveries before an event is given up. Default 10. */
  maxDeliver?: number;
  /** First redelivery delay after a handler failure, doubled per attempt up to 5 min. Default 1 s. */
  retryDelayMs?: number;
  onSkip?: (error: BusPayloadError, subject: string) => void;
}

export interface EventConsumerStats {
  handled: number;
  skipped: number;
  failed: number;
}

export interface EventConsumer {
  stats(): EventConsumerStats;
  /**
   * Stops pulling: the events being handled are finished and acknowledged, the rest of the pull is handed
   * back for immediate redelivery. Returns within about expiresMs plus one handler call.
   */
  stop(): Promise<void>;
}

/** Starts consuming in the background: waits for NATS, ensures the stream and the consumer, then pulls. */
export function consumeEvents(bus: BusConnection, handler: EventHandler, options: EventConsumerOptions): EventConsumer {
  const stream = resolveEventStream(options.stream);
  const batch = options.batch ?? 64;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const expires = Math.max(options.expiresMs ?? 5_000, 1_000);
  const retryDelay = options.retryDelayMs ?? 1_000;
  const stats: EventConsumerStats = { handled: 0, skipped: 0, failed: 0 };
  const stopping = new AbortController();
  const config: ConsumerConfig = {
    durable_name: options.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    replay_policy: ReplayPolicy.Instant,
    ack_wait: nanos(options.ackWaitMs ?? 60_000),
    max_deliver: options.maxDeliver ?? 10,
    ...(options.filter ? { filter_subject: options.filter } : {}),
  };

  async function prepare(nc: NatsConnection): Promise<Consumer> {
    await ensureEventStream(nc, stream);
    const jsm = await jetstreamManager(nc);
    const existing = await jsm.consumers.info(stream.name, options.durable).catch((err: Error) => {
      if (err.name === 'ConsumerNotFoundError') return undefined;
      throw err;
    });
    if (!existing) await jsm.consumers.add(stream.name, config);
    else if (existing.config.filter_subject !== config.filter_subject || existing.config.max_deliver !== config.max_deliver || existing.config.ack_wait !== config.ack_wait) {
      const { durable_name: _durable, deliver_policy: _deliver, ack_policy: _ack, replay_policy: _replay, ...updatable } = config;
      await jsm.consumers.update(stream.name, options.durable, updatable);
    }
    return jetstream(nc).consumers.get(stream.name, options.durable);
  }

  async function handle(m: JsMsg): Promise<void> {
    if (stopping.signal.aborted) {
      // Handed back at once, so the next process need not wait out the ack timeout.
      m.nak();
      return;
    }
    const decoded = decodeNotificationEvent(m.data);
    if (!decoded.ok) {
      stats.skipped++;
      bus.log('warn', 'skipping malformed event', { subject: m.subject, seq: m.seq, code: decoded.error.code, error: decoded.error.message });
      try {
        options.onSkip?.(decoded.error, m.subject);
      } catch {
        // Counting hooks cannot stop the consumer.
      }
      // Terminated, not nak'ed: a bad body stays bad, and redelivering it would only repeat this.
      m.term(decoded.error.code);
      return;
    }
    const deliveryCount = m.info.deliveryCount;
    try {
      await handler({ event: decoded.value, subject: m.subject, trace: carrierFromHeaders(m.headers), seq: m.seq, deliveryCount });
    } catch (err) {
      stats.failed++;
      bus.log('error', 'event handler failed; will be redelivered', { subject: m.subject, seq: m.seq, deliveryCount, error: errorText(err) });
      m.nak(Math.min(retryDelay * 2 ** (deliveryCount - 1), 300_000));
      return;
    }
    // Waiting for the server to confirm the ack is what makes "acknowledged is never redelivered" hold
    // even when the process dies right after.
    if (await m.ackAck().catch(() => false)) stats.handled++;
  }

  // One dispatch plus its ackAck round trip is mostly waiting on the network, so one at a time caps
  // delivery at a few hundred events per second; a small pool keeps the pipe full without unbounded memory.
  async function handleBounded(messages: AsyncIterable<JsMsg>): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    try {
      for await (const m of messages) {
        // handle() never rejects for a handler failure; this guards against a bug turning into an unhandled rejection.
        const done: Promise<void> = handle(m)
          .catch((err: unknown) => bus.log('error', 'event consumer failed handling a message', { subject: m.subject, seq: m.seq, error: errorText(err) }))
          .finally(() => inFlight.delete(done));
        inFlight.add(done);
        if (inFlight.size >= concurrency) await Promise.race(inFlight);
      }
    } finally {
      // A pull that ends (or fails) still lets every started handler finish and acknowledge.
      await Promise.all(inFlight);
    }
  }

  async function run(): Promise<void> {
    let prepared: { nc: NatsConnection; consumer: Consumer } | undefined;
    while (!stopping.signal.aborted) {
      const nc = await bus.whenConnected(stopping.signal);
      if (!nc) return;
      try {
        if (prepared?.nc !== nc) prepared = { nc, consumer: await prepare(nc) };
        const messages = await prepared.consumer.fetch({ max_messages: batch, expires });
        await handleBounded(messages);
      } catch (err) {
        if (stopping.signal.aborted) return;
        // The stream or consumer may be gone (e.g. a NATS that lost its state); prepare again next time.
        prepared = undefined;
        bus.log('warn', 'event consumer pull failed; retrying', { durable: options.durable, error: errorText(err) });
        await sleep(retryDelay, undefined, { signal: stopping.signal }).catch(() => undefined);
      }
    }
  }

  const running = run();

  return {
    stats: () => ({ ...stats }),
    async stop() {
      stopping.abort();
      await running;
    },
  };
}
