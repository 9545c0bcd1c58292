// What makes a Kustomization reconcile before its interval, beyond its own spec changes (reference
// §1.5 and DESIGN "Readiness events travel over NATS"):
// - a source announcing a new artifact on NATS enqueues the Kustomizations built from it, and cancels
//   their health-check waits for the old revision;
// - a Kustomization turning Ready enqueues those that dependOn it, from the watch cache for dependencies
//   this replica sees and from NATS for those on other shards; a dependent waiting on a readyExpr is
//   enqueued on any change of its dependency, since the expression may read any field;
// - after a NATS outage, a resync enqueues every Kustomization whose source moved on meanwhile.
// None of these decides anything: each object still reconciles on its interval.
import { apiResources, ConditionType, KustomizeReason } from '@conflux/api';
import { findCondition, type KubeObject, type Logger, type ManagedController, type Manager, objectKey } from '@conflux/runtime';
import { type KustomizationObject, kustomizeGroup } from './kustomization/context.ts';
import type { HealthWaits } from './kustomization/health-waits.ts';
import { sourceKey } from './kustomization/source.ts';

const sourceGroup = 'source.toolkit.fluxcd.io';
const sourceIndex = 'source';
const dependsOnIndex = 'dependsOn';
const resyncKinds = ['GitRepository', 'OCIRepository', 'Bucket'] as const;

const isReady = (o: KustomizationObject) => findCondition(o.status?.conditions, ConditionType.Ready)?.status === 'True';

/** Ready at its current generation, newly so or at a new applied revision: what dependents wait for. */
export function becameReady(prev: KustomizationObject, cur: KustomizationObject): boolean {
  if (!isReady(cur) || cur.status?.observedGeneration !== cur.metadata.generation) return false;
  return !isReady(prev) || prev.status?.lastAppliedRevision !== cur.status?.lastAppliedRevision || prev.status?.observedGeneration !== cur.status?.observedGeneration;
}

/** Upstream's source predicate: no need to reconcile for a revision already attempted while Ready or Reconciling. */
export function attempted(o: KustomizationObject, revision: string): boolean {
  const busy = isReady(o) || findCondition(o.status?.conditions, ConditionType.Reconciling)?.status === 'True';
  return busy && o.status?.lastAttemptedRevision === revision;
}

/** Whether `dependent` is held up by a readyExpr on the Kustomization `depKey` ("ns/name"), so any change of it may release it. */
export function waitsOnReadyExpr(dependent: KustomizationObject, depKey: string): boolean {
  if (findCondition(dependent.status?.conditions, ConditionType.Ready)?.reason !== KustomizeReason.DependencyNotReady) return false;
  return (dependent.spec.dependsOn ?? []).some((d) => d.readyExpr && `${d.namespace || dependent.metadata.namespace}/${d.name}` === depKey);
}

export function wireTriggers(manager: Manager, ks: ManagedController<KustomizationObject>, waits: HealthWaits, log: Logger): void {
  ks.cache.addIndex(sourceIndex, (o) => [sourceKey(o)]);
  ks.cache.addIndex(dependsOnIndex, (o) => (o.spec.dependsOn ?? []).map((d) => `${d.namespace || o.metadata.namespace}/${d.name}`));
  const enqueueDependents = (key: string, trace?: Record<string, string>) => {
    for (const dependent of ks.cache.byIndex(dependsOnIndex, key)) ks.enqueue(objectKey(dependent), trace);
  };

  ks.cache.on({
    update: (prev, cur) => {
      const key = objectKey(cur);
      if (becameReady(prev, cur)) enqueueDependents(key);
      else if (prev.metadata.resourceVersion !== cur.metadata.resourceVersion) {
        for (const dependent of ks.cache.byIndex(dependsOnIndex, key)) if (waitsOnReadyExpr(dependent, key)) ks.enqueue(objectKey(dependent));
      }
      if (prev.metadata.generation !== cur.metadata.generation) waits.cancelStale(objectKey(cur), { ...(cur.metadata.generation === undefined ? {} : { generation: cur.metadata.generation }) });
    },
  });

  manager.onReadiness({ group: sourceGroup }, ({ event, trace }) => {
    const revision = event.artifact?.revision ?? event.revision;
    if (!revision) return;
    for (const o of ks.cache.byIndex(sourceIndex, `${event.kind}/${event.namespace}/${event.name}`)) {
      if (attempted(o, revision)) continue;
      const key = objectKey(o);
      waits.cancelStale(key, { revision });
      ks.enqueue(key, trace);
    }
  });

  manager.onReadiness({ group: kustomizeGroup, kind: 'Kustomization' }, ({ event, trace }) => {
    const key = `${event.namespace}/${event.name}`;
    // A dependency this replica watches is covered by the cache handler above; enqueuing twice would reconcile twice.
    if (event.ready.status !== 'True' || ks.cache.get(key)) return;
    enqueueDependents(key, trace);
  });

  manager.onResync(async () => {
    const revisions = new Map<string, string>();
    for (const kind of resyncKinds) {
      try {
        const list = await manager.client.list<KubeObject & { status?: { artifact?: { revision?: string } } }>(apiResources[kind]);
        for (const s of list.items) {
          const revision = s.status?.artifact?.revision;
          if (revision) revisions.set(`${kind}/${s.metadata.namespace}/${s.metadata.name}`, revision);
        }
      } catch (error) {
        log.warn({ error, kind }, 'resync could not list sources; their Kustomizations wait for their interval');
      }
    }
    for (const o of ks.cache.list()) {
      const revision = revisions.get(sourceKey(o));
      const waitingOnDependency = findCondition(o.status?.conditions, ConditionType.Ready)?.reason === KustomizeReason.DependencyNotReady;
      if ((revision && revision !== o.status?.lastAppliedRevision) || waitingOnDependency) ks.enqueue(objectKey(o));
    }
  });
}
