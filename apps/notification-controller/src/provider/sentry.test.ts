import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { processedEvent, settings } from '../test-events.ts';
import { parseDSN, sentryRequest } from './sentry.ts';

const dsn = 'https://abc123@o42.ingest.sentry.io/4505';
const s = settings({ type: 'sentry', address: dsn, channel: 'production' });
const id = '0123456789abcdef0123456789abcdef';
const now = new Date('2022-10-28T07:26:20Z');

/** The envelope's three lines, parsed. */
function envelope(body: string) {
  const [header, item, payload, rest] = body.split('\n');
  assert.equal(rest, '', 'the envelope ends with a newline');
  return { header: JSON.parse(header!), item: JSON.parse(item!), payload: JSON.parse(payload!), payloadBytes: Buffer.byteLength(payload!) };
}

describe('sentry', () => {
  it('GIVEN DSNs WHEN parsed THEN the API base, public key and project; a DSN without key or project is refused', () => {
    assert.deepEqual(parseDSN(dsn), { base: 'https://o42.ingest.sentry.io', publicKey: 'abc123', projectID: '4505' });
    assert.deepEqual(parseDSN('http://k@sentry.local:9000/sub/7'), { base: 'http://sentry.local:9000/sub', publicKey: 'k', projectID: '7' });
    assert.throws(() => parseDSN('https://o42.ingest.sentry.io/4505'), /invalid Sentry DSN/);
    assert.throws(() => parseDSN('not a url'), /invalid Sentry DSN/);
  });

  it('GIVEN an error event WHEN sent THEN an error event in an envelope to the project, with the key in X-Sentry-Auth and the environment', () => {
    const r = sentryRequest(processedEvent(), s, { eventID: id, now });
    assert.equal(r.method, 'POST');
    assert.equal(r.url, 'https://o42.ingest.sentry.io/api/4505/envelope/');
    assert.equal(r.headers['Content-Type'], 'application/x-sentry-envelope');
    assert.equal(r.headers['X-Sentry-Auth'], 'Sentry sentry_version=7, sentry_client=conflux-notification-controller/1.0, sentry_key=abc123');
    const e = envelope(r.body!);
    assert.deepEqual(e.header, { event_id: id, sent_at: '2022-10-28T07:26:20.000Z', dsn });
    assert.deepEqual(e.item, { type: 'event', length: e.payloadBytes });
    assert.deepEqual(e.payload, {
      event_id: id,
      timestamp: 1666941979,
      platform: 'other',
      server_name: 'kustomize-controller',
      environment: 'production',
      tags: { 'flux.kind': 'Kustomization', 'flux.namespace': 'apps', 'flux.name': 'webapp', 'flux.reason': 'HealthCheckFailed' },
      extra: { env: 'prod-eu', revision: 'main@sha1:731f7eaddfb6af01cb2173e18f0f75b0ba780ef1', summary: 'prod' },
      level: 'error',
      message: 'webapp: Health check failed',
    });
  });

  it('GIVEN an info event WHEN sent THEN a transaction named after the object, its reason as the operation', () => {
    const e = envelope(sentryRequest(processedEvent({ severity: 'info', reason: 'ReconciliationSucceeded', message: 'applied' }), s, { eventID: id, now }).body!);
    assert.equal(e.item.type, 'transaction');
    assert.equal(e.payload.type, 'transaction');
    assert.equal(e.payload.transaction, 'Kustomization/apps/webapp');
    assert.equal(e.payload.start_timestamp, 1666941979);
    assert.deepEqual(e.payload.contexts.trace, { trace_id: id, span_id: id.slice(0, 16), op: 'ReconciliationSucceeded', description: 'applied', status: 'ok' });
    assert.equal(e.payload.level, undefined);
  });

  it('GIVEN no event ID WHEN sent twice THEN each envelope has its own 32-hex ID', () => {
    const a = envelope(sentryRequest(processedEvent(), s).body!).header.event_id;
    const b = envelope(sentryRequest(processedEvent(), s).body!).header.event_id;
    assert.match(a, /^[0-9a-f]{32}$/);
    assert.notEqual(a, b);
  });
});
