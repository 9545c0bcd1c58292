import type { KubeClients } from './kube.ts';

export interface TestNamespace {
  name: string;
  /** Deletes the namespace without waiting for it to finish terminating. */
  remove(): Promise<void>;
}

/**
 * Creates a namespace with a unique name for one test, labelled so that stray namespaces from a crashed
 * run can be found. The name starts with `prefix` (lower-cased, trimmed to a valid DNS label).
 */
export async function freshNamespace(clients: KubeClients, prefix = 'test'): Promise<TestNamespace> {
  const base = prefix.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'test';
  const created = await clients.core.createNamespace({
    body: { metadata: { generateName: `${base}-`, labels: { 'conflux.dev/test': 'true' } } },
  });
  const name = created.metadata!.name!;
  return {
    name,
    async remove() {
      await clients.core.deleteNamespace({ name }).catch(() => undefined);
    },
  };
}
