import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import { type ProxyTracerProvider, trace } from '@opentelemetry/api';
import {
  contextWithSpan,
  endReconcileSpan,
  extractTraceContext,
  injectTraceContext,
  ReconcileSpanAttribute,
  resolveTracesEndpoint,
  setupTracing,
  startReconcileSpan,
} from './tracing.ts';

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: OtlpAttribute[];
  status?: { code?: number; message?: string };
}
interface OtlpRequest {
  resourceSpans: { resource: { attributes: OtlpAttribute[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
}

/** A real OTLP/HTTP receiver: it accepts POST /v1/traces and keeps the JSON bodies. */
async function startReceiver(t: TestContext) {
  const requests: { path: string; contentType: string; body: OtlpRequest }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpRequest });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  const spans = () => requests.flatMap((r) => r.body.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans)));
  return { url: `http://127.0.0.1:${port}`, requests, spans };
}

const attr = (attributes: OtlpAttribute[], key: string) => attributes.find((a) => a.key === key)?.value.stringValue;
const target = { kind: 'GitRepository', namespace: 'flux-system', name: 'podinfo', reconcileID: 'a1b2c3' };
const parentTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const parentSpanId = '00f067aa0ba902b7';
const parentCarrier = { traceparent: `00-${parentTraceId}-${parentSpanId}-01` };

