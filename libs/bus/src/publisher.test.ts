// The publisher's promise to its caller: never throw, say why an event was dropped.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, describe, it } from 'node:test';
import { connectBus } from './connection.ts';
import { DropReason, readinessPublisher } from './publisher.ts';
import { sampleReadiness } from './test-fixtures.ts';

// A port nothing listens on: a real connection attempt that fails, as when NATS is not deployed yet.
const deadPort = await new Promise<number>((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});
const bus = connectBus({ servers: `nats://127.0.0.1:${deadPort}`, name: 'publisher-test', reconnectWaitMs: 100 });
after(() => bus.close());

describe('readiness publisher without NATS', () => {
  it('GIVEN NATS was never reachable WHEN an event is published THEN it returns false with reason Disconnected', () => {
    const reasons: DropReason[] = [];
    const publisher = readinessPublisher(bus, { onDrop: (_e, reason) => reasons.push(reason) });
    assert.equal(publisher.publish(sampleReadiness()), false);
    assert.deepEqual(reasons, [DropReason.Disconnected]);
    assert.deepEqual(publisher.stats(), { published: 0, dropped: 1 });
  });

  it('GIVEN an event that breaks the schema WHEN published THEN it is dropped as Invalid instead of thrown', () => {
    const reasons: DropReason[] = [];
    const publisher = readinessPublisher(bus, { onDrop: (_e, reason) => reasons.push(reason) });
    assert.equal(publisher.publish({ ...sampleReadiness(), ready: { status: 'Maybe' as 'True', reason: '', message: '' } }), false);
    assert.equal(publisher.publish(undefined as never), false);
    assert.deepEqual(reasons, [DropReason.Invalid, DropReason.Invalid]);
  });

  it('GIVEN a drop hook that throws WHEN an event is dropped THEN the caller still gets false, not the hook\'s error', () => {
    const publisher = readinessPublisher(bus, {
      onDrop: () => {
        throw new Error('metrics registry broken');
      },
    });
    assert.equal(publisher.publish(sampleReadiness()), false);
  });
});
