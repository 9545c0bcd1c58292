// The light reconcilers of Alerts and Providers (reference §2.1, §3.1). v1beta3 made both static objects
// with no status, so all that is left is finalizer bookkeeping, done by the leader only:
// - a Provider carries finalizers.fluxcd.io while it lives (upstream purges its token cache on delete);
// - an Alert from before v1beta3 loses the finalizer it no longer needs, with a Normal Migration event.
import { apiResources, NotificationReason } from '@conflux/api';
import { defaultFinalizer, type EventRecorder, EventType, isConflict, isNotFound, type KubeObject, type Manager, type ResourceType, type WatchCache } from '@conflux/runtime';
import type { AlertObject, ProviderObject } from './objects.ts';

export interface StaticObjects {
  manager: Pick<Manager, 'elected' | 'leading' | 'client' | 'log'>;
  alerts: WatchCache<AlertObject>;
  providers: WatchCache<ProviderObject>;
  recorder: EventRecorder;
}

/** The finalizers `object` should carry, or undefined when they are right as they are. */
export function wantedFinalizers(object: KubeObject, keep: boolean): string[] | undefined {
  const current = object.metadata.finalizers ?? [];
  const has = current.includes(defaultFinalizer);
  const deleting = Boolean(object.metadata.deletionTimestamp);
  if (keep && !deleting && !has) return [...current, defaultFinalizer];
  if ((!keep || deleting) && has) return current.filter((f) => f !== defaultFinalizer);
  return undefined;
}

export function wireStaticObjects(s: StaticObjects): () => void {
  let stopped = false;
  const { client, log } = s.manager;
  const fix = async (resource: ResourceType, object: KubeObject, keep: boolean) => {
    const finalizers = wantedFinalizers(object, keep);
    if (!finalizers || stopped || !s.manager.leading) return;
    try {
      // The resourceVersion makes this a compare-and-swap: a stale cache copy loses, and the next watch event retries.
      await client.patch(resource, object.metadata.namespace, object.metadata.name, { metadata: { finalizers, resourceVersion: object.metadata.resourceVersion } });
      if (!keep) await s.recorder.event(object, EventType.Normal, NotificationReason.Migration, 'removed finalizer from Alert to migrate to static Alert');
    } catch (error) {
      if (!isNotFound(error) && !isConflict(error)) log.warn({ error, kind: resource.kind, name: object.metadata.name, namespace: object.metadata.namespace }, 'updating finalizers failed');
    }
  };
  const onProvider = (p: ProviderObject) => void fix(apiResources.Provider, p, true);
  const onAlert = (a: AlertObject) => void fix(apiResources.Alert, a, false);
  s.providers.on({ add: onProvider, update: (_, p) => onProvider(p) });
  s.alerts.on({ add: onAlert, update: (_, a) => onAlert(a) });
  void s.manager.elected.then(() => {
    for (const p of s.providers.list()) onProvider(p);
    for (const a of s.alerts.list()) onAlert(a);
  });
  return () => {
    stopped = true;
  };
}
