// The control plane's NATS server carries Conflux's readiness events (core pub/sub) and alerts
// (a JetStream stream that outlives its consumers).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { controlPlaneForSuite } from '@conflux/testing';
let plane;
let nc;
before(async () => {
    plane = await controlPlaneForSuite();
    nc = await connect({ servers: plane.natsURL, name: 'e2e-nats' });
});
after(async () => {
    await nc?.close();
});
describe('NATS in the control plane', () => {
    it('GIVEN a subscriber WHEN a message is published on its subject THEN it receives exactly that message', async () => {
        const subject = `e2e.ready.${Date.now()}`;
        const sub = nc.subscribe(subject, { max: 1 });
        const received = (async () => {
            for await (const m of sub)
                return { subject: m.subject, body: m.string() };
            return undefined;
        })();
        await nc.flush();
        nc.publish(subject, JSON.stringify({ kind: 'GitRepository', ready: true }));
        assert.deepEqual(await received, { subject, body: '{"kind":"GitRepository","ready":true}' });
    });
    it('GIVEN a JetStream stream WHEN messages are published before any consumer exists THEN a later consumer reads them all, duplicates dropped', async () => {
        const jsm = await jetstreamManager(nc);
        const stream = `E2E_${Date.now()}`;
        await jsm.streams.add({ name: stream, subjects: [`${stream}.>`], duplicate_window: 60_000_000_000 });
        try {
            const js = jetstream(nc);
            const first = await js.publish(`${stream}.alert`, 'one', { msgID: 'event-1' });
            const again = await js.publish(`${stream}.alert`, 'one', { msgID: 'event-1' });
            await js.publish(`${stream}.alert`, 'two', { msgID: 'event-2' });
            assert.equal(first.duplicate, false);
            assert.equal(again.duplicate, true, 'the same msgID within the window is a duplicate');
            await jsm.consumers.add(stream, { durable_name: 'reader', ack_policy: 'explicit' });
            const consumer = await js.consumers.get(stream, 'reader');
            const bodies = [];
            const messages = await consumer.fetch({ max_messages: 10, expires: 2000 });
            for await (const m of messages) {
                bodies.push(m.string());
                m.ack();
            }
            assert.deepEqual(bodies, ['one', 'two']);
        }
        finally {
            await jsm.streams.delete(stream);
        }
    });
});
