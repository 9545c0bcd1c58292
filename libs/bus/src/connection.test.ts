// NATS outages against a private control plane whose NATS the tests stop and start.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ControlPlane, eventually, startControlPlane } from '@conflux/testing';
import { connectBus } from './connection.ts';
import { DropReason, readinessPublisher } from './publisher.ts';
import { type ReadinessMessage, subscribeReadiness } from './subscriber.ts';
import { sampleReadiness } from './test-fixtures.ts';

let plane: ControlPlane;

before(async () => {
  plane = await startControlPlane({ log: (line) => process.stderr.write(`${line}\n`) });
});
after(async () => {
  await plane?.stop();
});

describe('bus connection through NATS outages', () => {
  it('GIVEN a connected publisher and subscriber WHEN NATS stops THEN publishing neither throws nor blocks, AND WHEN NATS starts again THEN the resync hook fires and a new event arrives', async (t) => {
    const root = 'outage.v1.ready';
    const bus = connectBus({ servers: plane.natsURL, name: 'outage-test', reconnectWaitMs: 200 });
    t.after(() => bus.close());
    const received: ReadinessMessage[] = [];
    const sub = subscribeReadiness(bus, (m) => void received.push(m), { root });
    let resyncs = 0;
    bus.onResync(() => {
      resyncs++;
    });
    const drops: DropReason[] = [];
    const publisher = readinessPublisher(bus, { root, onDrop: (_e, reason) => drops.push(reason) });
    await bus.whenConnected();
    await bus.nats()!.flush();
    assert.equal(publisher.publish(sampleReadiness({ name: 'before' })), true);
    await eventually('the first event', () => received.length === 1);
    assert.equal(resyncs, 0, 'a first connection that worked at once needs no resync');

    await plane.stopNats();
    await eventually('the bus to notice the outage', () => !bus.status().connected);
    // The caller keeps running: a reconcile loop's worth of publishes, none of which may throw.
    for (let i = 0; i < 50; i++) assert.equal(publisher.publish(sampleReadiness({ name: `during-${i}` })), false);
    assert.equal(drops.length, 50);
    assert.ok(drops.every((r) => r === DropReason.Disconnected));
    assert.equal(resyncs, 0);

    await plane.startNats();
    await eventually('the resync hook to fire after the reconnect', () => resyncs === 1, { timeoutMs: 30_000 });
    assert.equal(bus.status().connected, true);
    assert.equal(publisher.publish(sampleReadiness({ name: 'after' })), true);
    await eventually('the event published after the outage', () => received.some((m) => m.event.name === 'after'));
    assert.deepEqual(received.map((m) => m.event.name), ['before', 'after'], 'nothing from the outage was buffered and replayed');
    assert.deepEqual(publisher.stats(), { published: 2, dropped: 50 });
    sub.close();
  });

  it('GIVEN NATS is down when the bus starts WHEN a consumer starts THEN nothing throws, AND WHEN NATS comes up THEN the bus connects in the background, resyncs once and delivers', async (t) => {
    const root = 'late.v1.ready';
    await plane.stopNats();
    const bus = connectBus({ servers: plane.natsURL, name: 'late-start-test', reconnectWaitMs: 200 });
    t.after(() => bus.close());
    const received: ReadinessMessage[] = [];
    const sub = subscribeReadiness(bus, (m) => void received.push(m), { root });
    let resyncs = 0;
    bus.onResync(() => {
      resyncs++;
    });
    const publisher = readinessPublisher(bus, { root });
    await eventually('a failed connection attempt', () => bus.status().failedAttempts > 0);
    assert.equal(bus.status().connected, false);
    assert.equal(publisher.publish(sampleReadiness({ name: 'too-early' })), false);

    await plane.startNats();
    await eventually('the resync after the first successful connection', () => resyncs === 1, { timeoutMs: 30_000 });
    assert.equal(bus.status().connected, true);
    publisher.publish(sampleReadiness({ name: 'on-time' }));
    await eventually('the event', () => received.length === 1);
    assert.equal(received[0]!.event.name, 'on-time');
    sub.close();
  });

  it('GIVEN a resync handler that fails WHEN NATS comes back THEN the other handlers still run and the bus stays up', async (t) => {
    const bus = connectBus({ servers: plane.natsURL, name: 'failing-resync-test', reconnectWaitMs: 200 });
    t.after(() => bus.close());
    let good = 0;
    bus.onResync(() => {
      throw new Error('cannot list sources');
    });
    bus.onResync(async () => {
      good++;
    });
    await bus.whenConnected();
    await plane.stopNats();
    await eventually('the outage to be seen', () => !bus.status().connected);
    await plane.startNats();
    await eventually('the good handler to run', () => good === 1, { timeoutMs: 30_000 });
    assert.equal(bus.status().connected, true);
  });

  it('GIVEN a closed bus WHEN it is used THEN publishing drops, waiting resolves to nothing and closing again is harmless', async () => {
    const bus = connectBus({ servers: plane.natsURL, name: 'closed-test' });
    await bus.whenConnected();
    await bus.close();
    assert.equal(bus.status().closed, true);
    assert.equal(readinessPublisher(bus).publish(sampleReadiness()), false);
    assert.equal(await bus.whenConnected(), undefined);
    await bus.close();
  });
});
