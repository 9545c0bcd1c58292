import type { KubeObject } from '@conflux/runtime';
import { current, failed, findCondition, type HealthResult, inProgress } from './types.ts';

// A pod may be Unschedulable for a moment while the scheduler or an autoscaler catches up.
const unschedulableGraceMs = 15_000;

export function podStatus(o: KubeObject, now: number): HealthResult {
  const phase = o.status?.['phase'];
  // A finished pod will not change any more, whether it succeeded or not, so waiting on it is pointless.
  if (phase === 'Succeeded') return current('Pod has completed successfully');
  if (phase === 'Failed') return current('Pod has completed, but not successfully');
  if (phase === 'Running' && findCondition(o, 'Ready')?.status === 'True') return current('Pod is Ready');

  const crashing = containerStatuses(o).find((c) => c.state?.waiting?.reason === 'CrashLoopBackOff');
  if (crashing) return failed(`Container ${crashing.name ?? '(unnamed)'} is in CrashLoopBackOff`);

  if (phase === 'Pending') {
    const scheduled = findCondition(o, 'PodScheduled');
    const created = Date.parse(o.metadata.creationTimestamp ?? '');
    if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable' && Number.isFinite(created) && now - created > unschedulableGraceMs) {
      return failed(`Pod could not be scheduled: ${scheduled.message ?? 'Unschedulable'}`);
    }
    return inProgress('Pod is in the Pending phase');
  }
  if (phase === 'Running') return inProgress('Pod is running but is not Ready');
  return inProgress('Pod phase not available');
}

interface ContainerStatus {
  name?: string;
  state?: { waiting?: { reason?: string } };
}

function containerStatuses(o: KubeObject): ContainerStatus[] {
  const s = o.status;
  return ['initContainerStatuses', 'containerStatuses'].flatMap((k) => (Array.isArray(s?.[k]) ? (s[k] as ContainerStatus[]) : []));
}
