// How the server and the Secret watch find Receivers in the watch cache.
import { coreResources, type KubeClient, type KubeObject, objectKey, WatchCache } from '@conflux/runtime';

/** status.webhookPath → Receiver: upstream's `.metadata.webhookPath` field index. */
export const webhookPathIndex = 'webhookPath';
/** "namespace/secret" → the Receivers whose spec.secretRef names it. */
export const secretIndex = 'secretRef';

/**
 * Watches the Secrets matching `labelSelector` (metadata only is kept) and calls `changed` with
 * "namespace/name" whenever one is created, updated or deleted, so that a rotated token re-reconciles
 * its Receivers at once instead of at their next interval. Returns a function that stops the watch.
 */
export function watchReceiverSecrets(
  client: KubeClient,
  labelSelector: string,
  namespace: string | undefined,
  changed: (secretKey: string) => void,
  onError?: (error: unknown) => void,
): () => void {
  const cache = new WatchCache<KubeObject>(client, coreResources.Secret, {
    labelSelector,
    ...(onError ? { onError } : {}),
    ...(namespace ? { namespace } : {}),
    // Tokens stay out of memory: the watch only needs to know that something changed.
    transform: (o) => ({ metadata: { name: o.metadata.name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}), ...(o.metadata.resourceVersion ? { resourceVersion: o.metadata.resourceVersion } : {}) } }),
  });
  let synced = false;
  cache.on({
    // The initial list is not a change: the Receivers reconcile on start anyway.
    add: (o) => synced && changed(objectKey(o)),
    update: (prev, cur) => prev.metadata.resourceVersion !== cur.metadata.resourceVersion && changed(objectKey(cur)),
    delete: (o) => changed(objectKey(o)),
  });
  void cache.synced.then(() => (synced = true));
  const abort = new AbortController();
  void cache.run(abort.signal);
  return () => abort.abort();
}
