// notification-controller's durable consumer against the real control-plane NATS.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { controlPlaneForSuite, eventually } from '@conflux/testing';
import { type BusConnection, connectBus } from './connection.ts';
import { consumeEvents, type EventMessage } from './event-consumer.ts';
import { EventOutcome, eventPublisher } from './event-publisher.ts';
import { PayloadErrorCode } from './errors.ts';
import { subjectFor } from './subjects.ts';
import { sampleEvent } from './test-fixtures.ts';

// Top level, not in before(): a suite-owned control plane registers its own after() to stop it.
const { natsURL } = await controlPlaneForSuite();
let producer: BusConnection;
let raw: NatsConnection;

function freshStream() {
  const id = randomBytes(4).toString('hex');
  return { name: `TEST_EVENTS_${id}`, subjectRoot: `t${id}.v1.events` };
}

before(async () => {
  producer = connectBus({ servers: natsURL, name: 'event-producer' });
  raw = await connect({ servers: natsURL });
  await producer.whenConnected();
});
after(async () => {
  await producer?.close();
  await raw?.close();
});

async function publishAll(root: string, messages: string[]): Promise<void> {
  const publisher = eventPublisher(producer, { subjectRoot: root });
  for (const message of messages) assert.equal((await publisher.publish(sampleEvent({ message }))).outcome, EventOutcome.Stored);
}

