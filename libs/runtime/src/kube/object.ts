import type { ObjectMeta as ApiObjectMeta } from '@conflux/api';

/** Object metadata as the API server sends it (the shape is @conflux/api's); a stored object always has a name. */
export type ObjectMeta = ApiObjectMeta & { name: string };

/** The parts of a Kubernetes object the runtime reads. Kind-specific fields stay opaque here. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface KubeList<T extends KubeObject = KubeObject> {
  metadata: { resourceVersion: string; continue?: string };
  items: T[];
}

/** "namespace/name", or "name" for cluster-scoped objects: the key of caches and queues. */
export function objectKey(o: { metadata: Pick<ObjectMeta, 'name' | 'namespace'> }): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
}

export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
