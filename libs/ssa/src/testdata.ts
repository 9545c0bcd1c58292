// Builders and a client for the tests of this lib (not exported from index.ts).
import { type KubeObject, KubeClient, loadClusterAccess } from '@conflux/runtime';

export const fieldManager = 'kustomize-controller';

export function ownerLabelsFor(name: string, namespace = 'flux-system'): Record<string, string> {
  return { 'kustomize.toolkit.fluxcd.io/name': name, 'kustomize.toolkit.fluxcd.io/namespace': namespace };
}

export function clientFor(kubeconfig: string): KubeClient {
  return new KubeClient(loadClusterAccess({ kubeconfig }), { qps: 200, burst: 400 });
}

export function configMap(namespace: string, name: string, data: Record<string, string> = { key: 'value' }, annotations?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...(annotations ? { annotations } : {}) }, data };
}

export function deployment(namespace: string, name: string, options: { replicas?: number; app?: string; image?: string } = {}): KubeObject {
  const app = options.app ?? name;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas: options.replicas ?? 1,
      selector: { matchLabels: { app } },
      template: {
        metadata: { labels: { app } },
        spec: { containers: [{ name: 'app', image: options.image ?? 'ghcr.io/stefanprodan/podinfo:6.9.0', ports: [{ containerPort: 9898, name: 'http' }] }] },
      },
    },
  };
}

export function service(namespace: string, name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 'http', name: 'http' }] },
  };
}

export function namespaceObject(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/** A CRD of a namespaced kind with a free-form spec, in a group unique to the test. */
export function gizmoCRD(group: string, kind = 'Gizmo'): KubeObject {
  const plural = `${kind.toLowerCase()}s`;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { plural, singular: kind.toLowerCase(), kind },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
              },
            },
          },
        },
      ],
    },
  };
}

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
