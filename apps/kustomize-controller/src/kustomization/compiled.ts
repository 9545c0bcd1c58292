// The CEL of a Kustomization (healthCheckExprs and dependsOn[].readyExpr), compiled once per generation:
// the spec cannot change without a new generation, and the same generation is reconciled again and
// again on its interval. A compile error is remembered as well, since the object stays Stalled until
// its spec changes.
import type { KustomizationSpec } from '@conflux/api';
import { type CelExpression, compileCel } from '@conflux/cel';
import { compileHealthRules, type HealthRules } from './health-rules.ts';

export interface CompiledSpec {
  healthRules: HealthRules;
  /** readyExpr by dependsOn index. */
  readyExprs: ReadonlyMap<number, CelExpression>;
}

/** The variables a readyExpr may use: the dependent and the dependency (reference §4). */
export const readyExprVariables = ['self', 'dep'] as const;

/** Compiles the spec's CEL; throws an Error saying which field is wrong. */
export function compileSpec(spec: Pick<KustomizationSpec, 'healthCheckExprs' | 'dependsOn'>): CompiledSpec {
  const healthRules = compileHealthRules(spec.healthCheckExprs);
  const readyExprs = new Map<number, CelExpression>();
  (spec.dependsOn ?? []).forEach((ref, i) => {
    if (!ref.readyExpr) return;
    try {
      readyExprs.set(i, compileCel(ref.readyExpr, { variables: readyExprVariables }));
    } catch (err) {
      throw new Error(`failed to evaluate dependency ${ref.name}: ${(err as Error).message}`, { cause: err });
    }
  });
  return { healthRules, readyExprs };
}

type Entry = { generation: number | undefined; compiled: CompiledSpec } | { generation: number | undefined; error: Error };

/** Compiled specs by object UID; bounded, oldest first out, since deleted objects are never told about. */
export class CompiledSpecs {
  readonly #entries = new Map<string, Entry>();
  readonly #max: number;
  compilations = 0;

  constructor(max = 10_000) {
    this.#max = max;
  }

  /** The compiled spec of `uid` at `generation`, compiling it on first use; rethrows a remembered compile error. */
  get(uid: string, generation: number | undefined, spec: Pick<KustomizationSpec, 'healthCheckExprs' | 'dependsOn'>): CompiledSpec {
    let entry = this.#entries.get(uid);
    if (!entry || entry.generation !== generation) {
      this.compilations++;
      try {
        entry = { generation, compiled: compileSpec(spec) };
      } catch (err) {
        entry = { generation, error: err instanceof Error ? err : new Error(String(err)) };
      }
      this.#entries.delete(uid);
      this.#entries.set(uid, entry);
      if (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    }
    if ('error' in entry) throw entry.error;
    return entry.compiled;
  }
}
