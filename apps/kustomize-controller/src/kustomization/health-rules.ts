// spec.healthCheckExprs (reference §1.2, §3.2 "CEL override"): CEL expressions that replace the kstatus
// rules for the custom resources of one group, or of one kind in it. Only the group of apiVersion
// counts; an entry without kind covers the whole group and an entry naming the kind wins over it; two
// entries for the same group and kind are a configuration error.
import type { KustomizationHealthCheck } from '@conflux/api';
import type { KubeObject } from '@conflux/runtime';
import { type HealthResult, HealthStatus, splitApiVersion } from '@conflux/ssa';
import { type CelExpression, compileCel } from '@conflux/cel';

interface Evaluator {
  inProgress?: CelExpression;
  failed?: CelExpression;
  current: CelExpression;
}

export interface HealthRules {
  /** How many entries the rules came from. */
  readonly size: number;
  /** The CEL verdict on `o`, or undefined when no entry covers its kind (kstatus decides). Throws when evaluation fails. */
  statusOf(o: KubeObject): HealthResult | undefined;
}

export const noHealthRules: HealthRules = { size: 0, statusOf: () => undefined };

const ruleKey = (group: string, kind: string) => `${kind}.${group}`;

/** Compiles every entry; throws CelCompileError or Error naming the offending entry. */
export function compileHealthRules(checks: readonly KustomizationHealthCheck[] | undefined): HealthRules {
  if (!checks?.length) return noHealthRules;
  const rules = new Map<string, Evaluator>();
  checks.forEach((check, i) => {
    const { group } = splitApiVersion(check.apiVersion);
    const key = ruleKey(group, check.kind ?? '');
    if (rules.has(key)) throw new Error(`duplicate custom health check for ${check.kind ? `GroupKind ${key}` : `group ${group}`} at healthCheckExprs[${i}]`);
    rules.set(key, evaluator(check, i));
  });
  return {
    size: checks.length,
    statusOf(o) {
      const { group } = splitApiVersion(o.apiVersion ?? '');
      const rule = rules.get(ruleKey(group, o.kind ?? '')) ?? rules.get(ruleKey(group, ''));
      return rule ? evaluate(rule, o) : undefined;
    },
  };
}

function evaluator(check: KustomizationHealthCheck, i: number): Evaluator {
  const compile = (field: 'current' | 'inProgress' | 'failed') => {
    const text = check[field];
    if (!text) return undefined;
    try {
      return compileCel(text);
    } catch (err) {
      throw new Error(`failed to create custom status evaluator for healthCheckExprs[${i}]: failed to parse the expression ${field}: ${(err as Error).message}`, { cause: err });
    }
  };
  const current = compile('current');
  if (!current) throw new Error(`failed to create custom status evaluator for healthCheckExprs[${i}]: expression current not specified`);
  const inProgress = compile('inProgress');
  const failed = compile('failed');
  return { current, ...(inProgress ? { inProgress } : {}), ...(failed ? { failed } : {}) };
}

/**
 * Upstream's order: a generation not yet observed is InProgress whatever the expressions say; then
 * inProgress, failed and current in that order, the first that holds decides; none holding is InProgress.
 * The object's top-level fields (metadata, spec, status, ...) are the variables.
 */
function evaluate(rule: Evaluator, o: KubeObject): HealthResult {
  const generation = o.metadata.generation;
  const observed = o.status?.['observedGeneration'];
  if (typeof generation === 'number' && typeof observed === 'number' && generation !== observed) {
    return { status: HealthStatus.InProgress, message: `generation ${generation} is not observed yet (observedGeneration ${observed})` };
  }
  const steps: Array<[CelExpression | undefined, HealthStatus]> = [
    [rule.inProgress, HealthStatus.InProgress],
    [rule.failed, HealthStatus.Failed],
    [rule.current, HealthStatus.Current],
  ];
  for (const [expr, status] of steps) {
    if (expr?.evaluateBoolean(o as unknown as Record<string, unknown>)) return { status, message: `healthCheckExprs: ${expr.text}` };
  }
  return { status: HealthStatus.InProgress, message: 'healthCheckExprs: no expression holds yet' };
}
