import { KustomizeReason } from '@conflux/api';
import { KubeApiError } from '@conflux/runtime';
import type { ChangeSet } from './changeset.ts';
import type { ObjectRef } from './object-ref.ts';

/**
 * An apply that failed part-way. `changeSet` holds what was applied before the failure (upstream puts
 * that change log into the Kustomization's message), `ref` the object that failed when there is one.
 */
export class ApplyError extends Error {
  readonly reason: string = KustomizeReason.ReconciliationFailed;
  readonly ref: ObjectRef | undefined;
  readonly changeSet: ChangeSet;
  constructor(message: string, options: { ref?: ObjectRef; changeSet?: ChangeSet; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApplyError';
    this.ref = options.ref;
    this.changeSet = options.changeSet ?? { entries: [] };
  }
}

/** Prune could not delete some stale objects; `changeSet` has what it did, `failed` what it should retry. */
export class PruneError extends Error {
  readonly reason: string = KustomizeReason.PruneFailed;
  readonly changeSet: ChangeSet;
  readonly failed: ObjectRef[];
  constructor(message: string, changeSet: ChangeSet, failed: ObjectRef[]) {
    super(message);
    this.name = 'PruneError';
    this.changeSet = changeSet;
    this.failed = failed;
  }
}

export const HealthCheckOutcome = {
  /** The deadline passed with objects still not Current. */
  Timeout: 'Timeout',
  /** An object is Failed (fail-fast) or every object is settled and some failed. */
  Failed: 'Failed',
  /** The caller aborted the wait, for example because a new revision arrived. */
  Canceled: 'Canceled',
} as const;
export type HealthCheckOutcome = (typeof HealthCheckOutcome)[keyof typeof HealthCheckOutcome];

export interface UnhealthyObject {
  ref: ObjectRef;
  subject: string;
  status: string;
  message: string;
}

export class HealthCheckError extends Error {
  readonly reason: string;
  readonly outcome: HealthCheckOutcome;
  /** The objects that were not Current when the wait ended. */
  readonly objects: UnhealthyObject[];
  constructor(message: string, outcome: HealthCheckOutcome, objects: UnhealthyObject[]) {
    super(message);
    this.name = 'HealthCheckError';
    this.outcome = outcome;
    this.objects = objects;
    this.reason = outcome === HealthCheckOutcome.Canceled ? KustomizeReason.HealthCheckCanceled : KustomizeReason.HealthCheckFailed;
  }
}

const immutableMessage = /is\simmutable|immutable\sfield/;

/**
 * Whether a dry-run failure may be cured by recreating the object. Like upstream this is deliberately broad:
 * any conflict or invalid answer counts, and so does an "immutable" message from a webhook or a CEL rule.
 */
export function isImmutableError(err: unknown): boolean {
  if (err instanceof KubeApiError && (err.status === 409 || err.status === 422)) return true;
  return err instanceof Error && immutableMessage.test(err.message);
}

/** " (<Status reason>): <message>" for an API error, the message for anything else. */
export function describeError(err: unknown): string {
  if (err instanceof KubeApiError) return err.reason ? ` (${err.reason}): ${err.message}` : `: ${err.message}`;
  return `: ${err instanceof Error ? err.message : String(err)}`;
}
