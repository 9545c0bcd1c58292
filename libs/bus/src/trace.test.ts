import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { headers } from '@nats-io/transport-node';
import { carrierFromHeaders, headersFromCarrier } from './trace.ts';

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('trace context on NATS headers', () => {
  it('GIVEN a carrier with W3C trace headers WHEN copied to NATS headers and back THEN both values survive', () => {
    const carrier = { traceparent, tracestate: 'congo=t61rcWkgMzE' };
    assert.deepEqual(carrierFromHeaders(headersFromCarrier(carrier)), carrier);
  });

  it('GIVEN other keys, empty values and values with line breaks WHEN copied THEN only valid trace headers are carried', () => {
    const h = headersFromCarrier({ traceparent, tracestate: '', baggage: 'k=v', 'x-other': 'y' });
    assert.deepEqual(h?.keys(), ['traceparent']);
    assert.equal(headersFromCarrier({ traceparent: `${traceparent}\r\nX-Evil: 1` }), undefined);
  });

  it('GIVEN an empty or missing carrier WHEN copied THEN no headers are created', () => {
    assert.equal(headersFromCarrier(undefined), undefined);
    assert.equal(headersFromCarrier({}), undefined);
  });

  it('GIVEN a message from a client that canonicalises header names WHEN read THEN the trace is still found', () => {
    const h = headers();
    h.set('Traceparent', traceparent);
    assert.deepEqual(carrierFromHeaders(h), { traceparent });
    assert.deepEqual(carrierFromHeaders(undefined), {});
  });
});
