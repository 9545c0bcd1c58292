// The labels of an event's involved object, for Alert sources with matchLabels (reference §3.2): read from
// the API server with the event's apiVersion and kind, as upstream reads PartialObjectMetadata.
import { apiResources, isFluxKind } from '@conflux/api';
import type { InvolvedObject } from '@conflux/bus';
import type { KubeClient, KubeObject, ResourceType } from '@conflux/runtime';

/** Flux kinds pluralise regularly: GitRepository → gitrepositories, ImagePolicy → imagepolicies. */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

export function resourceOf(object: InvolvedObject): ResourceType {
  const apiVersion = object.apiVersion || (isFluxKind(object.kind) ? apiResources[object.kind].apiVersion : '');
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  if (!version) throw new Error(`the event names no apiVersion for kind ${object.kind}`);
  const plural = isFluxKind(object.kind) && apiResources[object.kind].group === group ? apiResources[object.kind].plural : pluralOf(object.kind);
  return { group, version, kind: object.kind, plural, namespaced: true };
}

export async function objectLabels(client: KubeClient, object: InvolvedObject): Promise<Record<string, string>> {
  const found = await client.get<KubeObject>(resourceOf(object), object.namespace, object.name);
  return found.metadata.labels ?? {};
}
