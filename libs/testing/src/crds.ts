import { type KubernetesObject, PatchStrategy } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { eventually, type KubeClients } from './kube.ts';

/**
 * Installs CustomResourceDefinitions with server-side apply and waits until every one is Established,
 * so that a test can create custom objects right after. Accepts objects or multi-document YAML.
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
    await clients.objects.patch(crd, undefined, undefined, 'conflux-testing', true, PatchStrategy.ServerSideApply);
    names.push(crd.metadata!.name!);
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
