import { updateField, type FieldSpec } from '../fieldspec.ts';
import type { Resource } from '../resource.ts';
import { annotationSpecs, metadataLabelSpec, selectorLabelSpecs, templateLabelSpecs } from './fieldspecs.ts';

/** Adds pairs to the string map at each field spec; an existing non-map value is replaced by the pairs. */
export function addToMaps(resources: readonly Resource[], pairs: Record<string, string>, specs: readonly FieldSpec[]): void {
  if (Object.keys(pairs).length === 0) return;
  for (const res of resources) {
    for (const spec of specs) {
      updateField(res.obj, spec, (value) => {
        const map = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
        return Object.assign(map, pairs);
      });
    }
  }
}

/** One `labels:` entry: metadata always, pod templates and selectors when asked. */
export function applyLabels(
  resources: readonly Resource[],
  pairs: Record<string, string>,
  opts: { includeSelectors?: boolean; includeTemplates?: boolean },
  extra: readonly FieldSpec[] = [],
): void {
  // includeSelectors implies the templates too: a selector that the pods do not match would be useless.
  const specs = [metadataLabelSpec];
  if (opts.includeSelectors || opts.includeTemplates) specs.push(...templateLabelSpecs);
  if (opts.includeSelectors) specs.push(...selectorLabelSpecs);
  specs.push(...extra);
  addToMaps(resources, pairs, specs);
}

/** `commonLabels`, the deprecated form of `labels` with includeSelectors. */
export function applyCommonLabels(resources: readonly Resource[], pairs: Record<string, string>, extra: readonly FieldSpec[] = []): void {
  applyLabels(resources, pairs, { includeSelectors: true }, extra);
}

export function applyCommonAnnotations(resources: readonly Resource[], pairs: Record<string, string>, extra: readonly FieldSpec[] = []): void {
  addToMaps(resources, pairs, [...annotationSpecs, ...extra]);
}
