import { eventually } from '@conflux/testing';
import type { KubeConfig } from '@kubernetes/client-node';
import type { CustomResourceDefinition } from '../crd.ts';
import { kubeRequest } from './kube-request.ts';

/**
 * Server-side applies CRDs exactly as generated and waits until each is Established.
 *
 * Why not @conflux/testing's installCRDs: it sends objects through @kubernetes/client-node's typed
 * serializer, which only knows the camelCase model names (x_kubernetes_validations) and silently drops
 * the wire keys x-kubernetes-validations, x-kubernetes-preserve-unknown-fields and friends.
 */
export async function applyCrds(kubeconfig: KubeConfig, crds: readonly CustomResourceDefinition[]): Promise<void> {
  for (const crd of crds) {
    const path = `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}?fieldManager=conflux-api-test&force=true`;
    const res = await kubeRequest(kubeconfig, 'PATCH', path, { body: crd, headers: { 'content-type': 'application/apply-patch+yaml' } });
    if (res.status !== 200 && res.status !== 201) throw new Error(`applying ${crd.metadata.name}: HTTP ${res.status}: ${res.body}`);
  }
  for (const crd of crds) {
    await eventually(`CRD ${crd.metadata.name} to be Established`, async () => {
      const res = await kubeRequest(kubeconfig, 'GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`);
      const conditions: Array<{ type: string; status: string }> = res.json<{ status?: { conditions?: [] } }>().status?.conditions ?? [];
      return conditions.some((c) => c.type === 'Established' && c.status === 'True');
    });
  }
}
