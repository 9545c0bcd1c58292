// e2e: Receivers against the real control plane, called over real HTTP. Each story creates a Secret, a
// Receiver and GitRepository targets in a fresh namespace, then sends the webhook a Git host would.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { connectBus, objectFilter, type ReconcileRequestMessage, SubjectRoot, subscribeReconcileRequests } from '@conflux/bus';
import { eventually, freshNamespace, kubeRequest, type TestNamespace } from '@conflux/testing';
import { type ReceiverHarness, startReceiverHarness } from './test-harness.ts';
import { webhookPath } from './webhook-path.ts';

let h: ReceiverHarness;
let ns: TestNamespace;

before(async () => {
  h = await startReceiverHarness('receivers-e2e');
  ns = await freshNamespace(h.plane.clients, 'receivers');
});

after(async () => {
  await ns?.remove();
  await h?.stop();
});

const hmac = (alg: string, key: string, body: string) => createHmac(alg, key).update(body).digest('hex');
const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${h.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

let counter = 0;
/** A Secret, a Receiver of `type` triggering a fresh GitRepository, once Ready; returns their names and the path. */
async function setup(type: string, extra: { events?: string[] } = {}) {
  const id = `${type}-${++counter}`;
  const token = `token-${id}-${Math.random().toString(36).slice(2)}`;
  await h.createSecret(ns.name, `${id}-token`, token);
  await h.createGitRepository(ns.name, `${id}-repo`);
  await h.createReceiver(ns.name, id, {
    type: type as 'generic',
    secretRef: { name: `${id}-token` },
    resources: [{ kind: 'GitRepository', name: `${id}-repo` }],
    ...extra,
  });
  const ready = await h.waitReady(ns.name, id);
  return { id, token, repo: `${id}-repo`, path: ready.status!.webhookPath! };
}

describe('the Receiver reconciler', () => {
  test('GIVEN a Secret with a token WHEN a Receiver references it THEN status has the upstream path, Ready=True Succeeded and observedGeneration', async () => {
    const r = await setup('generic');
    assert.equal(r.path, webhookPath(r.token, r.id, ns.name));
    const receiver = await h.getReceiver(ns.name, r.id);
    const ready = receiver.status!.conditions!.find((c) => c.type === 'Ready')!;
    assert.equal(ready.reason, 'Succeeded');
    assert.equal(ready.message, `Receiver initialized for path: ${r.path}`);
    assert.equal(receiver.status!.observedGeneration, receiver.metadata.generation);
  });

  test('GIVEN no Secret WHEN the Receiver is reconciled THEN Ready=False TokenNotFound and no path; WHEN a watched Secret appears THEN it becomes Ready', async () => {
    await h.createReceiver(ns.name, 'late-secret', { type: 'generic', secretRef: { name: 'late-token' }, resources: [{ kind: 'GitRepository', name: 'none' }] });
    const failing = await eventually('Ready=False TokenNotFound', async () => {
      const r = await h.getReceiver(ns.name, 'late-secret');
      return r.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'False' && c.reason === 'TokenNotFound') ? r : undefined;
    });
    assert.equal(failing.status?.webhookPath, undefined);
    await h.createSecret(ns.name, 'late-token', 'late', { 'reconcile.fluxcd.io/watch': 'Enabled' });
    const ready = await h.waitReady(ns.name, 'late-secret');
    assert.equal(ready.status!.webhookPath, webhookPath('late', 'late-secret', ns.name));
  });
});

