// OpenTelemetry tracing: a span per reconcile, joined to the trace of whatever caused it through a W3C
// trace context (NATS headers, event metadata). Contexts are passed explicitly; no async-hooks context
// manager is installed, because it taxes every await in the process whether or not anyone traces.
//
// When no OTLP endpoint is configured nothing is set up at all: the SDK is not even loaded, the tracer is
// the API's no-op, and a span costs one small object. Trace context still flows through, since the no-op
// tracer hands the parent's context on, so a Conflux controller without tracing does not break the trace
// of one that has it.
import {
  type Context,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  trace,
  type Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { ObjectRef } from './object-ref.ts';

/** W3C trace context headers ("traceparent", "tracestate") as carried on NATS messages. */
export type TraceCarrier = Record<string, string>;

export interface TracingOptions {
  /** The resource's service.name, e.g. "source-controller"; OTEL_SERVICE_NAME overrides it. */
  serviceName: string;
  serviceVersion?: string;
  /** The full OTLP/HTTP traces URL; takes precedence over the environment. */
  tracesEndpoint?: string;
  /** Where OTEL_* settings are read from; process.env when absent. */
  env?: NodeJS.ProcessEnv;
  /** The batch processor's export delay; OpenTelemetry's default (5 s) when absent. */
  exportDelayMs?: number;
}

export interface Tracing {
  readonly tracer: Tracer;
  /** True when spans are recorded and exported. */
  readonly enabled: boolean;
  forceFlush(): Promise<void>;
  /** Exports what is buffered and stops the exporter. Call it during graceful shutdown. */
  shutdown(): Promise<void>;
}

/** The attributes a reconcile span carries; names follow OpenTelemetry's k8s.* style where one exists. */
export const ReconcileSpanAttribute = {
  Kind: 'k8s.object.kind',
  Namespace: 'k8s.namespace.name',
  Name: 'k8s.object.name',
  ReconcileID: 'conflux.reconcile.id',
} as const;

const instrumentationName = '@conflux/runtime';

/**
 * The traces URL from the options or the standard OTEL_* variables, or undefined when tracing is off:
 * no endpoint, OTEL_SDK_DISABLED=true, or OTEL_TRACES_EXPORTER=none.
 */
export function resolveTracesEndpoint(options: Pick<TracingOptions, 'tracesEndpoint' | 'env'>): string | undefined {
  const env = options.env ?? process.env;
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  if (env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === 'none') return undefined;
  if (options.tracesEndpoint) return options.tracesEndpoint;
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  // The generic endpoint is a base URL; the spec has the signal path appended to it.
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  return undefined;
}

export async function setupTracing(options: TracingOptions): Promise<Tracing> {
  const url = resolveTracesEndpoint(options);
  if (url === undefined) {
    return { tracer: trace.getTracer(instrumentationName), enabled: false, forceFlush: async () => {}, shutdown: async () => {} };
  }
  // Loaded only here, so that a controller without tracing never pays for the SDK's modules.
  const [{ BasicTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { defaultResource, resourceFromAttributes }, semconv] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/semantic-conventions'),
    ]);
  const env = options.env ?? process.env;
  const attributes: Record<string, string> = { [semconv.ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME || options.serviceName };
  if (options.serviceVersion) attributes[semconv.ATTR_SERVICE_VERSION] = options.serviceVersion;

  const processor = new BatchSpanProcessor(
    new OTLPTraceExporter({ url }),
    options.exportDelayMs === undefined ? {} : { scheduledDelayMillis: options.exportDelayMs },
  );
  const provider = new BasicTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes(attributes)),
    spanProcessors: [processor],
  });
  return {
    tracer: provider.getTracer(instrumentationName),
    enabled: true,
    forceFlush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

export interface ReconcileSpanTarget extends ObjectRef {
  reconcileID: string;
}

/**
 * Starts the span of one reconcile. `parent` is the trace context that caused it (the headers of the NATS
 * event that enqueued the object) or a Context; without one the reconcile starts a new trace. The caller
 * ends the span, e.g. with endReconcileSpan.
 */
export function startReconcileSpan(tracer: Tracer, target: ReconcileSpanTarget, parent?: TraceCarrier | Context): Span {
  const parentContext = parent === undefined ? ROOT_CONTEXT : isContext(parent) ? parent : extractTraceContext(parent);
  return tracer.startSpan(
    `reconcile ${target.kind}`,
    {
      kind: SpanKind.INTERNAL,
      attributes: {
        [ReconcileSpanAttribute.Kind]: target.kind,
        [ReconcileSpanAttribute.Namespace]: target.namespace,
        [ReconcileSpanAttribute.Name]: target.name,
        [ReconcileSpanAttribute.ReconcileID]: target.reconcileID,
      },
    },
    parentContext,
  );
}

/** Ends a reconcile span, marking it failed with the error's message when there is one. */
export function endReconcileSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    const message = error instanceof Error ? error.message : String(error);
    span.recordException(error instanceof Error ? error : message);
    span.setStatus({ code: SpanStatusCode.ERROR, message });
  }
  span.end();
}

const propagator = new W3CTraceContextPropagator();

/** The W3C headers that continue `from` (a span or a context) in another process; empty when it has no valid trace. */
export function injectTraceContext(from: Span | Context): TraceCarrier {
  const carrier: TraceCarrier = {};
  const ctx = isContext(from) ? from : trace.setSpan(ROOT_CONTEXT, from);
  propagator.inject(ctx, carrier, defaultTextMapSetter);
  return carrier;
}

/** A Context holding the remote span described by W3C headers; ROOT_CONTEXT's equivalent when they are absent or invalid. */
export function extractTraceContext(carrier: TraceCarrier): Context {
  return propagator.extract(ROOT_CONTEXT, carrier, caseInsensitiveGetter);
}

// Header maps are not always lower-cased on the way in (NATS keeps the sender's spelling, and some
// producers write "Traceparent"); W3C header names are case-insensitive.
const caseInsensitiveGetter: TextMapGetter<TraceCarrier> = {
  keys: (carrier) => Object.keys(carrier),
  get(carrier, key) {
    if (key in carrier) return carrier[key];
    const lower = key.toLowerCase();
    const found = Object.keys(carrier).find((k) => k.toLowerCase() === lower);
    return found === undefined ? undefined : carrier[found];
  },
};

/** A Context whose active span is `span`, for starting child spans without a context manager. */
export function contextWithSpan(span: Span, base: Context = ROOT_CONTEXT): Context {
  return trace.setSpan(base, span);
}

function isContext(value: Span | Context | TraceCarrier): value is Context {
  return typeof (value as Context).getValue === 'function' && typeof (value as Context).setValue === 'function';
}
