// e2e: the alerting and chat provider types added after the first set (reference §2.4): an Alert and a
// Provider in the real control plane, an event POSTed to the event server, and the exact requests each
// type sends, recorded by a real HTTP server; nats publishes to the control plane's real NATS server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connect } from '@nats-io/transport-node';
import type { NotificationEvent } from '@conflux/bus';
import { eventually, freshNamespace, type TestNamespace } from '@conflux/testing';
import { cleanupMetadata, combineEventMetadata, excludeInternalMetadata } from './event/metadata.ts';
import { encodeEvent } from './event/wire.ts';
import { githubDispatchRequest } from './provider/github-dispatch.ts';
import { datadogRequest, incidentioRequest, opsgenieRequest } from './provider/incident.ts';
import { larkRequest, webexRequest, zoomRequest, zulipRequest } from './provider/messaging.ts';
import { pagerDutyRequests } from './provider/pagerduty.ts';
import type { NotificationRequest, ProviderSettings } from './provider/types.ts';
import { eventFor, type Harness, type RecordedRequest, type Recorder, startHarness, startRecorder } from './test-support.ts';

describe('alerting providers, end to end', () => {
  let h: Harness;
  let ns: TestNamespace;
  const recorders: Recorder[] = [];
  let n = 0;

  before(async () => {
    h = await startHarness('nc-alerting');
    ns = await freshNamespace(h.plane.clients, 'nc-alerting');
  });
  after(async () => {
    await h?.stop();
    await Promise.all(recorders.map((r) => r.close()));
    await ns?.remove();
  });

  interface Delivery {
    secret?: Record<string, string>;
    spec?: Record<string, unknown>;
    event?: Partial<NotificationEvent>;
    /** The address, given the recorder's URL; `<url>/<id>` when absent. */
    address?: (url: string, id: string) => string;
    expect?: number;
  }

  /** Secret + Provider + Alert for `type` in front of a fresh recording server, one event, what arrived. */
  async function deliver(type: string, opts: Delivery = {}) {
    const rec = await startRecorder();
    recorders.push(rec);
    const id = `${type.replace(/[^a-z]/g, '')}-${++n}`;
    const address = (opts.address ?? ((url, i) => `${url}/${i}`))(rec.url, id);
    await h.createSecret(ns.name, id, { address, ...opts.secret });
    await h.createProvider(ns.name, id, { type, secretRef: { name: id }, ...opts.spec });
    await h.createAlert(ns.name, id, { providerRef: { name: id }, eventSources: [{ kind: 'Kustomization', name: id }] });
    await h.waitCached(ns.name, id, id);
    const event = eventFor(ns.name, id, opts.event);
    assert.equal((await h.postEvent(event)).status, 202);
    const got = await rec.waitFor(opts.expect ?? 1);
    return { event, got, address, settings: (extra: Partial<ProviderSettings> = {}) => settingsFor(type, address, { ...opts.secret, ...extra }) };
  }

  /** What a provider receives: the posted event after the pipeline. */
  const processed = (event: NotificationEvent) => combineEventMetadata(excludeInternalMetadata(cleanupMetadata(event)), {}).event;

  const settingsFor = (type: string, address: string, extra: Partial<ProviderSettings>): ProviderSettings => ({ type, address, channel: '', username: '', password: '', token: '', headers: {}, commitStatus: '', ...extra });

  function assertSame(got: RecordedRequest, want: NotificationRequest) {
    const url = new URL(want.url);
    assert.equal(got.method, want.method);
    assert.equal(got.path, `${url.pathname}${url.search}`);
    for (const [k, v] of Object.entries(want.headers)) assert.equal(got.headers[k.toLowerCase()], v, `header ${k}`);
    assert.equal(got.body, want.body);
  }

  it('GIVEN a pagerduty Provider WHEN an error event arrives THEN a trigger at /v2/enqueue on the address host, keyed by channel', async () => {
    const { event, got, address } = await deliver('pagerduty', { spec: { channel: 'routing-key' } });
    const [want] = pagerDutyRequests(processed(event), settingsFor('pagerduty', address, { channel: 'routing-key' }));
    assertSame(got[0]!, want!);
    assert.equal(JSON.parse(got[0]!.body).event_action, 'trigger');
  });

  it('GIVEN a pagerduty Provider WHEN an info event arrives THEN a resolve and then a change event', async () => {
    const { event, got, address } = await deliver('pagerduty', { spec: { channel: 'rk' }, event: { severity: 'info', reason: 'ReconciliationSucceeded' }, expect: 2 });
    const want = pagerDutyRequests(processed(event), settingsFor('pagerduty', address, { channel: 'rk' }));
    assert.equal(want.length, 2);
    assertSame(got[0]!, want[0]!);
    assertSame(got[1]!, want[1]!);
  });

  for (const [type, build, secret] of [
    ['opsgenie', opsgenieRequest, { token: 'genie-key' }],
    ['datadog', datadogRequest, { token: 'dd-key' }],
    ['webex', webexRequest, { token: 'webex-bot' }],
    ['lark', larkRequest, {}],
    ['zoom', zoomRequest, { token: 'zoom-verify' }],
  ] as const) {
    it(`GIVEN a ${type} Provider WHEN an event arrives THEN the recorded request is exactly the one built from the reference`, async () => {
      const { event, got, settings } = await deliver(type, { secret, spec: type === 'webex' ? { channel: 'room-42' } : {} });
      assertSame(got[0]!, build(processed(event), settings(type === 'webex' ? { channel: 'room-42' } : {})));
    });
  }

  it('GIVEN an incident.io Provider WHEN an error event arrives THEN a firing alert with Bearer auth', async () => {
    const { event, got, settings } = await deliver('incident.io', { secret: { token: 'inc-key' } });
    assertSame(got[0]!, incidentioRequest(processed(event), settings())!);
    assert.equal(JSON.parse(got[0]!.body).status, 'firing');
  });

  it('GIVEN a zulip Provider with a stream/topic channel WHEN an event arrives THEN a form post to /api/v1/messages with Basic auth', async () => {
    const secret = { username: 'flux-bot@example.com', password: 'zulip-key' };
    const { event, got, settings } = await deliver('zulip', { secret, spec: { channel: 'deploys/flux alerts' } });
    assertSame(got[0]!, zulipRequest(processed(event), settings({ channel: 'deploys/flux alerts' })));
    assert.equal(got[0]!.path, '/api/v1/messages');
  });

  it('GIVEN a githubdispatch Provider on an Enterprise host WHEN an event arrives THEN a repository_dispatch under /api/v3 carrying the event', async () => {
    const { event, got, settings } = await deliver('githubdispatch', { secret: { token: 'ghp-dispatch' }, address: (url) => `${url}/org/deploys` });
    assertSame(got[0]!, githubDispatchRequest(processed(event), settings()));
    assert.equal(got[0]!.path, '/api/v3/repos/org/deploys/dispatches');
    assert.equal(JSON.parse(got[0]!.body).client_payload.metadata.token, undefined);
  });

  it('GIVEN a nats Provider WHEN an event arrives THEN the processed event JSON is published to the channel subject on that server', async () => {
    const id = `nats-${++n}`;
    const subject = `conflux.test.${id}`;
    const nc = await connect({ servers: h.plane.natsURL });
    try {
      const sub = nc.subscribe(subject, { max: 1, timeout: 20_000 });
      await nc.flush();
      await h.createProvider(ns.name, id, { type: 'nats', address: h.plane.natsURL, channel: subject });
      await h.createAlert(ns.name, id, { providerRef: { name: id }, eventSources: [{ kind: 'Kustomization', name: id }] });
      await h.waitCached(ns.name, id, id);
      const event = eventFor(ns.name, id);
      assert.equal((await h.postEvent(event)).status, 202);
      let received: string | undefined;
      for await (const m of sub) received = m.string();
      assert.equal(received, encodeEvent(processed(event)));
    } finally {
      await nc.close();
    }
  });

  it('GIVEN a nats Provider whose server is unreachable WHEN an event arrives THEN a Warning event on the Alert says so', async () => {
    const id = `nats-down-${++n}`;
    await h.createProvider(ns.name, id, { type: 'nats', address: 'nats://127.0.0.1:1', channel: 'nowhere' });
    await h.createAlert(ns.name, id, { providerRef: { name: id }, eventSources: [{ kind: 'Kustomization', name: id }] });
    await h.waitCached(ns.name, id, id);
    await h.postEvent(eventFor(ns.name, id));
    const warnings = await eventually('a NotificationDispatchFailed event', async () => {
      const found = (await h.alertEvents(ns.name, id)).filter((e) => e.reason === 'NotificationDispatchFailed');
      return found.length > 0 ? found : undefined;
    });
    assert.match(warnings[0]!.message, /error connecting to NATS server nats:\/\/127\.0\.0\.1:1/);
  });
});
