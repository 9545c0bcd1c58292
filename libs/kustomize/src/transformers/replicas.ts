import { fieldSpecApplies, updateField, type FieldSpec } from '../fieldspec.ts';
import { allNames, type Resource } from '../resource.ts';
import { replicaSpecs } from './fieldspecs.ts';

/** The `replicas:` field: sets spec.replicas on workloads whose current or earlier name matches. */
export function applyReplicas(resources: readonly Resource[], replicas: readonly { name: string; count: number }[], extra: readonly FieldSpec[] = []): void {
  for (const { name, count } of replicas) {
    for (const res of resources) {
      if (!allNames(res).some((n) => n.name === name)) continue;
      for (const spec of [...replicaSpecs, ...extra]) {
        if (fieldSpecApplies(spec, res.obj)) updateField(res.obj, spec, () => count);
      }
    }
  }
}
