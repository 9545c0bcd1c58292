// The event server's HTTP metrics (reference §1.3) and the Receivers' gotk_reconcile_* series: unit
// stories for the exposition, then e2e stories that scrape /metrics from the running controller.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createMetrics } from '@conflux/runtime';
import { eventually, freshNamespace, type TestNamespace } from '@conflux/testing';
import { goFloat, httpMetrics, requestPath } from './metrics.ts';
import { eventFor, type Harness, shardLabel, startHarness } from './test-support.ts';

/** The value of the one sample whose line starts with `prefix` (metric name and labels), or undefined. */
function sample(text: string, prefix: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${prefix} `));
  return line === undefined ? undefined : Number(line.slice(prefix.length + 1));
}

describe('gotk_event HTTP metrics, unit', () => {
  it('GIVEN numbers WHEN written as client_golang writes them THEN the exponent form starts at 1e+06 and below 1e-04', () => {
    assert.equal(goFloat(100), '100');
    assert.equal(goFloat(100000), '100000');
    assert.equal(goFloat(1e6), '1e+06');
    assert.equal(goFloat(1e9), '1e+09');
    assert.equal(goFloat(1234567), '1.234567e+06');
    assert.equal(goFloat(0.005), '0.005');
    assert.equal(goFloat(0.00001), '1e-05');
    assert.equal(goFloat(0), '0');
    assert.equal(goFloat(Infinity), '+Inf');
  });

  it('GIVEN request targets WHEN reduced to a path THEN the query is dropped and escapes decoded, as Go URL.Path', () => {
    assert.equal(requestPath('/hook/abc?x=1'), '/hook/abc');
    assert.equal(requestPath('/a%20b'), '/a b');
    assert.equal(requestPath('/bad%zz'), '/bad%zz');
    assert.equal(requestPath(undefined), '/');
  });

  it('GIVEN two requests on different paths WHEN path metrics are off THEN both count under handler "/" with go-http-metrics labels and buckets', async () => {
    const { registry } = createMetrics({ processMetrics: false });
    const m = httpMetrics(registry, { prefix: 'gotk_event', handlerID: '/', exportPaths: false });
    for (const url of ['/a', '/b?x']) {
      const handler = m.handlerLabel(url);
      m.inflight(handler, 1);
      m.observe({ handler, method: 'POST', code: 202, seconds: 0.003, bytes: 0 });
      m.inflight(handler, -1);
    }
    m.observe({ handler: m.handlerLabel('/c'), method: 'POST', code: 429, seconds: 0.02, bytes: 18 });
    const text = await registry.metrics();
    const labels = 'service="",handler="/",method="POST"';
    assert.equal(sample(text, `gotk_event_http_request_duration_seconds_count{${labels},code="202"}`), 2);
    assert.equal(sample(text, `gotk_event_http_request_duration_seconds_bucket{${labels},code="202",le="0.005"}`), 2);
    assert.equal(sample(text, `gotk_event_http_request_duration_seconds_bucket{${labels},code="429",le="0.01"}`), 0);
    assert.equal(sample(text, `gotk_event_http_request_duration_seconds_bucket{${labels},code="429",le="0.025"}`), 1);
    assert.equal(sample(text, `gotk_event_http_response_size_bytes_bucket{${labels},code="429",le="100"}`), 1);
    assert.equal(sample(text, `gotk_event_http_response_size_bytes_bucket{${labels},code="429",le="1e+09"}`), 1);
    assert.equal(sample(text, `gotk_event_http_response_size_bytes_sum{${labels},code="429"}`), 18);
    assert.equal(sample(text, 'gotk_event_http_requests_inflight{service="",handler="/"}'), 0);
    assert.match(text, /# TYPE gotk_event_http_request_duration_seconds histogram\n/);
    assert.doesNotMatch(text, /handler="\/a"/);
  });

  it('GIVEN path metrics on WHEN a request is observed THEN its path is the handler label, escaped', async () => {
    const { registry } = createMetrics({ processMetrics: false });
    const m = httpMetrics(registry, { prefix: 'gotk_event', handlerID: '/', exportPaths: true });
    m.observe({ handler: m.handlerLabel('/say/"hi"'), method: 'PUT', code: 202, seconds: 1, bytes: 0 });
    assert.equal(sample(await registry.metrics(), 'gotk_event_http_request_duration_seconds_count{service="",handler="/say/\\"hi\\"",method="PUT",code="202"}'), 1);
  });
});

describe('metrics scraped from the running controller', () => {
  let h: Harness;
  let paths: Harness;
  let ns: TestNamespace;
  const scrape = async (harness: Harness) => (await fetch(`${harness.controller.manager.metricsEndpoint!.url}/metrics`)).text();

  before(async () => {
    h = await startHarness('nc-metrics', { extraArgs: ['--metrics-addr=127.0.0.1:0'] });
    paths = await startHarness('nc-metrics-paths', { extraArgs: ['--metrics-addr=127.0.0.1:0', '--export-http-path-metrics'] });
    ns = await freshNamespace(h.plane.clients, 'nc-metrics');
  });
  after(async () => {
    await ns?.remove();
    await paths?.stop();
    await h?.stop();
  });

  it('GIVEN an accepted event and a duplicate on other paths WHEN /metrics is scraped THEN gotk_event_http_* count a 202 and a 429 under handler "/"', async () => {
    const event = eventFor('apps', 'metrics');
    assert.equal((await h.postEvent(event, '/one')).status, 202);
    assert.equal((await h.postEvent(event, '/two')).status, 429);
    const text = await scrape(h);
    const labels = 'service="",handler="/",method="POST"';
    assert.equal(sample(text, `gotk_event_http_request_duration_seconds_count{${labels},code="202"}`), 1);
    assert.equal(sample(text, `gotk_event_http_request_duration_seconds_count{${labels},code="429"}`), 1);
    assert.equal(sample(text, `gotk_event_http_response_size_bytes_sum{${labels},code="429"}`), 'Too Many Requests\n'.length);
    assert.equal(sample(text, 'gotk_event_http_requests_inflight{service="",handler="/"}'), 0);
    assert.doesNotMatch(text, /handler="\/one"/);
  });

  it('GIVEN --export-http-path-metrics WHEN events arrive on two paths THEN each path is its own handler series', async () => {
    assert.equal((await paths.postEvent(eventFor('apps', 'metrics'), '/from/kustomize')).status, 202);
    assert.equal((await paths.postEvent('not json', '/from/helm')).status, 400);
    const text = await scrape(paths);
    assert.equal(sample(text, 'gotk_event_http_request_duration_seconds_count{service="",handler="/from/kustomize",method="POST",code="202"}'), 1);
    assert.equal(sample(text, 'gotk_event_http_request_duration_seconds_count{service="",handler="/from/helm",method="POST",code="400"}'), 1);
    assert.doesNotMatch(text, /handler="\/",method/);
  });

  it('GIVEN a Receiver on the shard WHEN it is reconciled THEN gotk_reconcile_condition and gotk_reconcile_duration_seconds carry it', async () => {
    const { core, custom } = h.plane.clients;
    await core.createNamespacedSecret({ namespace: ns.name, body: { metadata: { name: 'hook-token' }, stringData: { token: 'metrics-token' } } });
    await custom.createNamespacedCustomObject({
      group: 'notification.toolkit.fluxcd.io',
      version: 'v1',
      plural: 'receivers',
      namespace: ns.name,
      body: {
        apiVersion: 'notification.toolkit.fluxcd.io/v1',
        kind: 'Receiver',
        metadata: { name: 'hook', labels: { [shardLabel]: h.shard } },
        spec: { type: 'generic', secretRef: { name: 'hook-token' }, resources: [{ kind: 'GitRepository', name: 'any' }] },
      },
    });
    const object = `kind="Receiver",name="hook",namespace="${ns.name}"`;
    const text = await eventually('the Receiver Ready in /metrics', async () => {
      const text = await scrape(h);
      return sample(text, `gotk_reconcile_condition{${object},type="Ready",status="True"}`) === 1 ? text : undefined;
    });
    assert.equal(sample(text, `gotk_reconcile_condition{${object},type="Ready",status="False"}`), 0);
    assert.ok((sample(text, `gotk_reconcile_duration_seconds_count{${object}}`) ?? 0) >= 1);
    assert.equal(sample(text, `gotk_suspend_status{${object}}`), 0);
  });
});
