import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { CoreV1Event, V1ConfigMap } from '@kubernetes/client-node';
import { controlPlaneForSuite, eventually, freshNamespace, type SuiteControlPlane, type TestNamespace } from '@conflux/testing';
import { KubeClient } from '../kube/client.ts';
import { loadClusterAccess } from '../kube/config.ts';
import { EventRecorder, type EventRecorderOptions } from './recorder.ts';
import { type EventServer, startEventServer } from './test-event-server.ts';
import type { EventSink, ToolkitEvent } from './types.ts';

// At module level: the control plane must outlive every test in the file, not just a hook.
const plane: SuiteControlPlane = await controlPlaneForSuite();

describe('EventRecorder against the real control plane and a real event server', () => {
  let ns: TestNamespace;
  let server: EventServer;
  let client: KubeClient;
  let logs: { level: string; message: string; fields?: Record<string, unknown> }[];

  before(async () => {
    ns = await freshNamespace(plane.clients, 'events');
    server = await startEventServer();
    client = new KubeClient(loadClusterAccess({ kubeconfig: plane.kubeconfig }));
  });
  after(async () => {
    client.close();
    await server.close();
    await ns.remove();
  });
  beforeEach(() => {
    server.received.length = 0;
    server.answer = () => undefined;
    logs = [];
  });

  function recorder(options: Partial<EventRecorderOptions> = {}): EventRecorder {
    return new EventRecorder({
      client,
      controller: 'source-controller',
      instance: 'source-controller-0',
      eventsAddr: server.url,
      http: { retryWaitMinMs: 10, retryWaitMaxMs: 40 },
      log: (level, message, fields) => logs.push({ level, message, fields }),
      ...options,
    });
  }

  /** A real object to be the subject of events; a ConfigMap has everything an ObjectReference needs. */
  async function subject(name: string, annotations?: Record<string, string>): Promise<V1ConfigMap & { apiVersion: string; kind: string }> {
    const created = await plane.clients.core.createNamespacedConfigMap({
      namespace: ns.name,
      body: { metadata: { name, annotations }, data: { a: 'b' } },
    });
    return { ...created, apiVersion: 'v1', kind: 'ConfigMap' };
  }

  async function eventsAbout(name: string, namespace = ns.name): Promise<CoreV1Event[]> {
    const list = await plane.clients.core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=${name}` });
    return list.items;
  }

  function posted(): ToolkitEvent[] {
    return server.received.map((r) => JSON.parse(r.body) as ToolkitEvent);
  }

  it('GIVEN an object WHEN a Normal event is recorded THEN a core/v1 Event references it with the reason, type and source', async () => {
    const cm = await subject('normal');
    await recorder().event(cm, 'Normal', 'NewArtifact', "stored artifact for commit 'init'", { 'source.toolkit.fluxcd.io/revision': 'main@sha1:abc' });

    const [ev, ...rest] = await eventsAbout('normal');
    assert.equal(rest.length, 0);
    assert.deepEqual(
      { kind: ev!.involvedObject.kind, namespace: ev!.involvedObject.namespace, name: ev!.involvedObject.name, uid: ev!.involvedObject.uid, apiVersion: ev!.involvedObject.apiVersion },
      { kind: 'ConfigMap', namespace: ns.name, name: 'normal', uid: cm.metadata!.uid, apiVersion: 'v1' },
    );
    assert.equal(ev!.reason, 'NewArtifact');
    assert.equal(ev!.type, 'Normal');
    assert.equal(ev!.message, "stored artifact for commit 'init'");
    assert.equal(ev!.source?.component, 'source-controller');
    assert.equal(ev!.count, 1);
    assert.equal(ev!.metadata?.annotations?.['source.toolkit.fluxcd.io/revision'], 'main@sha1:abc');
  });

  it('GIVEN an event already recorded WHEN the identical event repeats THEN the same Event counts up instead of a new one', async () => {
    const cm = await subject('repeat');
    let clock = new Date('2030-01-01T00:00:00Z');
    const r = recorder({ now: () => clock });
    await r.event(cm, 'Warning', 'GitOperationFailed', 'failed to checkout');
    clock = new Date('2030-01-01T00:00:10Z');
    await r.event(cm, 'Warning', 'GitOperationFailed', 'failed to checkout');
    await Promise.all([r.event(cm, 'Warning', 'GitOperationFailed', 'failed to checkout'), r.event(cm, 'Warning', 'GitOperationFailed', 'failed to checkout')]);
    await r.event(cm, 'Warning', 'GitOperationFailed', 'a different failure');

    const events = await eventsAbout('repeat');
    assert.equal(events.length, 2, 'one aggregated Event plus one for the different message');
    const repeated = events.find((e) => e.message === 'failed to checkout')!;
    assert.equal(repeated.count, 4);
    assert.equal(repeated.type, 'Warning');
    assert.equal(new Date(repeated.firstTimestamp!).toISOString(), '2030-01-01T00:00:00.000Z');
    assert.equal(new Date(repeated.lastTimestamp!).toISOString(), '2030-01-01T00:00:10.000Z');
    assert.equal(events.find((e) => e.message === 'a different failure')!.count, 1);
  });

  it('GIVEN an annotated object WHEN an event is recorded THEN the POST carries the upstream shape with merged metadata', async () => {
    const cm = await subject('posted', { 'event.toolkit.fluxcd.io/summary': 'prod', 'example.com/unrelated': 'x' });
    await recorder().event(cm, 'Warning', 'ArtifactFailed', 'storage full', { 'source.toolkit.fluxcd.io/revision': 'main@sha1:abc' });

    assert.equal(server.received.length, 1);
    assert.equal(server.received[0]!.headers['content-type'], 'application/json');
    const [body] = posted();
    assert.deepEqual(Object.keys(body!), ['involvedObject', 'severity', 'timestamp', 'message', 'reason', 'metadata', 'reportingController', 'reportingInstance']);
    assert.deepEqual(body!.involvedObject, {
      kind: 'ConfigMap',
      namespace: ns.name,
      name: 'posted',
      uid: cm.metadata!.uid,
      apiVersion: 'v1',
      resourceVersion: cm.metadata!.resourceVersion,
    });
    assert.equal(body!.severity, 'error');
    assert.match(body!.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(body!.reason, 'ArtifactFailed');
    assert.equal(body!.message, 'storage full');
    assert.deepEqual(body!.metadata, { 'event.toolkit.fluxcd.io/summary': 'prod', 'source.toolkit.fluxcd.io/revision': 'main@sha1:abc' });
    assert.equal(body!.reportingController, 'source-controller');
    assert.equal(body!.reportingInstance, 'source-controller-0');
  });

  it('GIVEN a Trace event WHEN recorded THEN it is a Normal Kubernetes Event and is never POSTed', async () => {
    const cm = await subject('trace');
    const extra: ToolkitEvent[] = [];
    await recorder({ sinks: [{ send: async (e) => void extra.push(e) }] }).event(cm, 'Trace', 'ArtifactUpToDate', 'artifact up-to-date');

    const [ev] = await eventsAbout('trace');
    assert.equal(ev?.type, 'Normal');
    assert.equal(ev?.reason, 'ArtifactUpToDate');
    assert.equal(server.received.length, 0);
    assert.equal(extra.length, 0);
  });

  it('GIVEN a cluster-scoped object WHEN an event is recorded THEN it lands in "default" and is not POSTed', async () => {
    const namespace = await plane.clients.core.readNamespace({ name: ns.name });
    await recorder().event({ ...namespace, apiVersion: 'v1', kind: 'Namespace' }, 'Normal', 'Probe', 'cluster-scoped');

    const events = await eventsAbout(ns.name, 'default');
    assert.equal(events.filter((e) => e.message === 'cluster-scoped').length, 1);
    assert.equal(server.received.length, 0);
  });

  it('GIVEN an extra sink WHEN an event is recorded THEN it receives exactly what is POSTed', async () => {
    const cm = await subject('extra');
    const extra: ToolkitEvent[] = [];
    await recorder({ sinks: [{ send: async (e) => void extra.push(e) }] }).event(cm, 'Normal', 'Succeeded', 'ok');
    assert.deepEqual(extra, posted());
    assert.equal(extra.length, 1);
  });

  it('GIVEN a failing sink, a 500-then-202 server and an object whose namespace is gone WHEN events are recorded THEN nothing throws and failures are logged', async () => {
    const cm = await subject('failing');
    const broken: EventSink = {
      send: async () => {
        throw new Error('nats is down');
      },
    };
    server.answer = (i) => (i === 0 ? 500 : 202);
    await recorder({ sinks: [broken] }).event(cm, 'Normal', 'Succeeded', 'still recorded');

    assert.equal(server.received.length, 2, 'the 500 was retried');
    assert.equal((await eventsAbout('failing')).length, 1);
    assert.ok(logs.some((l) => l.level === 'error' && l.message === 'unable to forward event' && String(l.fields?.error).includes('nats is down')));

    const ghost = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ghost', namespace: 'no-such-namespace-for-events', uid: 'u' } };
    await recorder().event(ghost, 'Warning', 'Failed', 'into the void');
    assert.ok(logs.some((l) => l.level === 'error' && l.message === 'unable to record Kubernetes event'));
  });

  it('GIVEN events of each type WHEN recorded THEN each is logged at its level', async () => {
    const cm = await subject('logged');
    const r = recorder({ eventsAddr: undefined });
    await r.event(cm, 'Normal', 'A', 'normal');
    await r.event(cm, 'Warning', 'B', 'warning');
    await r.event(cm, 'Trace', 'C', 'trace');
    assert.deepEqual(
      logs.map((l) => [l.level, l.message]),
      [
        ['info', 'normal'],
        ['error', 'warning'],
        ['trace', 'trace'],
      ],
    );
    await eventually('three Events', async () => (await eventsAbout('logged')).length === 3);
  });
});
