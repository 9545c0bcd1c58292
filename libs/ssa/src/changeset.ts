import { type ObjectRef, subjectOf } from './object-ref.ts';

export const ChangeAction = {
  Created: 'created',
  Configured: 'configured',
  Unchanged: 'unchanged',
  Deleted: 'deleted',
  Skipped: 'skipped',
} as const;
export type ChangeAction = (typeof ChangeAction)[keyof typeof ChangeAction];

export interface ChangeSetEntry {
  ref: ObjectRef;
  /** "Kind/ns/name" or "Kind/name". */
  subject: string;
  action: ChangeAction;
}

export interface ChangeSet {
  entries: ChangeSetEntry[];
}

export function changeSetEntry(ref: ObjectRef, action: ChangeAction): ChangeSetEntry {
  return { ref, subject: subjectOf(ref), action };
}

/**
 * One "<subject> <action>" line per entry, as upstream's apply and prune events read. Unchanged and
 * skipped entries are left out unless asked for, because the apply event only lists what changed.
 */
export function formatChangeSet(cs: ChangeSet, opts: { includeUnchanged?: boolean } = {}): string {
  return cs.entries
    .filter((e) => opts.includeUnchanged || (e.action !== ChangeAction.Unchanged && e.action !== ChangeAction.Skipped))
    .map((e) => `${e.subject} ${e.action}`)
    .join('\n');
}

/** The log form: {"Kind/ns/name": "action"}. */
export function changeSetLog(cs: ChangeSet): Record<string, ChangeAction> {
  return Object.fromEntries(cs.entries.map((e) => [e.subject, e.action]));
}

/** True when the change set holds anything that was written (created, configured or deleted). */
export function hasChanges(cs: ChangeSet): boolean {
  return cs.entries.some((e) => e.action === ChangeAction.Created || e.action === ChangeAction.Configured || e.action === ChangeAction.Deleted);
}

/** The objects to health-check after an apply: every entry except skipped (and deleted) ones, as upstream. */
export function appliedRefs(cs: ChangeSet): ObjectRef[] {
  return cs.entries.filter((e) => e.action !== ChangeAction.Skipped && e.action !== ChangeAction.Deleted).map((e) => e.ref);
}
