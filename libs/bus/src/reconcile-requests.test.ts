// Reconcile requests through the real NATS of the local control plane, and the publisher's promise not
// to throw when NATS is missing.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { controlPlaneForSuite, eventually } from '@conflux/testing';
import { type BusConnection, connectBus } from './connection.ts';
import { PayloadErrorCode } from './errors.ts';
import { DropReason } from './publisher.ts';
import { encodeReconcileRequest } from './reconcile-request.ts';
import { reconcileRequestPublisher } from './reconcile-publisher.ts';
import { type ReconcileRequestMessage, subscribeReconcileRequests } from './reconcile-subscriber.ts';
import { kindFilter, subjectFor } from './subjects.ts';
import { sampleReconcileRequest } from './test-fixtures.ts';

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
// Top level, not in before(): a suite-owned control plane registers its own after() to stop it.
const { natsURL } = await controlPlaneForSuite();
let bus: BusConnection;
let raw: NatsConnection;

// Each test gets its own subject root so that tests never see each other's messages.
const freshRoot = () => `t${randomBytes(4).toString('hex')}.v1.reconcile`;

before(async () => {
  bus = connectBus({ servers: natsURL, name: 'bus-reconcile-test' });
  raw = await connect({ servers: natsURL });
  await bus.whenConnected();
});
after(async () => {
  await bus?.close();
  await raw?.close();
});

describe('reconcile requests over NATS', () => {
  it('GIVEN a subscriber for one kind WHEN requests for that kind and another are published with a trace THEN only the matching one arrives, with its object and trace', async () => {
    const root = freshRoot();
    const received: ReconcileRequestMessage[] = [];
    const filter = kindFilter({ group: 'source.toolkit.fluxcd.io', kind: 'GitRepository' }, root);
    const sub = subscribeReconcileRequests(bus, (m) => void received.push(m), { root, filter });
    await bus.nats()!.flush();
    const publisher = reconcileRequestPublisher(bus, { root });
    const other = sampleReconcileRequest({ kind: 'Kustomization', apiVersion: 'kustomize.toolkit.fluxcd.io/v1', name: 'apps' });
    const wanted = sampleReconcileRequest({ name: 'podinfo.v2' });

    assert.equal(publisher.publish(other), true);
    assert.equal(publisher.publish(wanted, { traceparent }), true);

    await eventually('the request to arrive', () => received.length === 1);
    await bus.nats()!.flush();
    assert.equal(received.length, 1, 'the other kind was filtered out by the subject');
    assert.deepEqual(received[0]!.request, wanted);
    assert.deepEqual(received[0]!.ref, { group: 'source.toolkit.fluxcd.io', kind: 'GitRepository', namespace: 'flux-system', name: 'podinfo.v2' });
    assert.deepEqual(received[0]!.trace, { traceparent });
    assert.deepEqual(publisher.stats(), { published: 2, dropped: 0 });
    sub.close();
  });

  it('GIVEN malformed messages and a body naming another object WHEN they arrive before a valid one THEN they are skipped with typed errors and the valid one is delivered', async () => {
    const root = freshRoot();
    const received: ReconcileRequestMessage[] = [];
    const skipped: string[] = [];
    const sub = subscribeReconcileRequests(bus, (m) => void received.push(m), { root, onSkip: (err) => skipped.push(err.code) });
    await bus.nats()!.flush();
    const request = sampleReconcileRequest();
    const subject = subjectFor({ group: 'source.toolkit.fluxcd.io', kind: 'GitRepository', namespace: 'flux-system', name: 'podinfo' }, root);

    raw.publish(subject, 'not json');
    raw.publish(subject, JSON.stringify({ ...request, v: 9 }));
    raw.publish(subject, encodeReconcileRequest({ ...request, name: 'someone-else' }));
    raw.publish(`${root}.too.few`, encodeReconcileRequest(request));
    raw.publish(subject, encodeReconcileRequest(request));
    await raw.flush();

    await eventually('the valid request to arrive', () => received.length === 1);
    assert.deepEqual(skipped, [PayloadErrorCode.InvalidJSON, PayloadErrorCode.UnsupportedVersion, PayloadErrorCode.SubjectMismatch, PayloadErrorCode.SubjectMismatch]);
    assert.deepEqual(sub.stats(), { received: 1, skipped: 4, failed: 0 });
    sub.close();
  });

  it('GIVEN a handler that throws WHEN two requests arrive THEN the failure is counted and the second is still handled', async () => {
    const root = freshRoot();
    const seen: string[] = [];
    const sub = subscribeReconcileRequests(bus, (m) => {
      seen.push(m.request.name);
      if (m.request.name === 'first') throw new Error('queue is full');
    }, { root });
    await bus.nats()!.flush();
    const publisher = reconcileRequestPublisher(bus, { root });
    publisher.publish(sampleReconcileRequest({ name: 'first' }));
    publisher.publish(sampleReconcileRequest({ name: 'second' }));
    await eventually('both requests to be handled', () => seen.length === 2);
    assert.deepEqual(sub.stats(), { received: 2, skipped: 0, failed: 1 });
    sub.close();
  });
});

describe('reconcile request publisher without NATS', () => {
  it('GIVEN NATS was never reachable WHEN a request is published THEN it returns false with reason Disconnected; an invalid one is dropped as Invalid; a throwing hook changes nothing', async () => {
    const deadPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const offline = connectBus({ servers: `nats://127.0.0.1:${deadPort}`, name: 'reconcile-publisher-offline', reconnectWaitMs: 100 });
    try {
      const reasons: DropReason[] = [];
      const publisher = reconcileRequestPublisher(offline, { onDrop: (_r, reason) => reasons.push(reason) });
      assert.equal(publisher.publish(sampleReconcileRequest()), false);
      assert.equal(publisher.publish({ ...sampleReconcileRequest(), requestedBy: '' }), false);
      assert.equal(publisher.publish(undefined as never), false);
      assert.deepEqual(reasons, [DropReason.Disconnected, DropReason.Invalid, DropReason.Invalid]);
      assert.deepEqual(publisher.stats(), { published: 0, dropped: 3 });
      const throwing = reconcileRequestPublisher(offline, {
        onDrop: () => {
          throw new Error('metrics registry broken');
        },
      });
      assert.equal(throwing.publish(sampleReconcileRequest()), false);
    } finally {
      await offline.close();
    }
  });
});
