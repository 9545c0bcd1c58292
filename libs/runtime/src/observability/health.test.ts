import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { describe, it } from 'node:test';
import { startHealthServer, startMetricsServer } from './health.ts';
import { createHealthChecks } from './health-checks.ts';
import { type HttpEndpoint, parseListenAddress } from './http-endpoint.ts';
import { createMetrics } from './metrics.ts';

async function get(url: string, method = 'GET'): Promise<{ status: number; body: string; contentType: string }> {
  const res = await fetch(url, { method });
  return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') ?? '' };
}

function started(endpoint: HttpEndpoint | undefined): HttpEndpoint {
  assert.ok(endpoint, 'expected the server to start');
  return endpoint;
}

describe('parseListenAddress', () => {
  it('GIVEN Go-style addresses WHEN parsed THEN host and port come apart, and "0" or "" disables the server', () => {
    assert.deepEqual(parseListenAddress(':8080'), { host: undefined, port: 8080 });
    assert.deepEqual(parseListenAddress('127.0.0.1:0'), { host: '127.0.0.1', port: 0 });
    assert.deepEqual(parseListenAddress('[::1]:9440'), { host: '::1', port: 9440 });
    assert.deepEqual(parseListenAddress('localhost:8080'), { host: 'localhost', port: 8080 });
    assert.equal(parseListenAddress('0'), undefined);
    assert.equal(parseListenAddress(''), undefined);
  });

  it('GIVEN a malformed address WHEN parsed THEN the error quotes it', () => {
    for (const addr of ['8080', 'host:', ':99999', '::1:80']) assert.throws(() => parseListenAddress(addr), new RegExp(`"${addr.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
  });
});

describe('health server', () => {
  it('GIVEN caches not yet synced WHEN probed THEN /healthz is 200 and /readyz is 500 naming the cache check, until marked synced', async (t) => {
    const checks = createHealthChecks();
    const server = started(await startHealthServer('127.0.0.1:0', checks));
    t.after(() => server.close());
    assert.notEqual(server.port, 0, 'port 0 resolves to the bound port');
    assert.equal(server.url, `http://127.0.0.1:${server.port}`);

    assert.deepEqual(await get(`${server.url}/healthz`), { status: 200, body: 'ok', contentType: 'text/plain; charset=utf-8' });
    const notReady = await get(`${server.url}/readyz`);
    assert.equal(notReady.status, 500);
    assert.match(notReady.body, /\[-\]cache-sync failed: watch caches have not synced yet/);
    assert.match(notReady.body, /readyz check failed/);

    checks.markCachesSynced();
    assert.equal((await get(`${server.url}/readyz`)).status, 200);
  });

  it('GIVEN a registered check that fails WHEN probed THEN that probe fails with its reason, the other probe is unaffected', async (t) => {
    const checks = createHealthChecks();
    checks.markCachesSynced();
    let natsUp = true;
    checks.addReadyzCheck('nats', () => {
      if (!natsUp) throw new Error('disconnected');
    });
    checks.addHealthzCheck('loop', async () => false);
    const server = started(await startHealthServer('127.0.0.1:0', checks));
    t.after(() => server.close());

    const verbose = await get(`${server.url}/readyz?verbose`);
    assert.equal(verbose.status, 200);
    assert.match(verbose.body, /\[\+\]nats ok/);
    assert.match(verbose.body, /\[\+\]ping ok/);
    assert.match(verbose.body, /readyz check passed/);

    natsUp = false;
    const failing = await get(`${server.url}/readyz`);
    assert.equal(failing.status, 500);
    assert.match(failing.body, /\[-\]nats failed: disconnected/);

    const healthz = await get(`${server.url}/healthz`);
    assert.equal(healthz.status, 500);
    assert.match(healthz.body, /\[-\]loop failed: check returned false/);
  });

  it('GIVEN one named check WHEN /readyz/<name> is probed THEN only that check runs; an unknown name is 404', async (t) => {
    const checks = createHealthChecks();
    checks.addReadyzCheck('nats', () => true);
    const server = started(await startHealthServer('127.0.0.1:0', checks));
    t.after(() => server.close());
    assert.equal((await get(`${server.url}/readyz/nats`)).status, 200, 'cache-sync is not synced but is not asked');
    assert.equal((await get(`${server.url}/readyz/cache-sync`)).status, 500);
    assert.equal((await get(`${server.url}/readyz/nope`)).status, 404);
    assert.equal((await get(`${server.url}/elsewhere`)).status, 404);
    assert.equal((await get(`${server.url}/healthz`, 'POST')).status, 405);
  });

  it('GIVEN a ready replica WHEN it starts shutting down THEN /readyz fails while /healthz stays up', async (t) => {
    const checks = createHealthChecks();
    checks.markCachesSynced();
    const server = started(await startHealthServer('127.0.0.1:0', checks));
    t.after(() => server.close());
    checks.markShuttingDown();
    assert.equal((await get(`${server.url}/readyz`)).status, 500);
    assert.equal((await get(`${server.url}/healthz`)).status, 200);
  });

  it('GIVEN the same check name twice WHEN registered THEN the second is refused', () => {
    const checks = createHealthChecks();
    checks.addReadyzCheck('x', () => true);
    assert.throws(() => checks.addReadyzCheck('x', () => true), /already registered/);
  });

  it('GIVEN --health-addr=0 WHEN started THEN no server runs', async () => {
    assert.equal(await startHealthServer('0', createHealthChecks()), undefined);
  });
});

describe('metrics server', () => {
  it('GIVEN recorded reconciles WHEN /metrics is scraped THEN the body has upstream\'s names and the object labels', async (t) => {
    const metrics = createMetrics();
    const ref = { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' };
    metrics.recordReconcileDuration(ref, 1.25);
    metrics.recordCondition(ref, { type: 'Ready', status: 'True' });
    metrics.recordSuspend(ref, false);
    metrics.setQueueDepth('kustomization', 3);
    const server = started(await startMetricsServer('127.0.0.1:0', metrics.registry));
    t.after(() => server.close());

    const res = await get(`${server.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.contentType, /^text\/plain; version=0\.0\.4/);
    assert.match(res.body, /^gotk_reconcile_duration_seconds_count\{kind="Kustomization",name="apps",namespace="flux-system"\} 1$/m);
    assert.match(res.body, /^gotk_reconcile_condition\{kind="Kustomization",name="apps",namespace="flux-system",type="Ready",status="True"\} 1$/m);
    assert.match(res.body, /^gotk_suspend_status\{kind="Kustomization",name="apps",namespace="flux-system"\} 0$/m);
    assert.match(res.body, /^workqueue_depth\{controller="kustomization",name="kustomization"\} 3$/m);
    assert.match(res.body, /^process_resident_memory_bytes \d+/m);
    assert.equal((await get(`${server.url}/other`)).status, 404);
  });

  it('GIVEN a scraper holding a keep-alive connection WHEN the server closes THEN close() resolves and the port is released', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const server = started(await startMetricsServer('127.0.0.1:0', metrics.registry));
    // A raw keep-alive request, left open after the response like Prometheus leaves it.
    await new Promise<void>((resolve, reject) => {
      const req = request(`${server.url}/metrics`, { agent: new Agent({ keepAlive: true }) }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
    await server.close();
    await assert.rejects(fetch(`${server.url}/metrics`));
  });
});