describe('resolveTracesEndpoint', () => {
  it('GIVEN the OTEL_* variables WHEN resolved THEN the traces endpoint wins over the base one, which gets /v1/traces appended', () => {
    assert.equal(resolveTracesEndpoint({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' } }), 'http://collector:4318/v1/traces');
    assert.equal(
      resolveTracesEndpoint({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/custom' } }),
      'http://b:4318/custom',
    );
    assert.equal(resolveTracesEndpoint({ tracesEndpoint: 'http://opt/v1/traces', env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b' } }), 'http://opt/v1/traces');
  });

  it('GIVEN no endpoint, or tracing switched off by the standard variables WHEN resolved THEN tracing is off', () => {
    assert.equal(resolveTracesEndpoint({ env: {} }), undefined);
    assert.equal(resolveTracesEndpoint({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a', OTEL_SDK_DISABLED: 'true' } }), undefined);
    assert.equal(resolveTracesEndpoint({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a', OTEL_TRACES_EXPORTER: 'none' } }), undefined);
  });
});

describe('setupTracing with an OTLP endpoint', () => {
  it('GIVEN a parent trace context from a NATS event WHEN a reconcile span ends THEN it is exported as JSON with the object attributes under the parent trace', async (t) => {
    const receiver = await startReceiver(t);
    const tracing = await setupTracing({ serviceName: 'source-controller', serviceVersion: '0.0.1', env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url } });
    assert.equal(tracing.enabled, true);

    const span = startReconcileSpan(tracing.tracer, target, parentCarrier);
    assert.equal(span.isRecording(), true);
    const forwarded = injectTraceContext(span);
    endReconcileSpan(span);
    await tracing.shutdown();

    assert.ok(receiver.requests.length > 0, 'the exporter posted to the receiver');
    assert.equal(receiver.requests[0]?.path, '/v1/traces');
    assert.match(receiver.requests[0]?.contentType ?? '', /application\/json/);
    const resource = receiver.requests[0]?.body.resourceSpans[0]?.resource.attributes ?? [];
    assert.equal(attr(resource, 'service.name'), 'source-controller');
    assert.equal(attr(resource, 'service.version'), '0.0.1');

    const exported = receiver.spans();
    assert.equal(exported.length, 1);
    const [s] = exported;
    assert.equal(s?.name, 'reconcile GitRepository');
    assert.equal(s?.traceId, parentTraceId, 'joined the trace of the carrier');
    assert.equal(s?.parentSpanId, parentSpanId);
    assert.equal(attr(s?.attributes ?? [], ReconcileSpanAttribute.Kind), 'GitRepository');
    assert.equal(attr(s?.attributes ?? [], ReconcileSpanAttribute.Namespace), 'flux-system');
    assert.equal(attr(s?.attributes ?? [], ReconcileSpanAttribute.Name), 'podinfo');
    assert.equal(attr(s?.attributes ?? [], ReconcileSpanAttribute.ReconcileID), 'a1b2c3');

    // What this reconcile publishes continues the same trace, from this span.
    assert.equal(forwarded.traceparent, `00-${parentTraceId}-${s?.spanId}-01`);
  });

  it('GIVEN no parent WHEN a failing reconcile and a child step are traced THEN a new trace is exported with the child under the reconcile and the error status', async (t) => {
    const receiver = await startReceiver(t);
    const tracing = await setupTracing({ serviceName: 'kustomize-controller', tracesEndpoint: `${receiver.url}/v1/traces`, env: {} });
    const span = startReconcileSpan(tracing.tracer, { ...target, kind: 'Kustomization' });
    const child = tracing.tracer.startSpan('build', {}, contextWithSpan(span));
    child.end();
    endReconcileSpan(span, new Error('kustomize build failed'));
    await tracing.shutdown();

    const spans = receiver.spans();
    const reconcile = spans.find((s) => s.name === 'reconcile Kustomization');
    const build = spans.find((s) => s.name === 'build');
    assert.ok(reconcile && build, JSON.stringify(spans));
    assert.match(reconcile.traceId, /^[0-9a-f]{32}$/);
    assert.notEqual(reconcile.traceId, parentTraceId);
    assert.ok(!reconcile.parentSpanId, 'a root span');
    assert.equal(build.traceId, reconcile.traceId);
    assert.equal(build.parentSpanId, reconcile.spanId);
    assert.equal(reconcile.status?.code, 2, 'STATUS_CODE_ERROR');
    assert.equal(reconcile.status?.message, 'kustomize build failed');
  });
});

describe('setupTracing without an endpoint', () => {
  it('GIVEN no OTLP endpoint WHEN set up THEN no provider is registered, spans do not record, and nothing is sent', async (t) => {
    const receiver = await startReceiver(t);
    // The receiver runs, but the disabled SDK must not talk to it even though the endpoint names it.
    const tracing = await setupTracing({ serviceName: 'helm-controller', env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SDK_DISABLED: 'true' } });
    const bare = await setupTracing({ serviceName: 'helm-controller', env: {} });
    assert.equal(tracing.enabled, false);
    assert.equal(bare.enabled, false);

    const delegate = (trace.getTracerProvider() as ProxyTracerProvider).getDelegate();
    assert.equal(delegate.constructor.name, 'NoopTracerProvider', 'the global provider is still the no-op');

    const span = startReconcileSpan(bare.tracer, target);
    assert.equal(span.isRecording(), false);
    assert.deepEqual(injectTraceContext(span), {}, 'no trace to continue');
    endReconcileSpan(span, new Error('ignored'));
    const other = startReconcileSpan(tracing.tracer, target);
    other.end();
    await tracing.shutdown();
    await bare.shutdown();
    assert.equal(receiver.requests.length, 0);
  });

  it('GIVEN no OTLP endpoint and a parent from an upstream controller WHEN a span starts THEN it does not record but passes the trace on', async () => {
    const tracing = await setupTracing({ serviceName: 'helm-controller', env: {} });
    const span = startReconcileSpan(tracing.tracer, target, parentCarrier);
    assert.equal(span.isRecording(), false);
    assert.equal(injectTraceContext(span).traceparent, parentCarrier.traceparent);
  });
});

describe('trace context propagation', () => {
  it('GIVEN headers with a tracestate and odd capitalisation WHEN extracted and injected THEN the W3C context round-trips', () => {
    const ctx = extractTraceContext({ Traceparent: parentCarrier.traceparent, TraceState: 'vendor=abc' });
    const spanContext = trace.getSpanContext(ctx);
    assert.equal(spanContext?.traceId, parentTraceId);
    assert.equal(spanContext?.spanId, parentSpanId);
    assert.equal(spanContext?.isRemote, true);
    assert.deepEqual(injectTraceContext(ctx), { traceparent: parentCarrier.traceparent, tracestate: 'vendor=abc' });
  });

  it('GIVEN a malformed traceparent WHEN extracted THEN there is no parent and a reconcile starts a new trace', () => {
    const ctx = extractTraceContext({ traceparent: '00-nothex-00f067aa0ba902b7-01' });
    assert.equal(trace.getSpanContext(ctx), undefined);
    assert.deepEqual(injectTraceContext(ctx), {});
  });
});
