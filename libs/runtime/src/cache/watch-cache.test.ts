// The watch cache against a real API server that goes away and comes back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ControlPlane, eventually, installCRDs, kubeClients, startControlPlane } from '@conflux/testing';
import { KubeClient } from '../kube/client.ts';
import { loadClusterAccess } from '../kube/config.ts';
import type { KubeObject } from '../kube/object.ts';
import { widgetCRD, widgetResource } from '@conflux/testing';
import { WatchCache } from './watch-cache.ts';

// A private control plane: this file restarts it.
let plane: ControlPlane;
let client: KubeClient;
const namespace = 'default';

before(async () => {
  plane = await startControlPlane();
  await installCRDs(kubeClients(plane.kubeconfig), [widgetCRD]);
  client = new KubeClient(loadClusterAccess({ kubeconfig: plane.kubeconfig }));
});
after(async () => {
  client?.close();
  await plane?.stop();
});

const make = (name: string, size: number, labels: Record<string, string> = {}) =>
  client.create<KubeObject>(widgetResource, { apiVersion: `${widgetResource.group}/v1`, kind: 'Widget', metadata: { name, namespace, labels }, spec: { size } });

/** Compacts etcd to its current revision through etcd's JSON gateway. */
async function compactEtcd(etcd: string): Promise<void> {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${etcd}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`etcd ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as { header: { revision: string } };
  };
  const { header } = await post('/v3/kv/range', { key: Buffer.from('/').toString('base64') });
  await post('/v3/kv/compaction', { revision: header.revision, physical: true });
}

describe('WatchCache', () => {
  it('GIVEN objects and a label selector WHEN the cache lists THEN it holds exactly the selected objects, indexed', async () => {
    await make('sel-a', 1, { shard: 'one' });
    await make('sel-b', 2, { shard: 'two' });
    const cache = new WatchCache<KubeObject>(client, widgetResource, { namespace, labelSelector: 'shard=one' });
    cache.addIndex('size', (o) => [String(o.spec?.['size'])]);
    const stop = new AbortController();
    void cache.run(stop.signal);
    await cache.synced;
    assert.deepEqual(cache.keys(), [`${namespace}/sel-a`]);
    assert.deepEqual(cache.byIndex('size', '1').map((o) => o.metadata.name), ['sel-a']);
    assert.equal(cache.get(`${namespace}/sel-a`)?.metadata.managedFields, undefined, 'managedFields are dropped to save memory');
    stop.abort();
  });

  it('GIVEN a running cache WHEN the API server restarts and objects change right after THEN the watch recovers and no change is missed', async () => {
    await make('keep', 1, { restart: 'yes' });
    await make('gone', 1, { restart: 'yes' });
    const cache = new WatchCache<KubeObject>(client, widgetResource, { namespace, labelSelector: 'restart=yes' });
    const seen: string[] = [];
    cache.on({
      add: (o) => seen.push(`add ${o.metadata.name}`),
      update: (_, o) => seen.push(`update ${o.metadata.name} size=${o.spec?.['size']}`),
      delete: (o) => seen.push(`delete ${o.metadata.name}`),
    });
    const stop = new AbortController();
    void cache.run(stop.signal);
    await cache.synced;

    await plane.restart();
    // The cache is still backing off from the outage: these land before its watch is back.
    await make('new', 1, { restart: 'yes' });
    await client.patch(widgetResource, namespace, 'keep', { spec: { size: 7 } });
    await client.delete(widgetResource, namespace, 'gone');
    // Compact etcd past the cache's resourceVersion, so resuming the watch answers 410 Gone and only a
    // re-list can tell the cache what happened.
    await compactEtcd(plane.etcd);

    await eventually('the cache to catch up', () =>
      cache.get(`${namespace}/new`) && cache.get(`${namespace}/keep`)?.spec?.['size'] === 7 && !cache.get(`${namespace}/gone`),
    );
    assert.deepEqual(seen.slice(2).sort(), ['add new', 'delete gone', 'update keep size=7']);
    assert.ok(cache.relists >= 1, 'the cache must have re-listed after 410 Gone');
    stop.abort();
  });
});
