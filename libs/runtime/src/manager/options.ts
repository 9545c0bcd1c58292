// The settings a Manager adds to the shared runtime flags, and the names it derives from them.
import type { ClusterAccess } from '../kube/config.ts';
import type { FlagSpec } from '../flags.ts';

/** Conflux's own flags, beside upstream's. Durations are in milliseconds. */
export interface ManagerFlags {
  /** --nats-url / NATS_URL: the NATS server(s), comma-separated; empty runs without NATS. */
  natsUrl: string;
  /** --kubeconfig / KUBECONFIG: empty falls back to in-cluster credentials, then ~/.kube/config. */
  kubeconfig: string;
  /** --graceful-shutdown-timeout: how long in-flight reconciles may run on after SIGTERM. */
  gracefulShutdownTimeoutMs: number;
}

export const managerFlagSpecs: { readonly [K in keyof ManagerFlags]: FlagSpec } = {
  natsUrl: {
    flag: 'nats-url',
    type: 'string',
    default: '',
    env: 'NATS_URL',
    usage: 'The NATS server URL(s), comma-separated, for readiness events; empty disables NATS.',
  },
  kubeconfig: {
    flag: 'kubeconfig',
    type: 'string',
    default: '',
    env: 'KUBECONFIG',
    usage: 'Path to a kubeconfig; empty uses in-cluster credentials, then ~/.kube/config.',
  },
  gracefulShutdownTimeoutMs: {
    flag: 'graceful-shutdown-timeout',
    type: 'duration',
    default: 30_000,
    min: 0,
    usage: 'How long in-flight reconciles may finish after a shutdown signal.',
  },
};

/** The manager's flag specs with an app's own defaults laid over them. */
export function managerSpecsWith(defaults: Partial<ManagerFlags>): Record<string, FlagSpec> {
  const specs: Record<string, FlagSpec> = {};
  for (const [key, spec] of Object.entries(managerFlagSpecs)) {
    const override = (defaults as Record<string, unknown>)[key];
    specs[key] = override === undefined ? spec : ({ ...spec, default: override } as FlagSpec);
  }
  return specs;
}

/** The namespace the controller runs in: $RUNTIME_NAMESPACE, else the kubeconfig's or the pod's namespace. */
export function runtimeNamespace(env: NodeJS.ProcessEnv, access: Pick<ClusterAccess, 'namespace'>): string {
  return env['RUNTIME_NAMESPACE'] || access.namespace || 'default';
}

/** The first kubeconfig of a KUBECONFIG-style list ("a:b"), or undefined for an empty value. */
export function firstKubeconfig(value: string): string | undefined {
  return value.split(':').find((p) => p.length > 0);
}

/** The NATS server list of --nats-url; an empty list means NATS is off. */
export function natsServers(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The Lease the replicas of one controller compete for, e.g. `source-controller-leader-election`. Each
 * shard (--watch-label-selector) elects its own leader, so the selector's FNV-1a hash is appended, as
 * upstream does.
 */
export function leaderElectionID(name: string, labelSelector: string): string {
  const id = `${name}-leader-election`;
  return labelSelector ? `${id}-${fnv32a(labelSelector).toString(16)}` : id;
}

function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
