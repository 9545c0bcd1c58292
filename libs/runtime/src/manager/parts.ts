// Everything a Manager is built from: the parsed flags, the logger, the API clients, metrics, health,
// tracing, the event recorder and, when --nats-url is set, the bus.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { BusConnection, ReadinessPublisher } from '@conflux/bus';
import type { DestinationStream } from 'pino';
import { EventRecorder } from '../events/recorder.ts';
import type { EventSink } from '../events/types.ts';
import { type FlagSpecs, type FlagValues, parseRuntimeFlags, type RuntimeFlags, runtimeFlagSpecs } from '../flags.ts';
import { throttleUnlessFlowControl } from '../kube/flow-control.ts';
import { controllerNodeFlags, hasControllerNodeFlags } from '../node-flags.ts';
import { KubeClient } from '../kube/client.ts';
import { loadClusterAccess } from '../kube/config.ts';
import { createHealthChecks, type HealthChecks } from '../observability/health-checks.ts';
import { createLogger, type Logger } from '../observability/logging.ts';
import { createMetrics, type RuntimeMetrics } from '../observability/metrics.ts';
import { setupTracing, type Tracing } from '../observability/tracing.ts';
import { busLog, eventLog } from './log-adapters.ts';
import { natsEventSink } from './nats-event-sink.ts';
import { firstKubeconfig, type ManagerFlags, managerSpecsWith, natsServers, runtimeNamespace } from './options.ts';

type BusLib = typeof import('@conflux/bus');

export interface ManagerOptions<E extends FlagSpecs> {
  /** The controller's name, e.g. "source-controller": field manager, event source, Lease and NATS client name. */
  name: string;
  /** Command-line flags; process.argv.slice(2) when absent. */
  argv?: readonly string[];
  /** Environment the flags fall back to; process.env when absent. */
  env?: NodeJS.ProcessEnv;
  /** Where this controller's defaults differ from upstream's shared ones (source-controller: concurrent 2). */
  defaults?: Partial<RuntimeFlags & ManagerFlags>;
  /** The app's own flags (e.g. --storage-path); their values appear on `manager.flags`. */
  extraFlags?: E;
  /** Unique per process; the hostname plus a random suffix when absent, as controller-runtime does. */
  identity?: string;
  /** Stop gracefully on SIGTERM/SIGINT, then exit; default true. Tests running managers in-process turn it off. */
  handleSignals?: boolean;
  /** How the process exits after a signal or a lost election; process.exit when absent. */
  exit?: (code: number) => void;
  /** Log destination; stderr when absent. */
  logDestination?: DestinationStream;
  /** How long start() waits for the caches' first list; controller-runtime's 2 minutes when absent. */
  cacheSyncTimeoutMs?: number;
}

export interface ManagerParts<F> {
  name: string;
  identity: string;
  flags: F;
  log: Logger;
  client: KubeClient;
  electionClient: KubeClient;
  namespace: string;
  metrics: RuntimeMetrics;
  health: HealthChecks;
  tracing: Tracing;
  recorder: EventRecorder;
  bus: { lib: BusLib; connection: BusConnection; publisher: ReadinessPublisher } | undefined;
  options: ManagerOptions<FlagSpecs>;
}

/** Parses the flags and builds what the manager shares between its controllers. */
export async function managerParts<E extends FlagSpecs>(options: ManagerOptions<E>): Promise<ManagerParts<RuntimeFlags & ManagerFlags & FlagValues<E>>> {
  const env = options.env ?? process.env;
  const flags = parseManagerFlags(options.argv ?? process.argv.slice(2), env, options.defaults ?? {}, options.extraFlags);
  const log = createLogger({ level: flags.logLevel, encoding: flags.logEncoding, ...(options.logDestination ? { destination: options.logDestination } : {}) });
  const access = loadClusterAccess({ ...optionalKubeconfig(flags.kubeconfig), env });
  const client = new KubeClient(access, { qps: flags.kubeApiQps, burst: flags.kubeApiBurst, userAgent: options.name });
  if (!hasControllerNodeFlags()) {
    log.info({ flags: controllerNodeFlags }, 'Node was started without the recommended V8 flags: expect a higher peak memory (set them on the command line or in NODE_OPTIONS)');
  }
  if (await throttleUnlessFlowControl(client)) {
    log.info({ server: access.server }, 'API server does priority and fairness: client-side throttling is off, --kube-api-qps and --kube-api-burst do not apply');
  }
  // The Lease is renewed through a client of its own: renewals queued behind a burst of reconcile
  // requests in the shared rate limiter would miss the renew deadline and cost the leadership.
  const electionClient = new KubeClient(access, { qps: 5, burst: 10, userAgent: `${options.name}/leader-election`, timeoutMs: flags.leaderElectionRenewDeadlineMs });
  const identity = options.identity ?? `${hostname()}_${randomUUID()}`;

  let bus: ManagerParts<unknown>['bus'];
  const sinks: EventSink[] = [];
  const servers = natsServers(flags.natsUrl);
  if (servers.length > 0) {
    // Loaded only when NATS is configured: the client library is a noticeable share of an idle controller's memory.
    const lib = await import('@conflux/bus');
    const connection = lib.connectBus({ servers, name: `${options.name}/${identity}`, log: busLog(log) });
    bus = { lib, connection, publisher: lib.readinessPublisher(connection) };
    sinks.push(natsEventSink(connection, lib));
  }
  const recorder = new EventRecorder({ client, controller: options.name, eventsAddr: flags.eventsAddr, sinks, log: eventLog(log) });

  return {
    name: options.name,
    identity,
    flags,
    log,
    client,
    electionClient,
    namespace: runtimeNamespace(env, access),
    metrics: createMetrics(),
    health: createHealthChecks(),
    tracing: await setupTracing({ serviceName: options.name, env }),
    recorder,
    bus,
    options: options as ManagerOptions<FlagSpecs>,
  };
}

function parseManagerFlags<E extends FlagSpecs>(argv: readonly string[], env: NodeJS.ProcessEnv, defaults: Partial<RuntimeFlags & ManagerFlags>, extra: E | undefined) {
  const runtimeDefaults: Partial<RuntimeFlags> = {};
  const managerDefaults: Partial<ManagerFlags> = {};
  for (const [key, value] of Object.entries(defaults)) {
    const into = (key in runtimeFlagSpecs ? runtimeDefaults : managerDefaults) as Record<string, unknown>;
    into[key] = value;
  }
  const specs = managerSpecsWith(managerDefaults);
  for (const [key, spec] of Object.entries(extra ?? {})) {
    if (key in specs) throw new Error(`extra flag --${spec.flag} reuses the key "${key}" of a manager flag`);
    specs[key] = spec;
  }
  return parseRuntimeFlags(argv, env, runtimeDefaults, specs) as unknown as RuntimeFlags & ManagerFlags & FlagValues<E>;
}

function optionalKubeconfig(value: string): { kubeconfig?: string } {
  const path = firstKubeconfig(value);
  return path === undefined ? {} : { kubeconfig: path };
}

