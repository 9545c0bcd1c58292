// The Manager against the real control plane and a real NATS: reconciling, serving health and metrics,
// announcing readiness, electing a leader across processes, riding out a NATS outage, shutting down.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  controlPlaneForSuite,
  type ControlPlane,
  eventually,
  freshNamespace,
  installCRDs,
  kubeClients,
  startControlPlane,
  type TestNamespace,
  widgetCRD,
  widgetGroup,
  widgetResource,
} from '@conflux/testing';
import type { ReadinessMessage } from '@conflux/bus';
import { KubeClient } from './kube/client.ts';
import { loadClusterAccess } from './kube/config.ts';
import { coreResources } from './kube/resources.ts';
import { createManager, type Manager } from './manager.ts';
import { leaderElectionID } from './manager/options.ts';
import { type ManagerProcess, spawnManager } from './manager/test-process.ts';
import { type Widget, WidgetAnnotation, widgetReconciler } from './manager/test-reconciler.ts';
import { type Condition, findCondition } from './reconcile/conditions.ts';

let kubeconfig: string;
let natsURL: string;
let client: KubeClient;
let ns: TestNamespace;

before(async () => {
  const plane = await controlPlaneForSuite();
  kubeconfig = plane.kubeconfig;
  natsURL = plane.natsURL;
  await installCRDs(plane.clients, [widgetCRD]);
  client = new KubeClient(loadClusterAccess({ kubeconfig }));
  ns = await freshNamespace(plane.clients, 'manager');
});
after(async () => {
  await ns?.remove();
  client?.close();
});

const ready = (o: Widget | undefined): Condition | undefined => findCondition((o?.status?.['conditions'] ?? []) as Condition[], 'Ready');

async function createWidget(api: KubeClient, namespace: string, name: string, testCase: string, spec: Widget['spec'] = {}, annotations: Record<string, string> = {}): Promise<Widget> {
  return api.create<Widget>(widgetResource, {
    apiVersion: `${widgetGroup}/v1`,
    kind: 'Widget',
    metadata: { name, namespace, labels: { case: testCase }, annotations },
    spec,
  });
}

const readWidget = (api: KubeClient, namespace: string, name: string) => api.get<Widget>(widgetResource, namespace, name);

/** An in-process manager scoped to one test case's widgets in `namespace`. */
async function widgetManager(options: { testCase: string; namespace?: string; kubeconfig?: string; args?: string[]; logs?: string[]; name?: string }) {
  const logs = options.logs;
  const manager = await createManager({
    name: options.name ?? 'widget-controller',
    argv: [
      `--kubeconfig=${options.kubeconfig ?? kubeconfig}`,
      '--health-addr=127.0.0.1:0',
      '--metrics-addr=127.0.0.1:0',
      `--log-level=${logs ? 'info' : 'error'}`,
      '--watch-all-namespaces=false',
      `--watch-label-selector=case=${options.testCase}`,
      '--min-retry-delay=100ms',
      '--max-retry-delay=2s',
      ...(options.args ?? []),
    ],
    env: { RUNTIME_NAMESPACE: options.namespace ?? ns.name },
    handleSignals: false,
    ...(logs ? { logDestination: { write: (line: string) => void logs.push(line) } } : {}),
  });
  return manager;
}

const get = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
};

