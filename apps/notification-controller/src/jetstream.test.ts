// e2e: events through the JetStream stream (docs/adr/0003). An event published while notification-
// controller is down is delivered once it is back, exactly once; and two replicas given a burst of the same
// event deliver it once, because the stream's duplicate window is shared where upstream's limiter is per pod.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectBus, eventPublisher, EventOutcome } from '@conflux/bus';
import { freshNamespace, type TestNamespace } from '@conflux/testing';
import { eventFor, type Harness, type Recorder, startHarness, startRecorder } from './test-support.ts';

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('JetStream, end to end', () => {
  let rec: Recorder;
  let ns: TestNamespace;
  const running: Harness[] = [];

  before(async () => {
    rec = await startRecorder();
  });
  after(async () => {
    for (const h of running) await h.stop().catch(() => undefined);
    await rec?.close();
    await ns?.remove();
  });

  async function start(shard: string): Promise<Harness> {
    const h = await startHarness(shard, { nats: true });
    running.push(h);
    return h;
  }
  async function stop(h: Harness): Promise<void> {
    running.splice(running.indexOf(h), 1);
    await h.stop();
  }

  it('GIVEN notification-controller is down WHEN an event is published to the stream THEN it is delivered after it starts, exactly once', async () => {
    const shard = 'nc-js-restart';
    const first = await start(shard);
    ns = await freshNamespace(first.plane.clients, 'nc-jetstream');
    await first.createProvider(ns.name, 'restart', { type: 'generic', address: `${rec.url}/restart` });
    await first.createAlert(ns.name, 'restart', { providerRef: { name: 'restart' }, eventSources: [{ kind: 'Kustomization', name: 'restart' }] });
    await first.waitCached(ns.name, 'restart', 'restart');
    // The first run created the stream and the durable consumer; now the controller goes away.
    await stop(first);

    const bus = connectBus({ servers: first.plane.natsURL, name: 'test-producer' });
    try {
      await bus.whenConnected();
      const published = await eventPublisher(bus).publish(eventFor(ns.name, 'restart', { message: 'published while down' }));
      assert.equal(published.outcome, EventOutcome.Stored);
    } finally {
      await bus.close();
    }
    await settle(500);
    assert.equal(rec.requests.filter((r) => r.path === '/restart').length, 0);

    const second = await start(shard);
    const got = await rec.waitFor(1, (r) => r.path === '/restart');
    assert.equal(JSON.parse(got[0]!.body).message, 'published while down');
    // Acknowledged after dispatch: a third start must not see it again.
    await stop(second);
    await start(shard);
    await settle(2_000);
    assert.equal(rec.requests.filter((r) => r.path === '/restart').length, 1);
  });

  it('GIVEN two replicas WHEN a burst of the same event reaches both over HTTP and NATS THEN one delivery', async () => {
    const shard = 'nc-js-replicas';
    const a = await start(shard);
    const b = await start(shard);
    ns ??= await freshNamespace(a.plane.clients, 'nc-jetstream');
    await a.createProvider(ns.name, 'replicas', { type: 'generic', address: `${rec.url}/replicas` });
    await a.createAlert(ns.name, 'replicas', { providerRef: { name: 'replicas' }, eventSources: [{ kind: 'Kustomization', name: 'replicas' }] });
    await a.waitCached(ns.name, 'replicas', 'replicas');
    await b.waitCached(ns.name, 'replicas', 'replicas');

    const event = eventFor(ns.name, 'replicas');
    const statuses = await Promise.all([a, b, a, b, a, b].map((h) => h.postEvent(event).then((r) => r.status)));
    assert.equal(statuses.filter((s) => s === 202).length, 1, `statuses ${statuses.join(',')}`);
    assert.equal(statuses.filter((s) => s === 429).length, 5);
    const bus = connectBus({ servers: a.plane.natsURL, name: 'test-producer' });
    try {
      await bus.whenConnected();
      assert.equal((await eventPublisher(bus).publish(event)).outcome, EventOutcome.Duplicate);
    } finally {
      await bus.close();
    }
    await rec.waitFor(1, (r) => r.path === '/replicas');
    await settle(1_500);
    assert.equal(rec.requests.filter((r) => r.path === '/replicas').length, 1);
  });
});
