// The alert stream's configuration on the real control-plane NATS.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { jetstreamManager } from '@nats-io/jetstream';
import { controlPlaneForSuite } from '@conflux/testing';
import { connectBus } from './connection.ts';
import { eventPublisher } from './event-publisher.ts';
import { ensureEventStream, eventStreamConfig, eventStreamDefaults } from './events-stream.ts';
import { sampleEvent } from './test-fixtures.ts';

// Top level, not in before(): a suite-owned control plane registers its own after() to stop it.
const { natsURL } = await controlPlaneForSuite();
const bus = connectBus({ servers: natsURL, name: 'events-stream-test' });
await bus.whenConnected();
after(() => bus.close());

// A stream of its own per test: stream subjects may not overlap within one NATS account.
function freshStream() {
  const id = randomBytes(4).toString('hex');
  return { name: `TEST_EVENTS_${id}`, subjectRoot: `t${id}.v1.events` };
}

describe('event stream defaults', () => {
  it('GIVEN no options WHEN the stream config is built THEN it is CONFLUX_EVENTS on conflux.v1.events.> with a 5 min duplicate window', () => {
    const config = eventStreamConfig();
    assert.equal(config.name, 'CONFLUX_EVENTS');
    assert.deepEqual(config.subjects, ['conflux.v1.events.>']);
    assert.equal(config.duplicate_window, 5 * 60 * 1e9);
    assert.equal(eventStreamDefaults.replicas, 1);
  });
});

describe('event stream', () => {
  it('GIVEN no stream WHEN ensured THEN it has the wanted subjects, file storage, duplicate window and limits', async () => {
    const stream = freshStream();
    const info = await ensureEventStream(bus.nats()!, stream);
    assert.deepEqual(info.config.subjects, [`${stream.subjectRoot}.>`]);
    assert.equal(info.config.storage, 'file');
    assert.equal(info.config.duplicate_window, 5 * 60 * 1e9);
    assert.equal(info.config.max_age, 24 * 3600 * 1e9);
    assert.equal(info.config.max_bytes, 256 * 1024 * 1024);
    await (await jetstreamManager(bus.nats()!)).streams.delete(stream.name);
  });

  it('GIVEN a stream whose limits drifted WHEN ensured again THEN the limits are restored and stored events kept', async () => {
    const stream = freshStream();
    await ensureEventStream(bus.nats()!, stream);
    await eventPublisher(bus, { subjectRoot: stream.subjectRoot }).publish(sampleEvent());
    const jsm = await jetstreamManager(bus.nats()!);
    await jsm.streams.update(stream.name, { max_bytes: 1024 * 1024 });

    const info = await ensureEventStream(bus.nats()!, { ...stream, maxAgeMs: 3_600_000 });

    assert.equal(info.config.max_bytes, 256 * 1024 * 1024);
    assert.equal(info.config.max_age, 3600 * 1e9);
    assert.equal(info.state.messages, 1);
    await jsm.streams.delete(stream.name);
  });
});
