import type { KubeClient } from '@conflux/runtime';
import type { LiveDigests } from './live-digests.ts';
import type { RESTMapper } from './rest-mapper.ts';

/** What apply, prune and wait share: the client, discovery, and the manager's settings. */
export interface ManagerContext {
  client: KubeClient;
  mapper: RESTMapper;
  /** What was last seen of each applied object, so an unchanged one is not read again. */
  digests: LiveDigests;
  fieldManager: string;
  ownerLabels: Record<string, string>;
  /** Field managers whose fields are taken over like kubectl's (upstream --override-manager). */
  overrideManagers: string[];
  /** How many objects are read and dry-run at once (upstream --concurrent-ssa). Real applies stay sequential. */
  concurrency: number;
  /** Poll interval while waiting for a deleted object to be gone before recreating it. */
  deletionPollMs: number;
  /** Poll interval and deadline of the waits after the definitions and class stages. */
  stageWaitPollMs: number;
  stageWaitTimeoutMs: number;
}
