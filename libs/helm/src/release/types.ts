// A Helm 3 release record (helm.sh/helm/v3 pkg/release), as stored in a `sh.helm.release.v1` Secret.
// Field names are camelCase here; json.ts maps them to helm's JSON names and omitempty rules.

import type { ChartMetadata } from '../chart/types.ts';
import type { GoMap } from '../template/values.ts';

export const ReleaseStatus = {
  unknown: 'unknown',
  deployed: 'deployed',
  uninstalled: 'uninstalled',
  superseded: 'superseded',
  failed: 'failed',
  uninstalling: 'uninstalling',
  pendingInstall: 'pending-install',
  pendingUpgrade: 'pending-upgrade',
  pendingRollback: 'pending-rollback',
} as const;
export type ReleaseStatus = (typeof ReleaseStatus)[keyof typeof ReleaseStatus];

export const HookPhase = {
  unknown: 'Unknown',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
} as const;
export type HookPhase = (typeof HookPhase)[keyof typeof HookPhase];

/**
 * A time as helm writes it: RFC 3339 with nanoseconds and trailing zeros trimmed, or '' for Go's zero
 * time. Kept as text so a decoded record re-encodes to the same instant, nanoseconds and offset included.
 */
export type HelmTime = string;

export interface ReleaseInfo {
  firstDeployed: HelmTime;
  lastDeployed: HelmTime;
  deleted: HelmTime;
  description: string;
  /** '' only for a record that never had one; helm omits it then. */
  status: ReleaseStatus | '';
  notes: string;
}

export interface ReleaseFile {
  name: string;
  /** null is Go's nil slice, written as JSON null. */
  data: Uint8Array | null;
}

export interface ChartLock {
  generated: string;
  digest: string;
  dependencies: ChartMetadata['dependencies'] | null;
}

/** chart.Chart as serialized: the root chart only (helm never stores subcharts). null fields are Go nils. */
export interface ReleaseChart {
  metadata: ChartMetadata | null;
  lock: ChartLock | null;
  templates: ReleaseFile[] | null;
  values: GoMap | null;
  schema: Uint8Array | null;
  files: ReleaseFile[] | null;
}

export interface HookExecution {
  startedAt: HelmTime;
  completedAt: HelmTime;
  phase: HookPhase | '';
}

export interface ReleaseHook {
  name: string;
  kind: string;
  path: string;
  manifest: string;
  events: string[];
  lastRun: HookExecution;
  weight: number;
  deletePolicies: string[];
  outputLogPolicies: string[];
}

export interface Release {
  name: string;
  info: ReleaseInfo | null;
  chart: ReleaseChart | null;
  /** Only the values the user supplied, never the chart's defaults. */
  config: GoMap;
  manifest: string;
  hooks: ReleaseHook[];
  version: number;
  namespace: string;
  /** Custom labels (`helm install --labels`): kept on the Secret only, never in the JSON. */
  labels: Record<string, string>;
}
