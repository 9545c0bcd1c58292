/**
 * Where each Flux kind lives in the API: enough for any lib to build a URL or an apiVersion without
 * importing the schemas. Derived from the kind definitions, so it cannot disagree with the CRDs.
 */
import { allKinds, type FluxKind } from './kinds/index.ts';
import { storageVersion } from './kinds/kind.ts';

export type { FluxKind };

export interface ApiResource {
  group: string;
  /** The version Conflux stores and its controllers use. */
  version: string;
  /** `<group>/<version>`. */
  apiVersion: string;
  kind: FluxKind;
  plural: string;
  namespaced: boolean;
}

export const apiResources: Readonly<Record<FluxKind, ApiResource>> = Object.fromEntries(
  allKinds.map((k) => {
    const version = storageVersion(k).name;
    const resource: ApiResource = {
      group: k.group,
      version,
      apiVersion: `${k.group}/${version}`,
      kind: k.kind,
      plural: k.plural,
      namespaced: k.scope === 'Namespaced',
    };
    return [k.kind, resource];
  }),
) as Record<FluxKind, ApiResource>;

export const fluxKinds: readonly FluxKind[] = allKinds.map((k) => k.kind);

export function isFluxKind(kind: string): kind is FluxKind {
  return Object.hasOwn(apiResources, kind);
}

/**
 * The REST path of a collection or an object: /apis/<group>/<version>[/namespaces/<ns>]/<plural>[/<name>].
 * Without a namespace it is the cluster-wide collection, which is what a watch across namespaces uses.
 */
export function resourcePath(kind: FluxKind, options: { namespace?: string; name?: string; subresource?: 'status' } = {}): string {
  const r = apiResources[kind];
  const { namespace, name, subresource } = options;
  if (subresource !== undefined && name === undefined) {
    throw new Error('resourcePath: a subresource needs an object name');
  }
  if (name !== undefined && namespace === undefined && r.namespaced) {
    throw new Error(`resourcePath: ${kind} is namespaced, so naming an object needs its namespace`);
  }
  let path = `/apis/${r.group}/${r.version}`;
  if (namespace !== undefined) path += `/namespaces/${encodeURIComponent(namespace)}`;
  path += `/${r.plural}`;
  if (name !== undefined) path += `/${encodeURIComponent(name)}`;
  if (subresource !== undefined) path += `/${subresource}`;
  return path;
}