describe('a manager', () => {
  it('GIVEN widgets WHEN the manager runs THEN they become Ready, failures become Warning events, and /readyz, /healthz and /metrics answer with the gotk_* series', async () => {
    const logs: string[] = [];
    const manager = await widgetManager({ testCase: 'basic', logs });
    manager.controller<Widget>({ resource: widgetResource, reconciler: widgetReconciler(manager.identity) });
    try {
      await createWidget(client, ns.name, 'fine', 'basic');
      await createWidget(client, ns.name, 'paused', 'basic', { suspend: true });
      await createWidget(client, ns.name, 'broken', 'basic', { fail: true });
      await manager.start();
      assert.equal(manager.leading, true, 'without leader election the workers start at once');

      const fine = await eventually('the widget to be Ready', async () => {
        const o = await readWidget(client, ns.name, 'fine');
        return ready(o)?.status === 'True' && o.status?.['observedGeneration'] === 1 ? o : undefined;
      });
      assert.equal(fine.status?.['reconciledBy'], manager.identity);
      await eventually('the failing widget to be Ready=False', async () => ready(await readWidget(client, ns.name, 'broken'))?.reason === 'WidgetFailed');
      const warning = await eventually('a Warning event about the failing widget', async () => {
        const events = await client.list<{ metadata: { name: string }; reason?: string; type?: string; involvedObject?: { name?: string } }>(coreResources.Event, { namespace: ns.name });
        return events.items.find((e) => e.involvedObject?.name === 'broken' && e.reason === 'WidgetFailed');
      });
      assert.equal(warning.type, 'Warning');

      const health = manager.healthEndpoint!;
      assert.deepEqual(await get(`${health.url}/readyz`), { status: 200, body: 'ok' });
      assert.deepEqual(await get(`${health.url}/healthz`), { status: 200, body: 'ok' });

      const labels = (name: string) => `kind="Widget",name="${name}",namespace="${ns.name}"`;
      const metrics = await eventually('the gauges to be sampled', async () => {
        const body = (await get(`${manager.metricsEndpoint!.url}/metrics`)).body;
        return body.includes('conflux_watch_cache_objects{kind="Widget"} 3') ? body : undefined;
      });
      assert.match(metrics, new RegExp(`gotk_reconcile_duration_seconds_count\\{${labels('fine')}\\} [1-9]`));
      assert.ok(metrics.includes(`gotk_reconcile_condition{${labels('fine')},type="Ready",status="True"} 1`), 'Ready=True series');
      assert.ok(metrics.includes(`gotk_reconcile_condition{${labels('broken')},type="Ready",status="False"} 1`), 'Ready=False series');
      assert.ok(metrics.includes(`gotk_suspend_status{${labels('paused')}} 1`), 'suspended series');
      assert.ok(metrics.includes(`gotk_suspend_status{${labels('fine')}} 0`), 'not suspended series');
      assert.match(metrics, /workqueue_depth\{controller="widget",name="widget"\} \d+/);
      assert.match(metrics, /controller_runtime_reconcile_total\{controller="widget",result="error"\} [1-9]/);

      const line = logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l['name'] === 'fine' && l['reconcileID']);
      assert.ok(line, 'a reconcile log line about the widget');
      assert.equal(line['controllerKind'], 'Widget');
      assert.equal(line['namespace'], ns.name);
    } finally {
      await manager.stop();
    }
    assert.equal(manager.state, 'stopped');
    await assert.rejects(fetch(`${manager.healthEndpoint!.url}/healthz`), 'the health server is closed');
  });

  it('GIVEN two managers on NATS WHEN a widget\'s Ready or revision changes THEN the other manager receives exactly those readiness events, with the trace context', async () => {
    const producer = await widgetManager({ testCase: 'announce', args: [`--nats-url=${natsURL}`] });
    const widgets = producer.controller<Widget>({ resource: widgetResource, reconciler: widgetReconciler(producer.identity) });
    const consumer = await widgetManager({ testCase: 'none', name: 'widget-consumer', args: [`--nats-url=${natsURL}`] });
    const received: ReadinessMessage[] = [];
    consumer.onReadiness({ group: widgetGroup, kind: 'Widget', namespace: ns.name }, (m) => void received.push(m));
    try {
      await Promise.all([producer.start(), consumer.start()]);
      const nc = await consumer.bus!.whenConnected();
      await nc!.flush(); // the subscription is on the server before anything is published
      await producer.bus!.whenConnected();

      const created = await createWidget(client, ns.name, 'announced.v1', 'announce', {}, { [WidgetAnnotation.Revision]: 'r1' });
      const first = await eventually('the first readiness event', () => received.find((m) => m.event.name === 'announced.v1'));
      assert.equal(first.event.uid, created.metadata.uid);
      assert.deepEqual(first.event.ready, { status: 'True', reason: 'Succeeded', message: 'reconciliation succeeded' });
      assert.equal(first.event.lastAppliedRevision, 'r1');
      assert.equal(first.event.revision, 'r1');

      // A reconcile that changes nothing a dependent cares about announces nothing.
      await client.patch(widgetResource, ns.name, 'announced.v1', { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'now-1' } } });
      await eventually('the request to be handled', async () => (await readWidget(client, ns.name, 'announced.v1')).status?.['lastHandledReconcileAt'] === 'now-1');

      // A new revision is announced, within the trace of whoever asked for the reconcile.
      await client.patch(widgetResource, ns.name, 'announced.v1', { metadata: { annotations: { [WidgetAnnotation.Revision]: 'r2' } } });
      const key = `${ns.name}/announced.v1`;
      await eventually('the cache to see r2', () => widgets.cache.get(key)?.metadata.annotations?.[WidgetAnnotation.Revision] === 'r2');
      const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      widgets.enqueue(key, { traceparent });
      const second = await eventually('the r2 readiness event', () => received.find((m) => m.event.revision === 'r2'));
      assert.equal(second.trace['traceparent'], traceparent);
      assert.deepEqual(
        received.filter((m) => m.event.name === 'announced.v1').map((m) => m.event.revision),
        ['r1', 'r2'],
        'one event per change, none for the no-op reconcile',
      );
    } finally {
      await Promise.all([producer.stop(), consumer.stop()]);
    }
  });
});

