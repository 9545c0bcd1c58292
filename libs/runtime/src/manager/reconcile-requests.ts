// Reconcile requests from NATS for one controller's kind. The requestedAt annotation on the object is
// what counts (Kubernetes decides); a request only lets the controller enqueue before its watch delivers
// the change. So it is acted on only for an object this controller's cache holds, which is also how a
// --watch-label-selector shard or a single-namespace controller ignores objects that are not its own.
import type { BusConnection, ReconcileRequestMessage } from '@conflux/bus';
import type { WatchCache } from '../cache/watch-cache.ts';
import type { KubeObject } from '../kube/object.ts';
import type { ResourceType } from '../kube/resources.ts';
import type { Logger } from '../observability/logging.ts';
import type { TraceCarrier } from '../observability/tracing.ts';

type BusLib = typeof import('@conflux/bus');

export interface ReconcileRequestWiring<T extends KubeObject> {
  bus: { lib: BusLib; connection: BusConnection };
  resource: ResourceType;
  cache: WatchCache<T>;
  enqueue(key: string, trace?: TraceCarrier): void;
  log: Logger;
}

/** Subscribes to the reconcile requests of `resource`'s kind; returns a function that unsubscribes. */
export function wireReconcileRequests<T extends KubeObject>(w: ReconcileRequestWiring<T>): () => void {
  const { lib } = w.bus;
  const filter = lib.kindFilter({ group: w.resource.group, kind: w.resource.kind }, lib.SubjectRoot.reconcile);
  const subscription = lib.subscribeReconcileRequests(w.bus.connection, (m) => onRequest(w, m), { root: lib.SubjectRoot.reconcile, filter });
  return () => subscription.close();
}

function onRequest<T extends KubeObject>(w: ReconcileRequestWiring<T>, m: ReconcileRequestMessage): void {
  const { namespace, name } = m.ref;
  const key = namespace ? `${namespace}/${name}` : name;
  const cached = w.cache.get(key);
  const fields = { controllerKind: w.resource.kind, namespace, name, requestedBy: m.request.requestedBy };
  if (!cached) {
    // Another shard's object, one outside the watched namespace, or one the watch has not listed yet:
    // if it is ours, the annotation reaches us through the watch anyway.
    w.log.debug(fields, 'reconcile request ignored: the object is not in this controller\'s cache');
    return;
  }
  // Arriving after the watch already delivered the annotation and the reconcile handled it, the request
  // has nothing left to ask for.
  if ((cached.status as Record<string, unknown> | undefined)?.['lastHandledReconcileAt'] === m.request.requestedAt) return;
  w.log.debug(fields, 'reconcile requested over NATS');
  w.enqueue(key, m.trace);
}
