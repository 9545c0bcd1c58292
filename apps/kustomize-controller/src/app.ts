// kustomize-controller as a value: the Manager, the Kustomization controller and its triggers, wired
// together. main.ts runs it as a process; tests run it in-process.
import { apiResources } from '@conflux/api';
import { createManager, type ManagedController, type Manager, type ManagerOptions } from '@conflux/runtime';
import { LiveDigests, RESTMapper } from '@conflux/ssa';
import { parseFeatureGates } from './feature-gates.ts';
import { kustomizeFlagSpecs } from './flags.ts';
import { CompiledSpecs } from './kustomization/compiled.ts';
import type { KustomizationObject } from './kustomization/context.ts';
import { HealthWaits } from './kustomization/health-waits.ts';
import { kustomizationReconciler } from './kustomization/reconciler.ts';
import { wireTriggers } from './triggers.ts';

export interface KustomizeControllerOptions {
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Default true; in-process tests turn it off. */
  handleSignals?: boolean;
  logDestination?: ManagerOptions<Record<never, never>>['logDestination'];
}

export interface KustomizeController {
  manager: Manager;
  kustomizations: ManagedController<KustomizationObject>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function createKustomizeController(options: KustomizeControllerOptions = {}): Promise<KustomizeController> {
  const env = options.env ?? process.env;
  const manager = await createManager({
    name: 'kustomize-controller',
    argv: options.argv ?? process.argv.slice(2),
    env,
    extraFlags: kustomizeFlagSpecs,
    ...(options.handleSignals === undefined ? {} : { handleSignals: options.handleSignals }),
    ...(options.logDestination ? { logDestination: options.logDestination } : {}),
  });
  const flags = manager.flags;
  const healthWaits = new HealthWaits();
  const hostOverride = env['SOURCE_CONTROLLER_LOCALHOST'];
  const kustomizations = manager.controller<KustomizationObject>({
    resource: apiResources.Kustomization,
    reconciler: kustomizationReconciler({
      client: manager.client,
      requeueDependencyMs: flags.requeueDependencyMs,
      httpRetry: flags.httpRetry,
      defaultServiceAccount: flags.defaultServiceAccount,
      qps: flags.kubeApiQps,
      burst: flags.kubeApiBurst,
      noCrossNamespaceRefs: flags.noCrossNamespaceRefs,
      gates: parseFeatureGates(flags.featureGates),
      healthWaits,
      compiledSpecs: new CompiledSpecs(),
      mapper: new RESTMapper(manager.client),
      liveDigests: new LiveDigests(),
      ...(hostOverride ? { artifactHostOverride: hostOverride } : {}),
      ...(flags.sopsAgeSecret ? { sopsAgeSecret: { namespace: manager.namespace, name: flags.sopsAgeSecret } } : {}),
    }),
  });
  wireTriggers(manager as unknown as Manager, kustomizations, healthWaits, manager.log);
  return {
    manager: manager as unknown as Manager,
    kustomizations,
    start: () => manager.start(),
    stop: () => manager.stop(),
  };
}
