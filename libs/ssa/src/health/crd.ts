import type { KubeObject } from '@conflux/runtime';
import { current, failed, findCondition, type HealthResult, inProgress } from './types.ts';

export function crdStatus(o: KubeObject): HealthResult {
  const names = findCondition(o, 'NamesAccepted');
  if (names?.status === 'False') return failed(`CRD names have not been accepted: ${names.message ?? ''}`);
  const established = findCondition(o, 'Established');
  if (established?.status === 'True') return current('CRD is established');
  if (established?.status === 'False' && established.reason !== 'Installing') return failed(`CRD is not established: ${established.message ?? established.reason ?? ''}`);
  return inProgress('CRD is being installed');
}
