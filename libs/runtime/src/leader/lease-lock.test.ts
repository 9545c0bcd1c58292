import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { controlPlaneForSuite, freshNamespace, type SuiteControlPlane, type TestNamespace } from '@conflux/testing';
import { KubeClient } from '../kube/client.ts';
import { loadClusterAccess } from '../kube/config.ts';
import { type LeaderRecord, LeaseLock, microTime } from './lease-lock.ts';

describe('microTime', () => {
  it('GIVEN a Date WHEN formatted THEN it has the six fractional digits a MicroTime field demands', () => {
    assert.equal(microTime(new Date('2026-11-26T10:00:00.123Z')), '2026-11-26T10:00:00.123000Z');
    assert.equal(microTime(new Date('2026-11-26T10:00:00Z')), '2026-11-26T10:00:00.000000Z');
  });
});

describe('LeaseLock against the real control plane', () => {
  let plane: SuiteControlPlane;
  let ns: TestNamespace;
  let client: KubeClient;

  before(async () => {
    plane = await controlPlaneForSuite();
    ns = await freshNamespace(plane.clients, 'lease-lock');
    client = new KubeClient(loadClusterAccess({ kubeconfig: plane.kubeconfig }));
  });
  after(async () => {
    client.close();
    await ns.remove();
  });

  const record = (holderIdentity: string, leaseTransitions = 0): LeaderRecord => ({
    holderIdentity,
    leaseDurationSeconds: 15,
    acquireTime: new Date('2030-01-01T00:00:00.123Z'),
    renewTime: new Date('2030-01-01T00:00:05.456Z'),
    leaseTransitions,
  });

  it('GIVEN no Lease WHEN two candidates create it THEN only the first succeeds and reads back what it wrote', async () => {
    const a = new LeaseLock(client, ns.name, 'create-race');
    const b = new LeaseLock(client, ns.name, 'create-race');
    assert.equal(await a.get(5_000), undefined);

    const created = await a.create(record('a'), 5_000);
    assert.ok(created, 'the first create wins');
    assert.equal(await b.create(record('b'), 5_000), undefined, 'the second create loses with AlreadyExists');

    const read = await b.get(5_000);
    assert.deepEqual(read, created);
    assert.deepEqual(read!.record, record('a'));
  });

  it('GIVEN a Lease WHEN updated with a stale resourceVersion THEN the update loses, and with the current one it wins', async () => {
    const lock = new LeaseLock(client, ns.name, 'optimistic');
    const first = (await lock.create(record('a'), 5_000))!;
    const second = await lock.update(record('b', 1), first.resourceVersion, 5_000);
    assert.ok(second);
    assert.notEqual(second.resourceVersion, first.resourceVersion);

    assert.equal(await lock.update(record('c', 2), first.resourceVersion, 5_000), undefined, 'a stale write must conflict');
    assert.deepEqual((await lock.get(5_000))!.record, record('b', 1));
  });
});

describe('LeaseLock request deadline', () => {
  it('GIVEN an API server that never answers WHEN the Lease is read THEN the read fails at its own deadline, not the client timeout', async () => {
    const sockets: Socket[] = [];
    const blackHole = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const { port } = blackHole.address() as { port: number };
    const client = new KubeClient({ server: `http://127.0.0.1:${port}`, namespace: 'default' }, { timeoutMs: 120_000 });
    try {
      const lock = new LeaseLock(client, 'default', 'hung');
      await assert.rejects(lock.get(300), /lease get: no answer within 300 ms/);
    } finally {
      for (const socket of sockets) socket.destroy();
      client.close();
      await new Promise((resolve) => blackHole.close(resolve));
    }
  });
});
