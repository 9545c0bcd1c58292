import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commitSHA, processedEvent, settings } from '../test-events.ts';
import { otelIDs, otelRequest } from './otel.ts';

const s = settings({ type: 'otel', address: 'http://collector:4318/v1/traces', headers: { 'X-Tenant': 'a' } });

describe('otel', () => {
  it('GIVEN an error event WHEN exported THEN one OTLP/HTTP JSON span at the event time, status ERROR, metadata as attributes', () => {
    const r = otelRequest(processedEvent(), s);
    assert.equal(r.method, 'POST');
    assert.equal(r.url, 'http://collector:4318/v1/traces');
    assert.deepEqual(r.headers, { 'Content-Type': 'application/json', 'X-Tenant': 'a' });
    const body = JSON.parse(r.body!);
    const rs = body.resourceSpans[0];
    assert.deepEqual(rs.resource.attributes, [{ key: 'service.name', value: { stringValue: 'kustomize-controller' } }]);
    const span = rs.scopeSpans[0].spans[0];
    assert.equal(span.name, 'Kustomization/apps/webapp');
    assert.equal(span.kind, 1);
    assert.equal(span.startTimeUnixNano, '1666941979000000000');
    assert.equal(span.endTimeUnixNano, '1666941979000000000');
    assert.deepEqual(span.status, { code: 2, message: 'Health check failed' });
    assert.match(span.traceId, /^[0-9a-f]{32}$/);
    assert.match(span.spanId, /^[0-9a-f]{16}$/);
    const attrs = Object.fromEntries(span.attributes.map((a: { key: string; value: { stringValue: string } }) => [a.key, a.value.stringValue]));
    assert.equal(attrs['flux.event.reason'], 'HealthCheckFailed');
    assert.equal(attrs['flux.metadata.revision'], `main@sha1:${commitSHA}`);
    assert.equal(attrs['flux.metadata.env'], 'prod-eu');
  });

  it('GIVEN two events about one revision WHEN exported THEN they share the trace, each has its own span, and an info event is OK', () => {
    const a = otelIDs(processedEvent());
    const b = otelIDs(processedEvent({ severity: 'info', reason: 'ReconciliationSucceeded', message: 'applied' }));
    assert.equal(a.traceId, b.traceId);
    assert.notEqual(a.spanId, b.spanId);
    assert.notEqual(otelIDs(processedEvent({ metadata: { revision: 'main@sha1:other' } })).traceId, a.traceId);
    const span = JSON.parse(otelRequest(processedEvent({ severity: 'info' }), s).body!).resourceSpans[0].scopeSpans[0].spans[0];
    assert.deepEqual(span.status, { code: 1 });
  });

  it('GIVEN a token, or else a username WHEN exported THEN Bearer, or else Basic authorization', () => {
    assert.equal(otelRequest(processedEvent(), { ...s, token: 't0k' }).headers['Authorization'], 'Bearer t0k');
    assert.equal(otelRequest(processedEvent(), { ...s, username: 'u', password: 'p' }).headers['Authorization'], 'Basic dTpw');
    assert.throws(() => otelRequest(processedEvent(), { ...s, address: 'collector:4318' }), /not an absolute http\(s\) URL/);
  });
});