describe('a correctly signed call annotates its targets', () => {
  test('GIVEN a github Receiver for push WHEN GitHub posts a push signed with X-Hub-Signature-256 THEN 200 and the GitRepository gets requestedAt', async () => {
    const r = await setup('github', { events: ['push'] });
    const body = JSON.stringify({ ref: 'refs/heads/main' });
    const res = await post(r.path, body, { 'x-github-event': 'push', 'x-hub-signature-256': `sha256=${hmac('sha256', r.token, body)}` });
    assert.equal(res.status, 200, await res.text());
    const value = await h.requestedAtOf(ns.name, r.repo);
    assert.match(value ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC$/);
  });

  test('GIVEN a gitlab Receiver WHEN GitLab posts a Push Hook with the token in X-Gitlab-Token THEN the target is annotated', async () => {
    const r = await setup('gitlab', { events: ['Push Hook'] });
    const res = await post(r.path, '{"object_kind":"push"}', { 'x-gitlab-event': 'Push Hook', 'x-gitlab-token': r.token });
    assert.equal(res.status, 200, await res.text());
    assert.ok(await h.requestedAtOf(ns.name, r.repo));
  });

  test('GIVEN a gitea Receiver WHEN Gitea posts a push with X-Gitea-Signature THEN the target is annotated, and a second push writes a new value', async () => {
    const r = await setup('gitea', { events: ['push'] });
    const send = (body: string) => post(r.path, body, { 'x-gitea-event': 'push', 'x-gitea-signature': hmac('sha256', r.token, body) });
    assert.equal((await send('{"ref":"refs/heads/main","after":"a"}')).status, 200);
    const first = await h.requestedAtOf(ns.name, r.repo);
    assert.ok(first);
    assert.equal((await send('{"ref":"refs/heads/main","after":"b"}')).status, 200);
    assert.notEqual(await h.requestedAtOf(ns.name, r.repo), first);
  });

  test('GIVEN a generic-hmac Receiver WHEN the body is signed with sha512 in X-Signature THEN the target is annotated', async () => {
    const r = await setup('generic-hmac');
    const body = '{"hello":"world"}';
    const res = await post(r.path, body, { 'x-signature': `sha512=${hmac('sha512', r.token, body)}` });
    assert.equal(res.status, 200, await res.text());
    assert.ok(await h.requestedAtOf(ns.name, r.repo));
  });

  test("GIVEN name '*' with matchLabels WHEN a generic call arrives THEN only the labelled GitRepositories are annotated", async () => {
    await h.createSecret(ns.name, 'labels-token', 'labels');
    await h.createGitRepository(ns.name, 'tenant-a', { team: 'a' });
    await h.createGitRepository(ns.name, 'tenant-a2', { team: 'a' });
    await h.createGitRepository(ns.name, 'tenant-b', { team: 'b' });
    await h.createReceiver(ns.name, 'by-labels', { type: 'generic', secretRef: { name: 'labels-token' }, resources: [{ kind: 'GitRepository', name: '*', matchLabels: { team: 'a' } }] });
    const ready = await h.waitReady(ns.name, 'by-labels');
    const res = await post(ready.status!.webhookPath!, '{}');
    assert.equal(res.status, 200, await res.text());
    assert.ok(await h.requestedAtOf(ns.name, 'tenant-a'));
    assert.ok(await h.requestedAtOf(ns.name, 'tenant-a2'));
    assert.equal(await h.requestedAtOf(ns.name, 'tenant-b'), undefined);
  });
});

describe('a valid call also publishes reconcile requests on NATS', () => {
  test('GIVEN a gitea Receiver and a subscriber on the GitRepository\'s reconcile subject WHEN Gitea posts a signed push THEN the target is annotated AND a request naming it, the same requestedAt and the Receiver arrives', async () => {
    const r = await setup('gitea', { events: ['push'] });
    const bus = connectBus({ servers: h.plane.natsURL, name: 'receivers-e2e-subscriber' });
    try {
      const nc = await bus.whenConnected();
      const received: ReconcileRequestMessage[] = [];
      const ref = { group: 'source.toolkit.fluxcd.io', kind: 'GitRepository', namespace: ns.name, name: r.repo };
      const sub = subscribeReconcileRequests(bus, (m) => void received.push(m), { filter: objectFilter(ref, SubjectRoot.reconcile) });
      await nc!.flush();

      const body = '{"ref":"refs/heads/main","after":"c0ffee"}';
      const res = await post(r.path, body, { 'x-gitea-event': 'push', 'x-gitea-signature': hmac('sha256', r.token, body) });
      assert.equal(res.status, 200, await res.text());

      const annotation = await h.requestedAtOf(ns.name, r.repo);
      assert.ok(annotation, 'the annotation stays the request that counts');
      const message = await eventually('the reconcile request on NATS', () => received[0]);
      assert.deepEqual(message.ref, ref);
      assert.equal(message.request.apiVersion, 'source.toolkit.fluxcd.io/v1');
      assert.equal(message.request.requestedAt, annotation);
      assert.equal(message.request.requestedBy, `Receiver/${ns.name}/${r.id}`);
      sub.close();
    } finally {
      await bus.close();
    }
  });
});

