// Shared set-up for the e2e tests: the real control plane with the Flux CRDs, this notification-controller
// in-process on its own shard (so test files running in parallel never see each other's Alerts), real HTTP
// servers that record what providers are sent, and helpers to create Providers, Alerts and Secrets.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Writable } from 'node:stream';
import { crdManifests } from '@conflux/api';
import type { NotificationEvent } from '@conflux/bus';
import { controlPlaneForSuite, eventually, freePort, installCRDs, type SuiteControlPlane } from '@conflux/testing';
import { createNotificationController, type NotificationController, type NotificationControllerOptions } from './app.ts';

const group = 'notification.toolkit.fluxcd.io';
export const shardLabel = 'test.conflux.dev/shard';

export { freePort };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Recorder {
  url: string;
  requests: RecordedRequest[];
  /** How to answer each request; 200 with an empty JSON array when absent. */
  respond: (req: RecordedRequest) => { status: number; body?: string };
  /** Waits until `count` requests (optionally only those passing `filter`) have arrived. */
  waitFor(count: number, filter?: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

/** A real HTTP server standing in for Slack, GitHub, Alertmanager…: it records method, path, headers and body. */
export async function startRecorder(): Promise<Recorder> {
  const requests: RecordedRequest[] = [];
  const recorder: Recorder = {
    url: '',
    requests,
    respond: () => ({ status: 200, body: '[]' }),
    async waitFor(count, filter = () => true, timeoutMs = 30_000) {
      return eventually(`${count} request(s) at the recording server`, () => {
        const matching = requests.filter(filter);
        return matching.length >= count ? matching : undefined;
      }, { timeoutMs, intervalMs: 50 });
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const answer = recorder.respond(recorded);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  recorder.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return recorder;
}

export interface Harness {
  plane: SuiteControlPlane;
  controller: NotificationController;
  shard: string;
  /** The event server's URL. */
  eventsURL: string;
  logs: string[];
  createSecret(namespace: string, name: string, data: Record<string, string>): Promise<void>;
  createProvider(namespace: string, name: string, spec: Record<string, unknown>): Promise<{ uid: string }>;
  createAlert(namespace: string, name: string, spec: Record<string, unknown>): Promise<void>;
  /** Waits until the controller's caches hold the Alert and Provider. */
  waitCached(namespace: string, alert: string, provider?: string): Promise<void>;
  postEvent(event: NotificationEvent | string, path?: string): Promise<{ status: number; headers: Headers; body: string }>;
  /** The Kubernetes events recorded on an Alert. */
  alertEvents(namespace: string, alert: string): Promise<Array<{ type: string; reason: string; message: string }>>;
  stop(): Promise<void>;
}

export interface HarnessOptions extends Pick<NotificationControllerOptions, 'retry' | 'consumerName' | 'onDelivery'> {
  /** Connect to the plane's NATS (JetStream path). Default false: the HTTP path alone. */
  nats?: boolean;
  extraArgs?: string[];
  /** Reuse this event server port (to restart "the same" controller). */
  eventsPort?: number;
}

export const fastRetry = { retries: 2, minWaitMs: 100, maxWaitMs: 400 };

// One plane per test file: run alone, each controlPlaneForSuite() call would start another one.
let suitePlane: Promise<SuiteControlPlane> | undefined;

export async function startHarness(shard: string, options: HarnessOptions = {}): Promise<Harness> {
  const plane = await (suitePlane ??= controlPlaneForSuite());
  await installCRDs(plane.clients, crdManifests());
  const eventsPort = options.eventsPort ?? (await freePort());
  const logs: string[] = [];
  const controller = await createNotificationController({
    argv: [
      `--watch-label-selector=${shardLabel}=${shard}`,
      `--events-addr=127.0.0.1:${eventsPort}`,
      `--receiverAddr=127.0.0.1:${await freePort()}`,
      '--metrics-addr=0',
      '--health-addr=0',
      ...(options.extraArgs ?? []),
    ],
    env: { KUBECONFIG: plane.kubeconfig, RUNTIME_NAMESPACE: 'default', ...(options.nats ? { NATS_URL: plane.natsURL } : {}) },
    handleSignals: false,
    retry: options.retry ?? fastRetry,
    ...(options.consumerName ? { consumerName: options.consumerName } : {}),
    ...(options.onDelivery ? { onDelivery: options.onDelivery } : {}),
    logDestination: new Writable({
      write: (c: Buffer, _e, cb) => {
        if (process.env['NC_TEST_LOG']) process.stderr.write(c);
        logs.push(c.toString());
        if (logs.length > 500) logs.shift();
        cb();
      },
    }),
  });
  await controller.start();
  const { core, custom } = plane.clients;
  const labels = { [shardLabel]: shard };
  const eventsURL = controller.eventServer!.url;
  return {
    plane,
    controller,
    shard,
    eventsURL,
    logs,
    async createSecret(namespace, name, data) {
      await core.createNamespacedSecret({ namespace, body: { metadata: { name, namespace }, stringData: data } });
    },
    async createProvider(namespace, name, spec) {
      const created = (await custom.createNamespacedCustomObject({
        group,
        version: 'v1beta3',
        plural: 'providers',
        namespace,
        body: { apiVersion: `${group}/v1beta3`, kind: 'Provider', metadata: { name, namespace, labels }, spec },
      })) as { metadata: { uid: string } };
      return { uid: created.metadata.uid };
    },
    async createAlert(namespace, name, spec) {
      await custom.createNamespacedCustomObject({
        group,
        version: 'v1beta3',
        plural: 'alerts',
        namespace,
        body: { apiVersion: `${group}/v1beta3`, kind: 'Alert', metadata: { name, namespace, labels }, spec },
      });
    },
    async waitCached(namespace, alert, provider) {
      await eventually(`Alert ${namespace}/${alert} in the cache`, () => controller.alerts.get(`${namespace}/${alert}`) !== undefined && (!provider || controller.providers.get(`${namespace}/${provider}`) !== undefined));
    },
    async postEvent(event, path = '/') {
      const res = await fetch(`${eventsURL}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof event === 'string' ? event : JSON.stringify(event) });
      return { status: res.status, headers: res.headers, body: await res.text() };
    },
    async alertEvents(namespace, alert) {
      const list = await core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=${alert},involvedObject.kind=Alert` });
      return list.items.map((e) => ({ type: e.type ?? '', reason: e.reason ?? '', message: e.message ?? '' }));
    },
    async stop() {
      await controller.stop();
    },
  };
}

/** An event about `namespace/name`, as kustomize-controller would send it; `message` makes it unique per test. */
export function eventFor(namespace: string, name: string, overrides: Partial<NotificationEvent> = {}): NotificationEvent {
  return {
    involvedObject: { kind: 'Kustomization', namespace, name, uid: '7d0c4a2e-1111-2222-3333-444455556666', apiVersion: 'kustomize.toolkit.fluxcd.io/v1', resourceVersion: '1234' },
    severity: 'error',
    timestamp: '2022-10-28T07:26:19Z',
    message: `Health check failed ${Math.random().toString(36).slice(2, 8)}`,
    reason: 'HealthCheckFailed',
    metadata: {
      'kustomize.toolkit.fluxcd.io/revision': 'main@sha1:731f7eaddfb6af01cb2173e18f0f75b0ba780ef1',
      'kustomize.toolkit.fluxcd.io/token': 'abc',
      'kustomize.toolkit.fluxcd.io/digest': 'sha256:0123',
      'event.toolkit.fluxcd.io/summary': 'prod',
    },
    reportingController: 'kustomize-controller',
    reportingInstance: 'kustomize-controller-7c7b47f5f-8bhrp',
    ...overrides,
  };
}
