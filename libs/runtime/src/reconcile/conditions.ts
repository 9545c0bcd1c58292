// Conditions the way Flux writes them, so that kstatus, `flux get` and `kubectl wait` read Conflux
// objects exactly as they read Flux's.

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  observedGeneration?: number;
  lastTransitionTime: string;
}

export type ConditionInput = Omit<Condition, 'lastTransitionTime' | 'observedGeneration'>;

/** Upstream trims condition messages to this many characters. */
export const maxConditionMessage = 32768;

/** RFC 3339 in UTC, truncated to seconds, as metav1.Time serialises. */
export function conditionTime(now: Date = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Sets a condition in place. lastTransitionTime moves only when status, reason or message change, so an
 * unchanged outcome does not look like a new event to kstatus or to alerting.
 */
export function setCondition(conditions: Condition[], input: ConditionInput, generation: number | undefined, now: Date = new Date()): Condition[] {
  const message = input.message.length > maxConditionMessage ? input.message.slice(0, maxConditionMessage) : input.message;
  const next: Condition = { ...input, message, lastTransitionTime: conditionTime(now) };
  if (generation !== undefined) next.observedGeneration = generation;
  const i = conditions.findIndex((c) => c.type === input.type);
  if (i < 0) {
    conditions.push(next);
  } else {
    const prev = conditions[i]!;
    if (prev.status === next.status && prev.reason === next.reason && prev.message === next.message) {
      next.lastTransitionTime = prev.lastTransitionTime;
    }
    conditions[i] = next;
  }
  return sortConditions(conditions);
}

export function removeCondition(conditions: Condition[], type: string): Condition[] {
  const i = conditions.findIndex((c) => c.type === type);
  if (i >= 0) conditions.splice(i, 1);
  return conditions;
}

export function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

const weight: Record<string, number> = { Stalled: 0, Reconciling: 1, Ready: 2 };

/** Stalled, Reconciling and Ready first; then newest observedGeneration first; then by type. */
export function sortConditions(conditions: Condition[]): Condition[] {
  return conditions.sort((a, b) => {
    const wa = weight[a.type] ?? 3;
    const wb = weight[b.type] ?? 3;
    if (wa !== wb) return wa - wb;
    const ga = a.observedGeneration ?? 0;
    const gb = b.observedGeneration ?? 0;
    if (ga !== gb) return gb - ga;
    return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
  });
}
