import { parseAllDocuments } from 'yaml';
import { eventually, type KubeClients } from './kube.ts';
import { kubeRequest } from './kube-request.ts';

/**
 * Installs CustomResourceDefinitions with server-side apply and waits until every one is Established,
 * so that a test can create custom objects right after. Accepts objects or multi-document YAML.
 *
 * The CRDs go to the API server as raw JSON: client-node's typed serializer only knows the camelCase
 * model names and drops the `x-kubernetes-*` wire keys (CEL rules, preserve-unknown-fields), which would
 * install CRDs without their validation.
 */
/** The little of a CRD that installCRDs reads; the rest goes to the API server untouched. */
export interface CRDLike {
  kind?: string;
  metadata?: { name?: string };
}

export async function installCRDs(clients: KubeClients, crds: ReadonlyArray<CRDLike | string>): Promise<string[]> {
  const objects = crds.flatMap((c) =>
    typeof c === 'string'
      ? parseAllDocuments(c)
          .map((d) => d.toJS() as CRDLike | null)
          .filter((o): o is CRDLike => o !== null)
      : [c],
  );
  const names: string[] = [];
  for (const crd of objects) {
    if (crd.kind !== 'CustomResourceDefinition') throw new Error(`installCRDs: ${crd.kind}/${crd.metadata?.name} is not a CRD`);
    const name = crd.metadata!.name!;
    const path = `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}?fieldManager=conflux-testing&force=true`;
    const res = await kubeRequest(clients.kubeconfig, 'PATCH', path, { body: crd, headers: { 'content-type': 'application/apply-patch+yaml' } });
    if (res.status !== 200 && res.status !== 201) throw new Error(`installing CRD ${name}: HTTP ${res.status}: ${res.body.slice(0, 2000)}`);
    names.push(name);
  }
  for (const name of names) {
    await eventually(`CRD ${name} to be Established`, async () => {
      const res = await kubeRequest(clients.kubeconfig, 'GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`);
      const conditions = res.json<{ status?: { conditions?: Array<{ type: string; status: string }> } }>().status?.conditions ?? [];
      return conditions.some((c) => c.type === 'Established' && c.status === 'True');
    });
  }
  return names;
}
