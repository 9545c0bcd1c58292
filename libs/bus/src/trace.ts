// W3C trace context on NATS message headers. The API speaks a plain string record, the carrier shape
// OpenTelemetry propagators read and write, so libs/runtime does the inject/extract and this lib stays
// free of OpenTelemetry.
import { Match, headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';

/** A propagation carrier: header name → value. */
export type TraceCarrier = Record<string, string>;

/** The W3C Trace Context headers carried on bus messages. */
export const TraceHeader = { traceparent: 'traceparent', tracestate: 'tracestate' } as const;
export type TraceHeader = (typeof TraceHeader)[keyof typeof TraceHeader];

const traceHeaders: readonly string[] = Object.values(TraceHeader);
// A CR or LF would end the header block early; such a value cannot be a valid trace header anyway.
const unsafeValue = /[\r\n]/;

/** Copies the trace headers of a carrier into NATS headers; undefined when there is nothing to carry. */
export function headersFromCarrier(carrier: TraceCarrier | undefined, into?: MsgHdrs): MsgHdrs | undefined {
  let out = into;
  if (!carrier) return out;
  for (const [key, value] of Object.entries(carrier)) {
    const name = key.toLowerCase();
    if (!traceHeaders.includes(name) || typeof value !== 'string' || value === '' || unsafeValue.test(value)) continue;
    out ??= natsHeaders();
    out.set(name, value);
  }
  return out;
}

/** The trace headers of a received message as a carrier (empty when the message has none). */
export function carrierFromHeaders(headers: MsgHdrs | undefined): TraceCarrier {
  const carrier: TraceCarrier = {};
  if (!headers) return carrier;
  for (const name of traceHeaders) {
    // Other NATS clients may canonicalise header names (Traceparent), so match without case.
    const value = headers.get(name, Match.IgnoreCase);
    if (value) carrier[name] = value;
  }
  return carrier;
}
