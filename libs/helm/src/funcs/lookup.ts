// Helm's lookup(apiVersion, kind, namespace, name): one object, or a list when name is empty, read from
// the cluster. `helm template` has no cluster and answers an empty map; helm-controller will plug a
// real client in through LookupClient.

import { defineFunc, type FuncMap } from '../template/builtins.ts';
import type { GoMap } from '../template/values.ts';

/**
 * What lookup asks of a cluster. Return the object (or, with an empty name, the list object with its
 * items) as decoded JSON, or undefined when it does not exist; throw for any other failure.
 */
export interface LookupClient {
  lookup(apiVersion: string, kind: string, namespace: string, name: string): GoMap | undefined;
}

/** `helm template` and dry runs: every lookup finds nothing. */
export const offlineLookup: LookupClient = { lookup: () => undefined };

export function lookupFuncs(client: LookupClient = offlineLookup): FuncMap {
  return {
    lookup: defineFunc(
      ['string', 'string', 'string', 'string'],
      'map[string]interface {}',
      (apiVersion, kind, namespace, name) => client.lookup(apiVersion as string, kind as string, namespace as string, name as string) ?? {},
      { returnsError: true },
    ),
  };
}
