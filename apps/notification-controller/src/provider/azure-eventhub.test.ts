import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { encodeEvent } from '../event/wire.ts';
import { processedEvent, settings } from '../test-events.ts';
import { eventHubRequest, parseConnectionString } from './azure-eventhub.ts';

const key = 'c2VjcmV0LWtleS1iYXNlNjQ=';
const connection = `Endpoint=sb://flux.servicebus.windows.net/;SharedAccessKeyName=send-only;SharedAccessKey=${key};EntityPath=alerts`;
const now = new Date('2030-01-01T00:00:00Z');
const expiry = Date.parse('2030-01-01T00:00:00Z') / 1000 + 3600;

describe('azureeventhub', () => {
  it('GIVEN a SAS connection string WHEN an event is sent THEN a POST to the hub’s messages with a SharedAccessSignature over the hub URI', () => {
    const r = eventHubRequest(processedEvent(), settings({ type: 'azureeventhub', address: connection }), { now });
    assert.equal(r.method, 'POST');
    assert.equal(r.url, 'https://flux.servicebus.windows.net/alerts/messages?timeout=60&api-version=2014-01');
    assert.equal(r.headers['Content-Type'], 'application/atom+xml;type=entry;charset=utf-8');
    assert.equal(r.body, encodeEvent(processedEvent()));
    // Recomputed here by Azure's recipe: HMAC-SHA256 keyed with the key text over "<url-encoded URI>\n<expiry>".
    const resource = 'https%3A%2F%2Fflux.servicebus.windows.net%2Falerts';
    const sig = createHmac('sha256', Buffer.from(key, 'utf8')).update(`${resource}\n${expiry}`).digest('base64');
    assert.equal(r.headers['Authorization'], `SharedAccessSignature sr=${resource}&sig=${encodeURIComponent(sig)}&se=${expiry}&skn=send-only`);
  });

  it('GIVEN a base URL override WHEN sent THEN the request goes there while the signature still covers the real hub URI', () => {
    const r = eventHubRequest(processedEvent(), settings({ type: 'azureeventhub', address: connection }), { now, baseURL: 'http://127.0.0.1:9999/' });
    assert.equal(r.url, 'http://127.0.0.1:9999/alerts/messages?timeout=60&api-version=2014-01');
    assert.match(r.headers['Authorization']!, /sr=https%3A%2F%2Fflux\.servicebus\.windows\.net%2Falerts&/);
  });

  it('GIVEN the deprecated JWT WHEN sent THEN Bearer to the hub named by address in the namespace named by channel', () => {
    const r = eventHubRequest(processedEvent(), settings({ type: 'azureeventhub', address: 'alerts', channel: 'flux', token: 'eyJhbGciOi.jwt' }));
    assert.equal(r.url, 'https://flux.servicebus.windows.net/alerts/messages?timeout=60&api-version=2014-01');
    assert.equal(r.headers['Authorization'], 'Bearer eyJhbGciOi.jwt');
    const fq = eventHubRequest(processedEvent(), settings({ type: 'azureeventhub', address: 'alerts', channel: 'flux.servicebus.chinacloudapi.cn', token: 't' }));
    assert.equal(new URL(fq.url).host, 'flux.servicebus.chinacloudapi.cn');
  });

  it('GIVEN no credentials, both credentials, or a connection string without EntityPath WHEN sent THEN a clear error', () => {
    assert.throws(() => eventHubRequest(processedEvent(), settings({ type: 'azureeventhub', address: 'alerts', channel: 'flux' })), /workload identity is not supported/);
    assert.throws(() => eventHubRequest(processedEvent(), settings({ type: 'azureeventhub', address: connection, token: 't' })), /cannot be set at the same time/);
    assert.throws(() => parseConnectionString(connection.replace(';EntityPath=alerts', '')), /EntityPath/);
    assert.deepEqual(parseConnectionString(connection), { host: 'flux.servicebus.windows.net', hub: 'alerts', keyName: 'send-only', key });
  });
});
