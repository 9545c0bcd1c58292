// Upstream's Ready summary (reference §5.3): the conditions a GitRepository owns, merged by polarity so
// that one failing condition decides Ready and lends it its reason and message.
import { ConditionType, negativePolarityConditions } from '@conflux/api';
import type { Condition, ConditionInput } from '@conflux/runtime';

/** The owned conditions in upstream's summarize order; the first of the winning group speaks for Ready. */
export const gitRepositoryReadyOrder: readonly string[] = [
  ConditionType.StorageOperationFailed,
  ConditionType.FetchFailed,
  ConditionType.IncludeUnavailable,
  ConditionType.ArtifactOutdated,
  ConditionType.ArtifactInStorage,
  ConditionType.SourceVerified,
  ConditionType.Stalled,
  ConditionType.Reconciling,
];

const negative = negativePolarityConditions as ReadonlySet<string>;

// Lower ranks win: True+negative > False+positive > True+positive > False+negative > Unknown.
function rank(c: Condition): number {
  const bad = negative.has(c.type);
  if (c.status === 'True') return bad ? 0 : 2;
  if (c.status === 'False') return bad ? 3 : 1;
  return 4;
}

/**
 * Ready as upstream computes it from `conditions`, or undefined when none of the owned conditions is
 * present. A bi-polar SourceVerified=False forces Ready=False whatever else is true.
 */
export function summarizeReady(conditions: readonly Condition[], order: readonly string[] = gitRepositoryReadyOrder): ConditionInput | undefined {
  const owned = order.map((type) => conditions.find((c) => c.type === type)).filter((c): c is Condition => c !== undefined);
  const verified = owned.find((c) => c.type === ConditionType.SourceVerified);
  if (verified?.status === 'False') return { type: ConditionType.Ready, status: 'False', reason: verified.reason, message: verified.message };
  let best: Condition | undefined;
  for (const c of owned) {
    if (!best || rank(c) < rank(best)) best = c;
  }
  if (!best) return undefined;
  const r = rank(best);
  const status = r === 4 ? 'Unknown' : r === 0 || r === 1 ? 'False' : 'True';
  return { type: ConditionType.Ready, status, reason: best.reason, message: best.message };
}
