// Alert events into the JetStream stream of the real control-plane NATS.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { jetstreamManager } from '@nats-io/jetstream';
import { controlPlaneForSuite } from '@conflux/testing';
import { type BusConnection, connectBus } from './connection.ts';
import { EventOutcome, eventPublisher } from './event-publisher.ts';
import { ensureEventStream, type EventStreamOptions } from './events-stream.ts';
import { sampleEvent } from './test-fixtures.ts';

// Top level, not in before(): a suite-owned control plane registers its own after() to stop it.
const { natsURL } = await controlPlaneForSuite();
const buses: BusConnection[] = [];

async function replica(name: string): Promise<BusConnection> {
  const bus = connectBus({ servers: natsURL, name });
  buses.push(bus);
  await bus.whenConnected();
  return bus;
}

// A stream of its own per test: stream subjects may not overlap within one NATS account.
function freshStream(): Required<Pick<EventStreamOptions, 'name' | 'subjectRoot'>> {
  const id = randomBytes(4).toString('hex');
  return { name: `TEST_EVENTS_${id}`, subjectRoot: `t${id}.v1.events` };
}

after(async () => {
  await Promise.all(buses.map((b) => b.close()));
});

describe('event publisher', () => {
  it('GIVEN two replicas WHEN both publish the same event THEN the stream stores it once', async () => {
    const stream = freshStream();
    const [a, b] = [await replica('replica-a'), await replica('replica-b')];
    await ensureEventStream(a.nats()!, stream);
    const fromA = sampleEvent({ reportingInstance: 'replica-a', timestamp: '2026-01-02T03:04:05Z' });
    const fromB = sampleEvent({ reportingInstance: 'replica-b', timestamp: '2026-01-02T03:04:06Z' });

    const first = await eventPublisher(a, { subjectRoot: stream.subjectRoot }).publish(fromA);
    const second = await eventPublisher(b, { subjectRoot: stream.subjectRoot }).publish(fromB);
    const other = await eventPublisher(b, { subjectRoot: stream.subjectRoot }).publish(sampleEvent({ message: 'a different failure' }));

    assert.equal(first.outcome, EventOutcome.Stored);
    assert.equal(second.outcome, EventOutcome.Duplicate);
    assert.equal(other.outcome, EventOutcome.Stored);
    const info = await (await jetstreamManager(a.nats()!)).streams.info(stream.name);
    assert.equal(info.state.messages, 2);
    await (await jetstreamManager(a.nats()!)).streams.delete(stream.name);
  });

  it('GIVEN no stream exists yet WHEN a producer publishes THEN the event is dropped with a reason and nothing throws', async () => {
    const stream = freshStream();
    const bus = await replica('no-stream');
    const dropped: string[] = [];
    const result = await eventPublisher(bus, { subjectRoot: stream.subjectRoot, onDrop: (_e, why) => dropped.push(why) }).publish(sampleEvent());
    assert.equal(result.outcome, EventOutcome.Dropped);
    assert.match(dropped[0] ?? '', /no stream takes/);
  });

  it('GIVEN no notification-controller (no stream) WHEN events keep coming THEN that is said once at info, then at debug, and said again when the stream appears', async () => {
    const stream = freshStream();
    const lines: Array<{ level: string; message: string }> = [];
    const bus = connectBus({ servers: natsURL, name: 'quiet-without-stream', log: (level, message) => lines.push({ level, message }) });
    buses.push(bus);
    await bus.whenConnected();
    const publisher = eventPublisher(bus, { subjectRoot: stream.subjectRoot });
    for (let i = 0; i < 3; i++) assert.equal((await publisher.publish(sampleEvent({ message: `event ${i}` }))).outcome, EventOutcome.Dropped);
    const about = (re: RegExp) => lines.filter((l) => re.test(l.message));
    assert.deepEqual(about(/event stream|not stored/).map((l) => l.level), ['info', 'debug', 'debug']);
    assert.ok(!lines.some((l) => l.level === 'warn'), 'a missing stream is not a warning');

    await ensureEventStream(bus.nats()!, stream);
    assert.equal((await publisher.publish(sampleEvent({ message: 'after' }))).outcome, EventOutcome.Stored);
    assert.equal(about(/stored again/).length, 1);
    await (await jetstreamManager(bus.nats()!)).streams.delete(stream.name);
  });

  it('GIVEN an invalid event WHEN published THEN it is dropped, not thrown', async () => {
    const stream = freshStream();
    const bus = await replica('invalid');
    const result = await eventPublisher(bus, { subjectRoot: stream.subjectRoot }).publish({ ...sampleEvent(), severity: 'loud' as 'info' });
    assert.equal(result.outcome, EventOutcome.Dropped);
  });

  it('GIVEN an explicit message id WHEN two different events share it THEN the second is a duplicate', async () => {
    const stream = freshStream();
    const bus = await replica('explicit-id');
    await ensureEventStream(bus.nats()!, stream);
    const publisher = eventPublisher(bus, { subjectRoot: stream.subjectRoot });
    assert.equal((await publisher.publish(sampleEvent({ message: 'one' }), { msgId: 'same' })).outcome, EventOutcome.Stored);
    assert.equal((await publisher.publish(sampleEvent({ message: 'two' }), { msgId: 'same' })).outcome, EventOutcome.Duplicate);
    await (await jetstreamManager(bus.nats()!)).streams.delete(stream.name);
  });
});
