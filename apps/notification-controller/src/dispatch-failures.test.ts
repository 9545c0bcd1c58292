// e2e: what happens when delivery does not simply work: retries, a Provider that keeps failing, an
// unsupported sign-in, suspension, and sources selected by labels (reference §2.3, §3.2, §5.2).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, freshNamespace, type TestNamespace } from '@conflux/testing';
import { eventFor, type Harness, type Recorder, startHarness, startRecorder } from './test-support.ts';

describe('dispatch failures, end to end', () => {
  let h: Harness;
  let rec: Recorder;
  let ns: TestNamespace;
  let n = 0;

  before(async () => {
    h = await startHarness('nc-failures');
    rec = await startRecorder();
    ns = await freshNamespace(h.plane.clients, 'nc-failures');
  });
  after(async () => {
    await h?.stop();
    await rec?.close();
    await ns?.remove();
  });

  async function setup(spec: Record<string, unknown>, alert: Record<string, unknown> = {}) {
    const id = `p-${++n}`;
    await h.createProvider(ns.name, id, { address: `${rec.url}/${id}`, ...spec });
    await h.createAlert(ns.name, id, { providerRef: { name: id }, eventSources: [{ kind: 'Kustomization', name: id }], ...alert });
    await h.waitCached(ns.name, id, id);
    return id;
  }

  it('GIVEN a Provider that fails twice with 503 WHEN an event arrives THEN it is retried and delivered on the third attempt', async () => {
    const id = await setup({ type: 'generic' });
    let failures = 0;
    const previous = rec.respond;
    rec.respond = (r) => (r.path === `/${id}` && failures++ < 2 ? { status: 503, body: 'busy' } : previous(r));
    try {
      await h.postEvent(eventFor(ns.name, id));
      const got = await rec.waitFor(3, (r) => r.path === `/${id}`);
      assert.equal(got.length, 3);
      assert.equal(new Set(got.map((r) => r.body)).size, 1);
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual((await h.alertEvents(ns.name, id)).filter((e) => e.type === 'Warning'), []);
    } finally {
      rec.respond = previous;
    }
  });

  it('GIVEN a Provider that always fails WHEN the last attempt fails THEN a Warning NotificationDispatchFailed event on the Alert, token masked', async () => {
    const id = await setup({ type: 'generic-hmac', secretRef: { name: 'always-fails' } });
    await h.createSecret(ns.name, 'always-fails', { token: 'super-secret-token', address: `${rec.url}/${id}?echo=super-secret-token` });
    const previous = rec.respond;
    rec.respond = (r) => (r.path.startsWith(`/${id}`) ? { status: 500, body: 'token super-secret-token rejected' } : previous(r));
    try {
      await h.postEvent(eventFor(ns.name, id));
      const events = await eventually('a Warning event on the Alert', async () => {
        const found = (await h.alertEvents(ns.name, id)).filter((e) => e.reason === 'NotificationDispatchFailed');
        return found.length > 0 ? found : undefined;
      });
      assert.equal(events[0]!.type, 'Warning');
      assert.match(events[0]!.message, /status code 500/);
      assert.doesNotMatch(events[0]!.message, /super-secret-token/);
      // One first attempt plus the two retries of the test policy.
      assert.equal(rec.requests.filter((r) => r.path.startsWith(`/${id}`)).length, 3);
    } finally {
      rec.respond = previous;
    }
  });

  it('GIVEN an Alert on a Provider whose sign-in Conflux does not support (googlepubsub by workload identity) WHEN an event arrives THEN a clear Warning event, and the controller carries on', async () => {
    const id = await setup({ type: 'googlepubsub', channel: 'alerts' });
    await h.postEvent(eventFor(ns.name, id));
    const events = await eventually('a Warning event on the Alert', async () => {
      const found = (await h.alertEvents(ns.name, id)).filter((e) => e.reason === 'NotificationDispatchFailed');
      return found.length > 0 ? found : undefined;
    });
    assert.match(events[0]!.message, /googlepubsub: workload identity is not supported by Conflux/);
    const ok = await setup({ type: 'generic' });
    await h.postEvent(eventFor(ns.name, ok));
    await rec.waitFor(1, (r) => r.path === `/${ok}`);
  });

  it('GIVEN a suspended Provider and a suspended Alert WHEN events arrive THEN nothing is sent, while a live one next to them is', async () => {
    const suspendedProvider = await setup({ type: 'generic', suspend: true });
    const suspendedAlert = await setup({ type: 'generic' }, { suspend: true });
    const live = await setup({ type: 'generic' });
    await h.postEvent(eventFor(ns.name, suspendedProvider));
    await h.postEvent(eventFor(ns.name, suspendedAlert));
    await h.postEvent(eventFor(ns.name, live));
    await rec.waitFor(1, (r) => r.path === `/${live}`);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(rec.requests.filter((r) => r.path === `/${suspendedProvider}` || r.path === `/${suspendedAlert}`).length, 0);
  });

  it('GIVEN an Alert selecting Kustomizations by label WHEN events about a labelled and an unlabelled one arrive THEN only the labelled one is sent', async () => {
    const id = await setup({ type: 'generic' }, { eventSources: [{ kind: 'Kustomization', name: '*', matchLabels: { team: 'a' } }] });
    const { custom } = h.plane.clients;
    const ks = (name: string, labels: Record<string, string>) =>
      custom.createNamespacedCustomObject({
        group: 'kustomize.toolkit.fluxcd.io',
        version: 'v1',
        plural: 'kustomizations',
        namespace: ns.name,
        body: { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name, namespace: ns.name, labels }, spec: { interval: '10m', prune: false, sourceRef: { kind: 'GitRepository', name: 'x' } } },
      });
    await ks('labelled', { team: 'a' });
    await ks('unlabelled', { team: 'b' });
    await h.postEvent(eventFor(ns.name, 'unlabelled'));
    await h.postEvent(eventFor(ns.name, 'labelled'));
    const got = await rec.waitFor(1, (r) => r.path === `/${id}`);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(rec.requests.filter((r) => r.path === `/${id}`).length, 1);
    assert.equal(JSON.parse(got[0]!.body).involvedObject.name, 'labelled');
    await h.postEvent(eventFor(ns.name, 'missing-object'));
    const warnings = await eventually('a SourceFetchFailed event', async () => {
      const found = (await h.alertEvents(ns.name, id)).filter((e) => e.reason === 'SourceFetchFailed');
      return found.length > 0 ? found : undefined;
    });
    assert.match(warnings[0]!.message, /missing-object/);
  });
});
