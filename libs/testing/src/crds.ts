import { request } from 'node:https';
import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { eventually, type KubeClients } from './kube.ts';

/**
 * Installs CustomResourceDefinitions with server-side apply and waits until every one is Established,
 * so that a test can create custom objects right after. Accepts objects or multi-document YAML.
 *
 * The CRDs go to the API server as raw JSON: client-node's typed serializer renames or drops the
 * `x-kubernetes-*` schema keys (CEL rules, preserve-unknown-fields), which would install CRDs without
 * their validation.
 */
export async function installCRDs(clients: KubeClients, crds: Array<KubernetesObject | string>): Promise<string[]> {
  const objects = crds.flatMap((c) =>
    typeof c === 'string'
      ? parseAllDocuments(c)
          .map((d) => d.toJS() as KubernetesObject | null)
          .filter((o): o is KubernetesObject => o !== null)
      : [c],
  );
  const names: string[] = [];
  for (const crd of objects) {
    if (crd.kind !== 'CustomResourceDefinition') throw new Error(`installCRDs: ${crd.kind}/${crd.metadata?.name} is not a CRD`);
    const name = crd.metadata!.name!;
    await rawRequest(clients, 'PATCH', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}?fieldManager=conflux-testing&force=true`, crd, 'application/apply-patch+yaml');
    names.push(name);
  }
  for (const name of names) {
    await eventually(`CRD ${name} to be Established`, async () => {
      const current = (await clients.objects.read({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name },
      })) as KubernetesObject & { status?: { conditions?: Array<{ type: string; status: string }> } };
      return current.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
    });
  }
  return names;
}

/** One request with the kubeconfig's credentials and an untyped JSON body. */
async function rawRequest(clients: KubeClients, method: string, path: string, body: unknown, contentType: string): Promise<unknown> {
  const cluster = clients.kubeconfig.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const options: import('node:https').RequestOptions = { method, headers: { 'Content-Type': contentType, Accept: 'application/json' } };
  await clients.kubeconfig.applyToHTTPSOptions(options);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(new URL(cluster.server + path), options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 500) >= 300) reject(new Error(`${method} ${path}: HTTP ${res.statusCode}: ${text.slice(0, 2000)}`));
        else resolve(text ? JSON.parse(text) : undefined);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
