import { updateField, type FieldSpec } from '../fieldspec.ts';
import { groupVersionOf, kindOf, nameOf, rename, type Resource } from '../resource.ts';

// kustomize's prefix/suffix transformers leave these alone: their names are fixed by the API
// (a CRD's name is <plural>.<group>) or they are handled by the namespace transformer.
const skipped = new Set(['apiextensions.k8s.io/CustomResourceDefinition', 'apiregistration.k8s.io/APIService', '/Namespace']);

export function applyNamePrefixSuffix(
  resources: readonly Resource[], prefix = '', suffix = '', extraPrefix: readonly FieldSpec[] = [], extraSuffix: readonly FieldSpec[] = [],
): void {
  if (!prefix && !suffix) return;
  // Fields that configurations (or a CRD's x-kubernetes-identity) add beside metadata.name take the same affixes.
  const affix = (specs: readonly FieldSpec[], f: (v: string) => string): void => {
    for (const spec of specs) {
      if (spec.path === 'metadata/name') continue;
      for (const res of resources) updateField(res.obj, spec, (v) => (typeof v === 'string' ? f(v) : v));
    }
  };
  if (prefix) affix(extraPrefix, (v) => `${prefix}${v}`);
  if (suffix) affix(extraSuffix, (v) => `${v}${suffix}`);
  for (const res of resources) {
    if (skipped.has(`${groupVersionOf(res.obj).group}/${kindOf(res.obj)}`)) continue;
    if (prefix) (res.prefixes ??= []).push(prefix);
    if (suffix) (res.suffixes ??= []).push(suffix);
    rename(res, `${prefix}${nameOf(res.obj)}${suffix}`);
  }
}
