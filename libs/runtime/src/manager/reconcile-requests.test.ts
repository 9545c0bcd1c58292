// A Manager on the real control plane and NATS acting on reconcile requests for its own kind: a request
// for a widget in its cache is reconciled at once, one for a widget outside its shard is not.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BusConnection, ReconcileRequestPublisher } from '@conflux/bus';
import { controlPlaneForSuite, eventually, freshNamespace, installCRDs, type TestNamespace, widgetCRD, widgetGroup, widgetResource } from '@conflux/testing';
import { KubeClient } from '../kube/client.ts';
import { loadClusterAccess } from '../kube/config.ts';
import { createManager, type Manager } from '../manager.ts';
import { type Widget, widgetReconciler } from './test-reconciler.ts';

let kubeconfig: string;
let natsURL: string;
let client: KubeClient;
let ns: TestNamespace;
let bus: BusConnection;
let publisher: ReconcileRequestPublisher;

before(async () => {
  const plane = await controlPlaneForSuite();
  kubeconfig = plane.kubeconfig;
  natsURL = plane.natsURL;
  await installCRDs(plane.clients, [widgetCRD]);
  client = new KubeClient(loadClusterAccess({ kubeconfig }));
  ns = await freshNamespace(plane.clients, 'reconcile-requests');
  // Loaded lazily, as the runtime itself does: the NATS client stays out of controllers without NATS.
  const { connectBus, reconcileRequestPublisher } = await import('@conflux/bus');
  bus = connectBus({ servers: natsURL, name: 'reconcile-requests-test' });
  await bus.whenConnected();
  publisher = reconcileRequestPublisher(bus);
});
after(async () => {
  await bus?.close();
  await ns?.remove();
  client?.close();
});

async function createWidget(name: string, shard: string): Promise<void> {
  await client.create<Widget>(widgetResource, {
    apiVersion: `${widgetGroup}/v1`,
    kind: 'Widget',
    metadata: { name, namespace: ns.name, labels: { shard } },
    spec: { interval: '1h' },
  });
}

const request = (name: string, requestedAt: string) => ({
  v: 1 as const,
  kind: 'Widget',
  apiVersion: `${widgetGroup}/v1`,
  namespace: ns.name,
  name,
  requestedAt,
  requestedBy: `Receiver/${ns.name}/test`,
  timestamp: new Date().toISOString(),
});

describe('reconcile requests in the manager', () => {
  let manager: Manager | undefined;
  after(async () => {
    await manager?.stop();
  });

  it('GIVEN a manager on NATS sharded to shard=a WHEN reconcile requests arrive for its widget and for shard b\'s THEN only its own widget is reconciled again, without any change to the object', async () => {
    const reconciles = new Map<string, number>();
    manager = await createManager({
      name: 'widget-controller',
      argv: [
        `--kubeconfig=${kubeconfig}`,
        '--health-addr=0',
        '--metrics-addr=0',
        '--log-level=error',
        '--watch-all-namespaces=false',
        '--watch-label-selector=shard=a',
        `--nats-url=${natsURL}`,
      ],
      env: { RUNTIME_NAMESPACE: ns.name },
      handleSignals: false,
    });
    manager.controller<Widget>({
      resource: widgetResource,
      reconciler: widgetReconciler(manager.identity, { started: (key) => reconciles.set(key, (reconciles.get(key) ?? 0) + 1) }),
    });
    await createWidget('mine', 'a');
    await createWidget('theirs', 'b');
    await manager.start();
    const nc = await manager.bus!.whenConnected();
    await nc!.flush(); // the manager's subscription is on the server before anything is published
    const mine = `${ns.name}/mine`;
    const theirs = `${ns.name}/theirs`;
    await eventually('the first reconcile of its widget', async () => (await client.get<Widget>(widgetResource, ns.name, 'mine')).status?.['observedGeneration'] === 1);
    assert.equal(reconciles.get(mine), 1);

    // Nothing on the objects changes: only the NATS message can cause another reconcile before the 1h interval.
    assert.equal(publisher.publish(request('theirs', 'req-1')), true);
    assert.equal(publisher.publish(request('mine', 'req-1')), true);

    await eventually('the requested reconcile', () => reconciles.get(mine) === 2);
    assert.equal(reconciles.get(theirs), undefined, 'a widget outside the shard is never reconciled');
  });
});
