// Kinds whose health is one field: a PVC's phase, a Service's cluster IP, a Namespace's phase.
import type { KubeObject } from '@conflux/runtime';
import { current, type HealthResult, HealthStatus, inProgress } from './types.ts';

export function pvcStatus(o: KubeObject): HealthResult {
  const phase = o.status?.['phase'];
  return phase === 'Bound' ? current('PVC is Bound') : inProgress(`PVC is not Bound. phase: ${String(phase ?? '')}`);
}

/** Only a LoadBalancer without a cluster IP is waited for; like upstream, the load balancer's ingress is not. */
export function serviceStatus(o: KubeObject): HealthResult {
  if (o.spec?.['type'] === 'LoadBalancer' && !o.spec['clusterIP']) return inProgress('ClusterIP not set');
  return current('Service is ready');
}

export function namespaceStatus(o: KubeObject): HealthResult {
  if (o.status?.['phase'] === 'Terminating') return { status: HealthStatus.Terminating, message: 'Namespace is terminating' };
  return current('Namespace is active');
}
