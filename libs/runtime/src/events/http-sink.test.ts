import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { EventPostError, HttpEventSink } from './http-sink.ts';
import { type EventServer, startEventServer } from './test-event-server.ts';
import type { ToolkitEvent } from './types.ts';

const event: ToolkitEvent = {
  involvedObject: { kind: 'Kustomization', namespace: 'apps', name: 'webapp', uid: 'u1', apiVersion: 'kustomize.toolkit.fluxcd.io/v1', resourceVersion: '7' },
  severity: 'error',
  timestamp: '2022-10-28T07:26:19Z',
  message: 'Health check failed',
  reason: 'HealthCheckFailed',
  metadata: { 'kustomize.toolkit.fluxcd.io/revision': 'main@sha1:731f' },
  reportingController: 'kustomize-controller',
  reportingInstance: 'kustomize-controller-7c7b47f5f-8bhrp',
};

// Short waits keep the suite quick; the retry rules are what is under test, not the upstream timings.
const quick = { retryWaitMinMs: 10, retryWaitMaxMs: 40 };

describe('HttpEventSink against a real HTTP server', () => {
  let server: EventServer;
  before(async () => {
    server = await startEventServer();
  });
  after(() => server.close());
  beforeEach(() => {
    server.received.length = 0;
    server.answer = () => undefined;
  });

  it('GIVEN an event WHEN sent THEN it is one JSON POST of the upstream shape', async () => {
    await new HttpEventSink({ address: server.url, ...quick }).send(event);

    assert.equal(server.received.length, 1);
    const [request] = server.received;
    assert.equal(request!.method, 'POST');
    assert.equal(request!.url, '/');
    assert.equal(request!.headers['content-type'], 'application/json');
    assert.equal(request!.body, JSON.stringify(event));
  });

  it('GIVEN the server fails once with 500 WHEN an event is sent THEN it is retried and then accepted', async () => {
    server.answer = (i) => (i === 0 ? 500 : 202);
    await new HttpEventSink({ address: server.url, ...quick }).send(event);
    assert.equal(server.received.length, 2);
    assert.equal(server.received[1]!.body, server.received[0]!.body);
  });

  it('GIVEN the server answers 429 (a duplicate) WHEN an event is sent THEN it is not retried and not an error', async () => {
    server.answer = () => 429;
    await new HttpEventSink({ address: server.url, ...quick }).send(event);
    assert.equal(server.received.length, 1);
  });

  it('GIVEN the server keeps failing with 503 WHEN an event is sent THEN it gives up after 1 + 4 attempts with an error', async () => {
    server.answer = () => 503;
    const err = await new HttpEventSink({ address: server.url, ...quick }).send(event).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof EventPostError, 'expected an EventPostError');
    assert.equal(err.attempts, 5);
    assert.equal(err.status, 503);
    assert.equal(server.received.length, 5);
  });

  it('GIVEN the server rejects the body with 400 WHEN an event is sent THEN it fails at once without retrying', async () => {
    server.answer = () => 400;
    await assert.rejects(new HttpEventSink({ address: server.url, ...quick }).send(event), (e: unknown) => e instanceof EventPostError && e.status === 400);
    assert.equal(server.received.length, 1);
  });

  it('GIVEN a server that never answers WHEN an event is sent THEN each attempt times out and is retried', async () => {
    server.answer = (i) => (i === 0 ? -1 : 202);
    await new HttpEventSink({ address: server.url, timeoutMs: 300, ...quick }).send(event);
    assert.equal(server.received.length, 2);
  });

  it('GIVEN nothing listens at the address WHEN an event is sent THEN connection errors are retried, then reported', async () => {
    const address = await unusedPortURL();
    const err = await new HttpEventSink({ address, retryMax: 2, ...quick }).send(event).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof EventPostError, 'expected an EventPostError');
    assert.equal(err.attempts, 3);
    assert.match(err.message, /ECONNREFUSED/);
  });
});

async function unusedPortURL(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}
