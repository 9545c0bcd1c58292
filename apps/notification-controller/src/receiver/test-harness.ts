// Test set-up for the receiver e2e suites: the real control plane with the Flux CRDs, a Manager running
// the Receiver controller in this process on its own shard, and its webhook server on a free port.
import { Writable } from 'node:stream';
import { crdManifests, type Receiver, type ReceiverSpec } from '@conflux/api';
import { createManager, type Manager } from '@conflux/runtime';
import { controlPlaneForSuite, eventually, freePort, installCRDs, type SuiteControlPlane } from '@conflux/testing';
import { type Receivers, registerReceivers } from './index.ts';

const notification = { group: 'notification.toolkit.fluxcd.io', version: 'v1', plural: 'receivers' };
const source = { group: 'source.toolkit.fluxcd.io', version: 'v1', plural: 'gitrepositories' };
export const requestedAt = 'reconcile.fluxcd.io/requestedAt';

export interface ReceiverHarness {
  plane: SuiteControlPlane;
  manager: Manager;
  receivers: Receivers;
  url: string;
  /** A Secret holding `token`, plus `extra` keys (gcr: audience, email). */
  createSecret(namespace: string, name: string, token: string, labels?: Record<string, string>, extra?: Record<string, string>): Promise<void>;
  createReceiver(namespace: string, name: string, spec: ReceiverSpec): Promise<void>;
  getReceiver(namespace: string, name: string): Promise<Receiver>;
  waitReady(namespace: string, name: string): Promise<Receiver>;
  createGitRepository(namespace: string, name: string, labels?: Record<string, string>): Promise<void>;
  /** The requestedAt annotation of a GitRepository, or undefined. */
  requestedAtOf(namespace: string, name: string): Promise<string | undefined>;
  stop(): Promise<void>;
}

export interface ReceiverHarnessOptions {
  /** The JWKS gcr tokens are checked against (a local stand-in for Google's). */
  googleCertsURL?: string;
}

/** The manager runs with the control plane's NATS, so webhooks also publish reconcile requests. */
export async function startReceiverHarness(shard: string, options: ReceiverHarnessOptions = {}): Promise<ReceiverHarness> {
  const plane = await controlPlaneForSuite();
  await installCRDs(plane.clients, crdManifests());
  const port = await freePort();
  const manager = await createManager({
    name: 'notification-controller',
    argv: [`--watch-label-selector=test.conflux.dev/shard=${shard}`, '--metrics-addr=0', '--health-addr=0', '--min-retry-delay=300ms', `--nats-url=${plane.natsURL}`],
    env: { KUBECONFIG: plane.kubeconfig, RUNTIME_NAMESPACE: 'default' },
    handleSignals: false,
    logDestination: new Writable({ write: (_c, _e, cb) => cb() }),
  });
  const receivers = await registerReceivers(manager, { addr: `127.0.0.1:${port}`, ...(options.googleCertsURL ? { googleCertsURL: options.googleCertsURL } : {}) });
  await manager.start();
  const { core, custom } = plane.clients;
  const getReceiver = async (namespace: string, name: string) => (await custom.getNamespacedCustomObject({ ...notification, namespace, name })) as Receiver;
  return {
    plane,
    manager: manager as unknown as Manager,
    receivers,
    url: receivers.server!.url,
    async createSecret(namespace, name, token, labels, extra) {
      await core.createNamespacedSecret({ namespace, body: { metadata: { name, namespace, ...(labels ? { labels } : {}) }, stringData: { token, ...extra } } });
    },
    async createReceiver(namespace, name, spec) {
      await custom.createNamespacedCustomObject({
        ...notification,
        namespace,
        body: { apiVersion: 'notification.toolkit.fluxcd.io/v1', kind: 'Receiver', metadata: { name, namespace, labels: { 'test.conflux.dev/shard': shard } }, spec },
      });
    },
    getReceiver,
    async waitReady(namespace, name) {
      return eventually(`Receiver ${namespace}/${name} to be Ready`, async () => {
        const r = await getReceiver(namespace, name);
        const ready = r.status?.conditions?.find((c) => c.type === 'Ready');
        return ready?.status === 'True' && r.status?.webhookPath && r.status.observedGeneration === r.metadata.generation ? r : undefined;
      });
    },
    async createGitRepository(namespace, name, labels) {
      await custom.createNamespacedCustomObject({
        ...source,
        namespace,
        // No source-controller runs here: the object only has to exist to be annotated.
        body: { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: { name, namespace, ...(labels ? { labels } : {}) }, spec: { url: 'https://example.invalid/repo.git', interval: '1h' } },
      });
    },
    async requestedAtOf(namespace, name) {
      const o = (await custom.getNamespacedCustomObject({ ...source, namespace, name })) as { metadata: { annotations?: Record<string, string> } };
      return o.metadata.annotations?.[requestedAt];
    },
    async stop() {
      await receivers.close();
      await manager.stop();
    },
  };
}
