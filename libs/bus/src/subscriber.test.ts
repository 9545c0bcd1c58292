// Readiness events through the real NATS of the local control plane.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { controlPlaneForSuite, eventually } from '@conflux/testing';
import { type BusConnection, connectBus } from './connection.ts';
import { PayloadErrorCode } from './errors.ts';
import { encodeReadiness } from './payload.ts';
import { readinessPublisher } from './publisher.ts';
import { objectFilter, subjectFor } from './subjects.ts';
import { type ReadinessMessage, subscribeReadiness } from './subscriber.ts';
import { sampleReadiness } from './test-fixtures.ts';

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
// Top level, not in before(): a suite-owned control plane registers its own after() to stop it.
const { natsURL } = await controlPlaneForSuite();
let bus: BusConnection;
let raw: NatsConnection;

// Each test gets its own subject root so that tests never see each other's messages.
const freshRoot = () => `t${randomBytes(4).toString('hex')}.v1.ready`;

before(async () => {
  bus = connectBus({ servers: natsURL, name: 'bus-subscriber-test' });
  raw = await connect({ servers: natsURL });
  await bus.whenConnected();
});
after(async () => {
  await bus?.close();
  await raw?.close();
});

describe('readiness publish and subscribe', () => {
  it('GIVEN a subscriber WHEN an event is published with a trace context THEN the subscriber gets the event, its object and the trace', async () => {
    const root = freshRoot();
    const received: ReadinessMessage[] = [];
    const sub = subscribeReadiness(bus, (m) => void received.push(m), { root });
    await bus.nats()!.flush();
    const event = sampleReadiness({ name: 'podinfo.v2' });

    const sent = readinessPublisher(bus, { root }).publish(event, { traceparent, tracestate: 'vendor=1' });

    assert.equal(sent, true);
    await eventually('the event to arrive', () => received.length === 1);
    assert.deepEqual(received[0]!.event, event);
    assert.deepEqual(received[0]!.ref, { group: 'source.toolkit.fluxcd.io', kind: 'GitRepository', namespace: 'flux-system', name: 'podinfo.v2' });
    assert.deepEqual(received[0]!.trace, { traceparent, tracestate: 'vendor=1' });
    sub.close();
  });

  it('GIVEN malformed messages on readiness subjects WHEN they arrive before a valid one THEN they are skipped with typed errors and the valid one is delivered', async () => {
    const root = freshRoot();
    const received: ReadinessMessage[] = [];
    const skipped: string[] = [];
    const sub = subscribeReadiness(bus, (m) => void received.push(m), { root, onSkip: (err) => skipped.push(err.code) });
    await bus.nats()!.flush();
    const event = sampleReadiness();
    const subject = subjectFor({ group: 'source.toolkit.fluxcd.io', kind: 'GitRepository', namespace: 'flux-system', name: 'podinfo' }, root);

    raw.publish(subject, '{"this is": not json');
    raw.publish(subject, JSON.stringify({ ...event, v: 99 }));
    raw.publish(subject, JSON.stringify({ ...event, generation: 'three' }));
    raw.publish(subject.replace(/podinfo$/, 'someone-else'), encodeReadiness(event));
    raw.publish(`${root}.not.a.valid.subject.at-all`, encodeReadiness(event));
    raw.publish(subject, encodeReadiness(event));

    await eventually('the valid event to arrive', () => received.length === 1);
    assert.deepEqual(received[0]!.event, event);
    assert.deepEqual(skipped, [
      PayloadErrorCode.InvalidJSON,
      PayloadErrorCode.UnsupportedVersion,
      PayloadErrorCode.InvalidField,
      PayloadErrorCode.SubjectMismatch,
      PayloadErrorCode.SubjectMismatch,
    ]);
    assert.deepEqual(sub.stats(), { received: 1, skipped: 5, failed: 0 });
    sub.close();
  });

  it('GIVEN a handler that throws WHEN events arrive THEN the subscription survives and delivers the next one', async () => {
    const root = freshRoot();
    const seen: string[] = [];
    const sub = subscribeReadiness(
      bus,
      ({ event }) => {
        seen.push(event.name);
        if (event.name === 'first') throw new Error('boom');
      },
      { root },
    );
    await bus.nats()!.flush();
    const publisher = readinessPublisher(bus, { root });
    publisher.publish(sampleReadiness({ name: 'first' }));
    publisher.publish(sampleReadiness({ name: 'second' }));
    await eventually('both events to be handled', () => seen.length === 2);
    assert.deepEqual(seen, ['first', 'second']);
    assert.equal(sub.stats().failed, 1);
    sub.close();
  });

  it('GIVEN a 253-character dotted name WHEN published THEN it travels through NATS on its one-object filter', async () => {
    const root = freshRoot();
    const name = Array.from({ length: 127 }, () => 'x').join('.');
    const event = sampleReadiness({ name, namespace: 'n'.repeat(63) });
    const received: ReadinessMessage[] = [];
    const ref = { group: 'source.toolkit.fluxcd.io', kind: 'GitRepository', namespace: event.namespace, name };
    const sub = subscribeReadiness(bus, (m) => void received.push(m), { root, filter: objectFilter(ref, root) });
    await bus.nats()!.flush();

    readinessPublisher(bus, { root }).publish(sampleReadiness({ name: name.slice(0, 251), namespace: event.namespace }));
    readinessPublisher(bus, { root }).publish(event);

    await eventually('the long-named event to arrive', () => received.length === 1);
    assert.equal(received[0]!.event.name, name);
    sub.close();
  });

  it('GIVEN a closed subscription WHEN an event is published THEN the handler is not called', async () => {
    const root = freshRoot();
    let calls = 0;
    const sub = subscribeReadiness(bus, () => void calls++, { root });
    sub.close();
    // A second subscriber proves the event was really delivered to the server and fanned out.
    const witness: ReadinessMessage[] = [];
    const other = subscribeReadiness(bus, (m) => void witness.push(m), { root });
    await bus.nats()!.flush();
    readinessPublisher(bus, { root }).publish(sampleReadiness());
    await eventually('the witness to get the event', () => witness.length === 1);
    assert.equal(calls, 0);
    other.close();
  });

  it('GIVEN a producer that uses other NATS clients WHEN it sets trace headers in canonical case THEN the trace is still read', async () => {
    const root = freshRoot();
    const received: ReadinessMessage[] = [];
    const sub = subscribeReadiness(bus, (m) => void received.push(m), { root });
    await bus.nats()!.flush();
    const h = headers();
    h.set('Traceparent', traceparent);
    const event = sampleReadiness();
    raw.publish(subjectFor({ group: 'source.toolkit.fluxcd.io', kind: event.kind, namespace: event.namespace, name: event.name }, root), encodeReadiness(event), { headers: h });
    await eventually('the event to arrive', () => received.length === 1);
    assert.deepEqual(received[0]!.trace, { traceparent });
    sub.close();
  });
});
