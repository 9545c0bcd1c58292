import type { KubeObject } from '@conflux/runtime';

/** kstatus's statuses. NotFound and Unknown come from reading the object, never from computeStatus itself. */
export const HealthStatus = {
  InProgress: 'InProgress',
  Failed: 'Failed',
  Current: 'Current',
  Terminating: 'Terminating',
  NotFound: 'NotFound',
  Unknown: 'Unknown',
} as const;
export type HealthStatus = (typeof HealthStatus)[keyof typeof HealthStatus];

export interface HealthResult {
  status: HealthStatus;
  message: string;
}

/** A kind rule: a verdict, or undefined to fall through to the generic Ready-condition rule. */
export type KindRule = (o: KubeObject, now: number) => HealthResult | undefined;

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export const current = (message: string): HealthResult => ({ status: HealthStatus.Current, message });
export const inProgress = (message: string): HealthResult => ({ status: HealthStatus.InProgress, message });
export const failed = (message: string): HealthResult => ({ status: HealthStatus.Failed, message });

export function conditionsOf(o: KubeObject): Condition[] {
  const list = o.status?.['conditions'];
  return Array.isArray(list) ? (list.filter((c) => c && typeof c === 'object' && typeof c.type === 'string') as Condition[]) : [];
}

export function findCondition(o: KubeObject, type: string): Condition | undefined {
  return conditionsOf(o).find((c) => c.type === type);
}

/** An integer field of spec or status, or `fallback` when absent or not a number. */
export function intField(section: Record<string, unknown> | undefined, key: string, fallback: number): number {
  const v = section?.[key];
  return typeof v === 'number' && Number.isInteger(v) ? v : fallback;
}
