// status.history as upstream keeps it (reference §1.3): one snapshot per distinct (digest, outcome),
// newest first, at most five. A repeat of the same outcome for the same manifests only bumps the count.
import type { HistorySnapshot } from '@conflux/api';
import { conditionTime, formatDuration } from '@conflux/runtime';

export const maxHistory = 5;

export interface Attempt {
  digest: string;
  status: string;
  durationMs: number;
  metadata: Record<string, string>;
  at: Date;
}

export function recordHistory(history: readonly HistorySnapshot[] | undefined, attempt: Attempt): HistorySnapshot[] {
  const at = conditionTime(attempt.at);
  // Go prints durations to the nanosecond; milliseconds are as precise as this process measures.
  const duration = formatDuration(Math.round(attempt.durationMs));
  const out = (history ?? []).map((h) => ({ ...h }));
  const same = out.find((h) => h.digest === attempt.digest && h.lastReconciledStatus === attempt.status);
  if (same) {
    same.lastReconciled = at;
    same.lastReconciledDuration = duration;
    same.totalReconciliations += 1;
    same.metadata = { ...attempt.metadata };
  } else {
    out.push({
      digest: attempt.digest,
      firstReconciled: at,
      lastReconciled: at,
      lastReconciledDuration: duration,
      lastReconciledStatus: attempt.status,
      totalReconciliations: 1,
      metadata: { ...attempt.metadata },
    });
  }
  // A stable sort keeps the snapshot just touched ahead of older ones reconciled in the same second.
  const touched = same ?? out[out.length - 1]!;
  return out
    .sort((a, b) => (a === touched ? -1 : b === touched ? 1 : b.lastReconciled.localeCompare(a.lastReconciled)))
    .slice(0, maxHistory);
}
