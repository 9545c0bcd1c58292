// otel (reference §2.4): each event becomes one span, exported with OTLP/HTTP to `address` (the collector's
// traces endpoint, e.g. http://collector:4318/v1/traces). Conflux sends OTLP's JSON encoding, which every
// OTLP/HTTP receiver must accept, so no protobuf library sits in the controller.
import { createHash } from 'node:crypto';
import type { NotificationEvent } from '@conflux/bus';
import { basicAuth, isError, sortedEntries } from './format.ts';
import { requireURL } from './generic.ts';
import type { NotificationRequest, Notifier, ProviderSettings } from './types.ts';

/** OTLP SpanKind and StatusCode numbers. */
export const SpanKind = { internal: 1 } as const;
export const SpanStatusCode = { ok: 1, error: 2 } as const;

const hex = (text: string, chars: number) => createHash('sha256').update(text).digest('hex').slice(0, chars);

/**
 * The trace groups every event about one revision of one object, so a collector shows a rollout's
 * progress as one trace; the span is the event itself, so a redelivered event gives the same span.
 */
export function otelIDs(event: NotificationEvent): { traceId: string; spanId: string } {
  const io = event.involvedObject;
  const object = `${io.kind}/${io.namespace}/${io.name}`;
  const revision = event.metadata?.['revision'] ?? '';
  return { traceId: hex(`${object}@${revision}`, 32), spanId: hex(`${object}@${revision}|${event.timestamp}|${event.reason}|${event.message}`, 16) };
}

const attribute = (key: string, value: string) => ({ key, value: { stringValue: value } });

export function otelRequest(event: NotificationEvent, settings: ProviderSettings): NotificationRequest {
  requireURL(settings.address, settings.type);
  const io = event.involvedObject;
  const nanos = `${BigInt(Date.parse(event.timestamp) || 0) * 1_000_000n}`;
  const { traceId, spanId } = otelIDs(event);
  const span = {
    traceId,
    spanId,
    name: `${io.kind}/${io.namespace}/${io.name}`,
    kind: SpanKind.internal,
    startTimeUnixNano: nanos,
    endTimeUnixNano: nanos,
    attributes: [
      attribute('flux.object.kind', io.kind),
      attribute('flux.object.namespace', io.namespace),
      attribute('flux.object.name', io.name),
      attribute('flux.event.severity', event.severity),
      attribute('flux.event.reason', event.reason),
      attribute('flux.event.message', event.message),
      ...sortedEntries(event.metadata).map(([k, v]) => attribute(`flux.metadata.${k}`, v)),
    ],
    status: isError(event) ? { code: SpanStatusCode.error, message: event.message } : { code: SpanStatusCode.ok },
  };
  const body = {
    resourceSpans: [
      {
        resource: { attributes: [attribute('service.name', event.reportingController)] },
        scopeSpans: [{ scope: { name: 'notification-controller' }, spans: [span] }],
      },
    ],
  };
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...settings.headers };
  if (settings.token) headers['Authorization'] = `Bearer ${settings.token}`;
  else if (settings.username) headers['Authorization'] = basicAuth(settings.username, settings.password);
  return { method: 'POST', url: settings.address, headers, body: JSON.stringify(body) };
}

export const otel: Notifier = async (event, settings, send) => {
  await send(otelRequest(event, settings));
};
