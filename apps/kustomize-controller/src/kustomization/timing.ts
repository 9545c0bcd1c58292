// Upstream's duration rules for a Kustomization (reference §1.2): retryInterval falls back to interval,
// and the timeout is interval − 30s when unset, never under 30s even when set explicitly.
import type { KustomizationSpec } from '@conflux/api';
import { parseDuration } from '@conflux/runtime';

const minTimeoutMs = 30_000;

export function intervalMs(spec: Pick<KustomizationSpec, 'interval'>): number {
  return parseDuration(spec.interval);
}

export function retryIntervalMs(spec: Pick<KustomizationSpec, 'interval' | 'retryInterval'>): number {
  return spec.retryInterval ? parseDuration(spec.retryInterval) : intervalMs(spec);
}

export function timeoutMs(spec: Pick<KustomizationSpec, 'interval' | 'timeout'>): number {
  const wanted = spec.timeout ? parseDuration(spec.timeout) : intervalMs(spec) - minTimeoutMs;
  return Math.max(minTimeoutMs, wanted);
}