describe('CEL filters', () => {
  test('GIVEN a resourceFilter naming the pushed repository WHEN a generic call arrives THEN only the matching GitRepository is annotated', async () => {
    await h.createSecret(ns.name, 'cel-token', 'cel');
    await h.createGitRepository(ns.name, 'cel-frontend', { cel: 'yes' });
    await h.createGitRepository(ns.name, 'cel-backend', { cel: 'yes' });
    await h.createReceiver(ns.name, 'cel', {
      type: 'generic',
      secretRef: { name: 'cel-token' },
      resourceFilter: "res.metadata.name == 'cel-' + req.repository",
      resources: [{ kind: 'GitRepository', name: '*', matchLabels: { cel: 'yes' } }],
    });
    const ready = await h.waitReady(ns.name, 'cel');
    const res = await post(ready.status!.webhookPath!, '{"repository":"backend"}');
    assert.equal(res.status, 200, await res.text());
    assert.ok(await h.requestedAtOf(ns.name, 'cel-backend'));
    assert.equal(await h.requestedAtOf(ns.name, 'cel-frontend'), undefined);
  });

  test('GIVEN a per-resource filter that does not parse WHEN the Receiver is reconciled THEN it is Stalled with InvalidCELExpression', async () => {
    await h.createSecret(ns.name, 'badcel-token', 'x');
    await h.createReceiver(ns.name, 'badcel', { type: 'generic', secretRef: { name: 'badcel-token' }, resources: [{ kind: 'GitRepository', name: 'x', filter: 'res.metadata.name ==' }] });
    await eventually('the Receiver to stall on its CEL', async () => {
      const r = await h.getReceiver(ns.name, 'badcel');
      return r.status?.conditions?.find((c) => c.type === 'Stalled' && c.status === 'True')?.reason === 'InvalidCELExpression';
    });
  });
});

