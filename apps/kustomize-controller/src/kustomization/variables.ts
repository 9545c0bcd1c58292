// The variables of postBuild (reference §5.2): each substituteFrom ConfigMap or Secret in order, later
// ones overwriting earlier ones, then the inline substitute map over all of them. An optional reference
// tolerates only NotFound; any other read error fails the build.
import type { PostBuild } from '@conflux/api';
import { coreResources, isNotFound, type KubeClient, type KubeObject } from '@conflux/runtime';

type DataObject = KubeObject & { data?: Record<string, string> };

export async function loadVariables(client: KubeClient, namespace: string, postBuild: PostBuild): Promise<Record<string, string>> {
  const vars: Record<string, string> = {};
  for (const ref of postBuild.substituteFrom ?? []) {
    const resource = ref.kind === 'Secret' ? coreResources.Secret : coreResources.ConfigMap;
    let object: DataObject;
    try {
      object = await client.get<DataObject>(resource, namespace, ref.name);
    } catch (err) {
      if (ref.optional && isNotFound(err)) continue;
      throw new Error(`substitute from '${ref.kind}/${ref.name}' failed: ${(err as Error).message}`, { cause: err });
    }
    for (const [key, value] of Object.entries(object.data ?? {})) {
      vars[key] = ref.kind === 'Secret' ? Buffer.from(value, 'base64').toString('utf8') : value;
    }
  }
  return { ...vars, ...(postBuild.substitute ?? {}) };
}