describe('leader election across processes', () => {
  const children: ManagerProcess[] = [];
  after(() => {
    for (const c of children) c.kill('SIGKILL');
  });
  const replica = (testCase: string, lease: { duration: string; renew: string; retry: string }) => {
    const p = spawnManager(
      [
        `--kubeconfig=${kubeconfig}`,
        '--health-addr=127.0.0.1:0',
        '--metrics-addr=0',
        '--log-level=error',
        '--watch-all-namespaces=false',
        `--watch-label-selector=case=${testCase}`,
        '--enable-leader-election',
        `--leader-election-lease-duration=${lease.duration}`,
        `--leader-election-renew-deadline=${lease.renew}`,
        `--leader-election-retry-period=${lease.retry}`,
      ],
      { RUNTIME_NAMESPACE: ns.name },
    );
    children.push(p);
    return p;
  };

  it('GIVEN a leader and a standby WHEN the leader is killed with SIGKILL THEN only the leader reconciled, and the standby takes over within the lease duration + 2 s', async () => {
    const lease = { duration: '4s', renew: '3s', retry: '1s' };
    await createWidget(client, ns.name, 'le-1', 'elect');
    await createWidget(client, ns.name, 'le-2', 'elect');
    const leader = replica('elect', lease);
    await leader.waitFor('leading');
    const standby = replica('elect', lease);
    const [leaderID, standbyID] = await Promise.all([leader.identity(), standby.identity()]);
    const standbyHealth = (await standby.waitFor('health ')).slice('health '.length);

    for (const name of ['le-1', 'le-2']) {
      await eventually(`${name} reconciled by the leader`, async () => (await readWidget(client, ns.name, name)).status?.['reconciledBy'] === leaderID);
    }
    // Ready means "caches synced", whether or not this replica leads, as upstream.
    assert.equal((await get(`${standbyHealth}/readyz`)).status, 200);
    assert.ok(!standby.lines.includes('leading'), 'the standby does not lead');
    assert.ok(!standby.lines.some((l) => l.startsWith('reconciling')), 'the standby has not reconciled anything');

    leader.kill('SIGKILL');
    await leader.exited;
    const killedAt = Date.now();
    for (const name of ['le-1', 'le-2']) {
      await eventually(`${name} reconciled by the standby`, async () => (await readWidget(client, ns.name, name)).status?.['reconciledBy'] === standbyID, { timeoutMs: 30_000, intervalMs: 100 });
    }
    const tookMs = Date.now() - killedAt;
    assert.ok(tookMs <= 4000 + 2000, `the standby took over after ${tookMs} ms; the bound is the lease duration + 2 s`);
    standby.kill('SIGTERM');
    assert.equal(await standby.exited, 0);
  });

  it('GIVEN a leader busy with a reconcile WHEN it gets SIGTERM THEN it finishes that reconcile, releases the Lease and exits 0, and the standby leads long before the lease would expire', async () => {
    const lease = { duration: '20s', renew: '15s', retry: '1s' };
    const leader = replica('shutdown', lease);
    await leader.waitFor('leading');
    const standby = replica('shutdown', lease);
    const [leaderID, standbyID] = await Promise.all([leader.identity(), standby.identity()]);
    await standby.waitFor('health ');

    await createWidget(client, ns.name, 'slow', 'shutdown', {}, { [WidgetAnnotation.SleepMs]: '3000' });
    await leader.waitFor(`reconciling ${ns.name}/slow`);
    leader.kill('SIGTERM');
    const signalledAt = Date.now();
    assert.equal(await leader.exited, 0, 'a graceful shutdown exits 0');

    // The standby's own reconcile of "slow" takes 3 s, so what is there now is the leader's.
    const slow = await readWidget(client, ns.name, 'slow');
    assert.ok(leader.lines.includes(`reconciled ${ns.name}/slow`), 'the in-flight reconcile ran to its end');
    assert.equal(slow.status?.['reconciledBy'], leaderID);
    assert.equal(ready(slow)?.status, 'True');
    const held = await client.get<{ metadata: { name: string }; spec?: { holderIdentity?: string } }>(coreResources.Lease, ns.name, leaderElectionID('widget-controller', 'case=shutdown'));
    assert.ok(['', undefined, standbyID].includes(held.spec?.holderIdentity), `the Lease was released, not left to expire (holder ${held.spec?.holderIdentity})`);

    await standby.waitFor('leading', 15_000);
    assert.ok(Date.now() - signalledAt < 20_000, 'the standby led before the 20 s lease could have expired');
    await eventually('the standby reconciles the widget', async () => (await readWidget(client, ns.name, 'slow')).status?.['reconciledBy'] === standbyID);
    standby.kill('SIGTERM');
    assert.equal(await standby.exited, 0);
  });
});