describe('durable event consumer', () => {
  it('GIVEN a consumer process that acked three events and restarted WHEN two more were published meanwhile THEN the new process gets exactly those two, in order', async () => {
    const stream = freshStream();
    const durable = 'notification-controller';
    // The consumer creates the stream, as notification-controller does at start.
    const first = connectBus({ servers: natsURL, name: 'nc-1' });
    const seenByFirst: EventMessage[] = [];
    const consumer1 = consumeEvents(first, (m) => void seenByFirst.push(m), { durable, stream, expiresMs: 1_000 });
    await eventually('the stream to exist', async () => (await jetstreamManager(producer.nats()!)).streams.info(stream.name));

    await publishAll(stream.subjectRoot, ['e1', 'e2', 'e3']);
    await eventually('three events handled and acked', () => consumer1.stats().handled === 3);
    await consumer1.stop();
    await first.close();

    await publishAll(stream.subjectRoot, ['e4', 'e5']);
    const second = connectBus({ servers: natsURL, name: 'nc-2' });
    const seenBySecond: EventMessage[] = [];
    const consumer2 = consumeEvents(second, (m) => void seenBySecond.push(m), { durable, stream, expiresMs: 1_000 });
    await eventually('the two new events', () => seenBySecond.length >= 2);
    // Redeliveries of e1..e3 would have come first, so the first two deliveries being e4, e5 rules them out.
    assert.deepEqual(seenByFirst.map((m) => m.event.message), ['e1', 'e2', 'e3']);
    assert.deepEqual(seenBySecond.map((m) => m.event.message), ['e4', 'e5']);
    assert.ok(seenBySecond.every((m) => m.deliveryCount === 1));
    await consumer2.stop();
    await second.close();
    const info = await (await jetstreamManager(producer.nats()!)).consumers.info(stream.name, durable);
    assert.equal(info.num_pending, 0);
    assert.equal(info.num_ack_pending, 0);
    await (await jetstreamManager(producer.nats()!)).streams.delete(stream.name);
  });

  it('GIVEN a handler that fails once WHEN the event is redelivered THEN it is handled on the second delivery', async () => {
    const stream = freshStream();
    const bus = connectBus({ servers: natsURL, name: 'nc-retry' });
    const deliveries: number[] = [];
    const consumer = consumeEvents(
      bus,
      (m) => {
        deliveries.push(m.deliveryCount);
        if (m.deliveryCount === 1) throw new Error('provider unavailable');
      },
      { durable: 'retry', stream, expiresMs: 1_000, retryDelayMs: 100 },
    );
    await eventually('the stream to exist', async () => (await jetstreamManager(producer.nats()!)).streams.info(stream.name));
    await publishAll(stream.subjectRoot, ['flaky']);
    await eventually('the event to be handled', () => consumer.stats().handled === 1);
    assert.deepEqual(deliveries, [1, 2]);
    assert.equal(consumer.stats().failed, 1);
    await consumer.stop();
    await bus.close();
    await (await jetstreamManager(producer.nats()!)).streams.delete(stream.name);
  });

  it('GIVEN a malformed message in the stream WHEN consumed THEN it is skipped for good and the next event is handled', async () => {
    const stream = freshStream();
    const bus = connectBus({ servers: natsURL, name: 'nc-malformed' });
    const handled: string[] = [];
    const skipped: string[] = [];
    const consumer = consumeEvents(bus, (m) => void handled.push(m.event.message), {
      durable: 'malformed',
      stream,
      expiresMs: 1_000,
      onSkip: (err) => skipped.push(err.code),
    });
    await eventually('the stream to exist', async () => (await jetstreamManager(producer.nats()!)).streams.info(stream.name));
    const subject = subjectFor({ group: 'kustomize.toolkit.fluxcd.io', kind: 'Kustomization', namespace: 'flux-system', name: 'apps' }, stream.subjectRoot);
    await raw.request(subject, 'not json at all');
    await publishAll(stream.subjectRoot, ['good']);
    await eventually('the good event', () => handled.length === 1);
    assert.deepEqual(handled, ['good']);
    assert.deepEqual(skipped, [PayloadErrorCode.InvalidJSON]);
    await consumer.stop();
    await bus.close();
    const info = await (await jetstreamManager(producer.nats()!)).consumers.info(stream.name, 'malformed');
    assert.equal(info.num_ack_pending, 0, 'the malformed message was terminated, not left for redelivery');
    await (await jetstreamManager(producer.nats()!)).streams.delete(stream.name);
  });

  it('GIVEN a concurrency of 3 and handlers that wait WHEN five events arrive THEN three are in flight at once, never more, and each is acked after its own handler; a failed one is redelivered', async () => {
    const stream = freshStream();
    const bus = connectBus({ servers: natsURL, name: 'nc-concurrent' });
    let inFlight = 0;
    let maxInFlight = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const deliveries: string[] = [];
    const consumer = consumeEvents(
      bus,
      async (m) => {
        deliveries.push(`${m.event.message}#${m.deliveryCount}`);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          await gate;
          if (m.event.message === 'e2' && m.deliveryCount === 1) throw new Error('provider unavailable');
        } finally {
          inFlight--;
        }
      },
      { durable: 'concurrent', stream, expiresMs: 1_000, retryDelayMs: 100, concurrency: 3 },
    );
    await eventually('the stream to exist', async () => (await jetstreamManager(producer.nats()!)).streams.info(stream.name));
    await publishAll(stream.subjectRoot, ['e1', 'e2', 'e3', 'e4', 'e5']);
    await eventually('three handlers waiting at once', () => inFlight === 3);
    // WHEN nothing is released, no fourth handler may start and nothing is acknowledged yet.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(inFlight, 3);
    assert.equal(consumer.stats().handled, 0);
    const pending = await (await jetstreamManager(producer.nats()!)).consumers.info(stream.name, 'concurrent');
    assert.ok(pending.num_ack_pending >= 3, `unacked while in flight: ${pending.num_ack_pending}`);

    release();
    await eventually('every event handled and acked, e2 on its second delivery', () => consumer.stats().handled === 5);
    assert.equal(maxInFlight, 3);
    assert.equal(consumer.stats().failed, 1);
    assert.deepEqual(deliveries.slice(0, 3), ['e1#1', 'e2#1', 'e3#1'], 'handlers start in stream order');
    assert.ok(deliveries.includes('e2#2'));
    assert.deepEqual(deliveries.filter((d) => d.endsWith('#1')).sort(), ['e1#1', 'e2#1', 'e3#1', 'e4#1', 'e5#1']);
    await consumer.stop();
    await bus.close();
    const info = await (await jetstreamManager(producer.nats()!)).consumers.info(stream.name, 'concurrent');
    assert.equal(info.num_pending, 0);
    assert.equal(info.num_ack_pending, 0);
    await (await jetstreamManager(producer.nats()!)).streams.delete(stream.name);
  });
});
