import type { V1Deployment, V1StatefulSet } from '@kubernetes/client-node';
import type { KubeClients } from './kube.ts';

/**
 * Writes the status a kubelet and the deployment controller would eventually write for a fully rolled-out
 * Deployment: every replica updated, ready and available, observedGeneration caught up, and the
 * Available/Progressing conditions that kstatus reads. There is no kubelet in the test control plane.
 */
export async function markDeploymentReady(clients: KubeClients, namespace: string, name: string): Promise<V1Deployment> {
  const current = await clients.apps.readNamespacedDeployment({ name, namespace });
  const replicas = current.spec?.replicas ?? 1;
  const now = new Date();
  current.status = {
    observedGeneration: current.metadata?.generation,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: replicas,
    availableReplicas: replicas,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.', lastTransitionTime: now, lastUpdateTime: now },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${name}" has successfully progressed.`, lastTransitionTime: now, lastUpdateTime: now },
    ],
  };
  return clients.apps.replaceNamespacedDeploymentStatus({ name, namespace, body: current });
}

/** The StatefulSet counterpart of markDeploymentReady: all replicas ready on the current revision. */
export async function markStatefulSetReady(clients: KubeClients, namespace: string, name: string): Promise<V1StatefulSet> {
  const current = await clients.apps.readNamespacedStatefulSet({ name, namespace });
  const replicas = current.spec?.replicas ?? 1;
  const revision = `${name}-${String(current.metadata?.generation ?? 1)}`;
  current.status = {
    observedGeneration: current.metadata?.generation,
    replicas,
    readyReplicas: replicas,
    currentReplicas: replicas,
    updatedReplicas: replicas,
    availableReplicas: replicas,
    currentRevision: revision,
    updateRevision: revision,
  };
  return clients.apps.replaceNamespacedStatefulSetStatus({ name, namespace, body: current });
}
