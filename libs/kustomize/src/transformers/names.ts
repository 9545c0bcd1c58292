import { groupVersionOf, kindOf, nameOf, rename, type Resource } from '../resource.ts';

// kustomize's prefix/suffix transformers leave these alone: their names are fixed by the API
// (a CRD's name is <plural>.<group>) or they are handled by the namespace transformer.
const skipped = new Set(['apiextensions.k8s.io/CustomResourceDefinition', 'apiregistration.k8s.io/APIService', '/Namespace']);

export function applyNamePrefixSuffix(resources: readonly Resource[], prefix = '', suffix = ''): void {
  if (!prefix && !suffix) return;
  for (const res of resources) {
    if (skipped.has(`${groupVersionOf(res.obj).group}/${kindOf(res.obj)}`)) continue;
    rename(res, `${prefix}${nameOf(res.obj)}${suffix}`);
  }
}
