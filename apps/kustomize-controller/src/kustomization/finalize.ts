// Deletion (reference §1.7): the applied objects go with the Kustomization when its deletionPolicy says
// so (MirrorPrune: when prune is true), never while suspended or with an empty inventory. If the
// impersonated ServiceAccount is gone the objects are left with an error event and the finalizer is
// removed anyway, as upstream does; a failed delete keeps the finalizer and is retried.
import { setTimeout as sleep } from 'node:timers/promises';
import { KustomizeReason } from '@conflux/api';
import { isNotFound, type ReconcileRequest, type ResourceType } from '@conflux/runtime';
import { formatChangeSet, refsOf, subjectOf } from '@conflux/ssa';
import { resourceManager, serviceAccountOf, targetClient } from './cluster.ts';
import type { KustomizationDeps, KustomizationObject } from './context.ts';
import { timeoutMs } from './timing.ts';

const terminationPollMs = 2_000;
const serviceAccounts: ResourceType = { group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true };

export function shouldDeleteObjects(object: KustomizationObject): boolean {
  if (object.spec.suspend || !object.status?.inventory?.entries.length) return false;
  switch (object.spec.deletionPolicy ?? 'MirrorPrune') {
    case 'MirrorPrune':
      return object.spec.prune;
    case 'Delete':
    case 'WaitForTermination':
      return true;
    default:
      return false;
  }
}

export async function finalizeKustomization(request: ReconcileRequest<KustomizationObject>, deps: KustomizationDeps): Promise<void> {
  const { object } = request;
  if (!shouldDeleteObjects(object)) return;
  const account = serviceAccountOf(object, deps);
  if (account && !object.spec.kubeConfig) {
    try {
      await deps.client.get(serviceAccounts, object.metadata.namespace, account);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      request.event('Warning', KustomizeReason.PruneFailed, `unable to prune objects: ServiceAccount '${object.metadata.namespace}/${account}' not found; the objects are left in place`);
      return;
    }
  }
  const client = await targetClient(object, deps);
  try {
    const resources = resourceManager(object, deps, client);
    const refs = refsOf(object.status!.inventory!.entries);
    const deleted = await resources.prune(refs, { signal: request.signal });
    if (deleted.entries.length) request.event('Normal', KustomizeReason.Progressing, formatChangeSet(deleted, { includeUnchanged: true }));
    if (object.spec.deletionPolicy !== 'WaitForTermination') return;
    const gone = deleted.entries.filter((e) => e.action === 'deleted').map((e) => e.ref);
    const deadline = Date.now() + timeoutMs(object.spec);
    for (;;) {
      const left = [];
      for (const ref of gone) {
        const resource = await resources.mapper.resourceFor(ref.group, ref.version, ref.kind);
        const exists = await client.get(resource, ref.namespace || undefined, ref.name).then(() => true, (err: unknown) => (isNotFound(err) ? false : Promise.reject(err)));
        if (exists) left.push(ref);
      }
      if (left.length === 0) return;
      if (Date.now() >= deadline) {
        request.event('Warning', KustomizeReason.PruneFailed, `timeout waiting for the termination of ${left.map(subjectOf).join(', ')}; removing the finalizer anyway`);
        return;
      }
      await sleep(terminationPollMs, undefined, { signal: request.signal });
    }
  } finally {
    if (client !== deps.client) client.close();
  }
}