describe('a call that must be refused annotates nothing', () => {
  test('GIVEN a github Receiver WHEN the signature was made with another token THEN 400', async () => {
    const r = await setup('github');
    const body = '{"ref":"refs/heads/main"}';
    const res = await post(r.path, body, { 'x-github-event': 'push', 'x-hub-signature-256': `sha256=${hmac('sha256', 'not-the-token', body)}` });
    assert.equal(res.status, 400);
    assert.equal(await h.requestedAtOf(ns.name, r.repo), undefined);
  });

  test('GIVEN a gitea Receiver WHEN the signature does not match the body THEN 400', async () => {
    const r = await setup('gitea');
    const res = await post(r.path, '{"after":"evil"}', { 'x-gitea-event': 'push', 'x-gitea-signature': hmac('sha256', r.token, '{"after":"good"}') });
    assert.equal(res.status, 400);
    assert.equal(await h.requestedAtOf(ns.name, r.repo), undefined);
  });

  test('GIVEN a gitlab Receiver WHEN X-Gitlab-Token is wrong THEN 400', async () => {
    const r = await setup('gitlab');
    const res = await post(r.path, '{}', { 'x-gitlab-event': 'Push Hook', 'x-gitlab-token': 'guess' });
    assert.equal(res.status, 400);
    assert.equal(await h.requestedAtOf(ns.name, r.repo), undefined);
  });

  test('GIVEN a generic-hmac Receiver WHEN a correctly signed call goes to a wrong path, or the path plus a query THEN 404', async () => {
    const r = await setup('generic-hmac');
    const body = '{}';
    const headers = { 'x-signature': `sha256=${hmac('sha256', r.token, body)}` };
    assert.equal((await post(webhookPath('wrong', r.id, ns.name), body, headers)).status, 404);
    assert.equal((await post(`${r.path}?x=y`, body, headers)).status, 404);
    assert.equal((await post('/not-a-hook', body, headers)).status, 404);
    assert.equal(await h.requestedAtOf(ns.name, r.repo), undefined);
  });

  test('GIVEN a generic Receiver WHEN the body is over 3 MiB THEN 413', async () => {
    const r = await setup('generic');
    const res = await post(r.path, 'x'.repeat(3 * 1024 * 1024 + 1)).catch((err: unknown) => err);
    assert.ok(res instanceof Response, `the server answered: ${String(res)}`);
    assert.equal(res.status, 413);
    assert.equal(await h.requestedAtOf(ns.name, r.repo), undefined);
  });

  test('GIVEN a generic Receiver, which checks no signature WHEN it is called with GET or PUT THEN 405 with Allow: POST', async () => {
    const r = await setup('generic');
    for (const method of ['GET', 'PUT']) {
      const res = await fetch(`${h.url}${r.path}`, { method, ...(method === 'PUT' ? { body: '{}' } : {}) });
      assert.equal(res.status, 405, method);
      assert.equal(res.headers.get('allow'), 'POST');
    }
    assert.equal(await h.requestedAtOf(ns.name, r.repo), undefined);
  });

  test('GIVEN a suspended Receiver WHEN a valid call arrives THEN 503', async () => {
    const r = await setup('generic');
    const path = `/apis/notification.toolkit.fluxcd.io/v1/namespaces/${ns.name}/receivers/${r.id}`;
    const patched = await kubeRequest(h.plane.clients.kubeconfig, 'PATCH', path, { body: { spec: { suspend: true } }, headers: { 'content-type': 'application/merge-patch+json' } });
    assert.equal(patched.status, 200, patched.body);
    await eventually('the Receiver cache to see suspend', () => h.receivers.controller.cache.get(`${ns.name}/${r.id}`)?.spec.suspend === true);
    const res = await post(r.path, '{}');
    assert.equal(res.status, 503, await res.text());
    assert.equal(await h.requestedAtOf(ns.name, r.repo), undefined);
  });
});

describe('gotk_receiver HTTP metrics', () => {
  /** The value of the one sample whose line starts with `prefix`, 0 when absent. */
  async function sample(prefix: string): Promise<number> {
    const text = await h.manager.metrics.registry.metrics();
    const line = text.split('\n').find((l) => l.startsWith(`${prefix} `));
    return line === undefined ? 0 : Number(line.slice(prefix.length + 1));
  }
  const series = (name: string, code: number) => `gotk_receiver_http_${name}{service="",handler="/hook/",method="POST",code="${code}"}`;

  test('GIVEN the webhook server WHEN one call is handled and one misses THEN each counts under handler "/hook/" by code, with sizes and an idle in-flight gauge', async () => {
    const r = await setup('generic');
    const before200 = await sample(series('request_duration_seconds_count', 200));
    const before404 = await sample(series('request_duration_seconds_count', 404));
    const before404Bytes = await sample(series('response_size_bytes_sum', 404));
    assert.equal((await post(r.path, '{}')).status, 200);
    assert.equal((await post(webhookPath('other', r.id, ns.name), '{}')).status, 404);
    assert.equal(await sample(series('request_duration_seconds_count', 200)), before200 + 1);
    assert.equal(await sample(series('request_duration_seconds_count', 404)), before404 + 1);
    // "not found\n" is what a miss writes.
    assert.equal(await sample(series('response_size_bytes_sum', 404)), before404Bytes + 10);
    assert.equal(await sample('gotk_receiver_http_requests_inflight{service="",handler="/hook/"}'), 0);
  });
});