describe('a NATS outage', () => {
  let cp: ControlPlane;
  let cpClient: KubeClient;
  let cpNs: TestNamespace;
  before(async () => {
    cp = await startControlPlane();
    const clients = kubeClients(cp.kubeconfig);
    await installCRDs(clients, [widgetCRD]);
    cpClient = new KubeClient(loadClusterAccess({ kubeconfig: cp.kubeconfig }));
    cpNs = await freshNamespace(clients, 'outage');
  });
  after(async () => {
    cpClient?.close();
    await cp?.stop();
  });

  it('GIVEN NATS is down WHEN widgets change THEN they still become Ready; WHEN it returns THEN the resync hook runs and readiness events flow again', async () => {
    let manager: Manager | undefined;
    try {
      manager = await widgetManager({ testCase: 'outage', namespace: cpNs.name, kubeconfig: cp.kubeconfig, args: [`--nats-url=${cp.natsURL}`] });
      const widgets = manager.controller<Widget>({ resource: widgetResource, reconciler: widgetReconciler(manager.identity) });
      let resyncs = 0;
      manager.onResync(() => {
        resyncs++;
        // What a consumer does: re-read from Kubernetes (here, the cache) and enqueue what may have changed.
        for (const key of widgets.cache.keys()) widgets.enqueue(key);
      });
      const received: ReadinessMessage[] = [];
      manager.onReadiness({ group: widgetGroup, kind: 'Widget' }, (m) => void received.push(m));
      await manager.start();
      await manager.bus!.whenConnected();

      await cp.stopNats();
      await eventually('the manager to notice the outage', () => !manager!.bus!.connected);
      await createWidget(cpClient, cpNs.name, 'during', 'outage');
      await eventually('the widget to become Ready without NATS', async () => ready(await readWidget(cpClient, cpNs.name, 'during'))?.status === 'True');
      assert.equal(received.length, 0, 'nothing was delivered while NATS was down');

      await cp.startNats();
      await eventually('the resync hook to run', () => resyncs > 0, { timeoutMs: 30_000 });
      await createWidget(cpClient, cpNs.name, 'after', 'outage');
      const event = await eventually('a readiness event after the outage', () => received.find((m) => m.event.name === 'after'), { timeoutMs: 30_000 });
      assert.equal(event.event.ready.status, 'True');
    } finally {
      await manager?.stop();
    }
  });
});
