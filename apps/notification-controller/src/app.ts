// notification-controller as a value: the Manager, the Alert and Provider watch caches, the dispatcher, the
// event server on --events-addr, the JetStream consumer and the webhook receivers, wired together.
// main.ts runs it as a process; tests run it in-process.
import { apiResources } from '@conflux/api';
import { type EventConsumer, eventPublisher, type EventPublisher, EventOutcome, type NotificationEvent } from '@conflux/bus';
import { createManager, EventRecorder, type Manager, type ManagerOptions, WatchCache } from '@conflux/runtime';
import { alertEventSink } from './dispatch/alert-events.ts';
import { type DeliveryOutcome, Dispatcher } from './dispatch/dispatcher.ts';
import { startEventConsumer } from './dispatch/consumer.ts';
import { objectLabels } from './dispatch/labels.ts';
import { cleanupMetadata } from './event/metadata.ts';
import { RateLimiter } from './event/rate-limiter.ts';
import { type EventServer, IntakeOutcome, startEventServer } from './event/server.ts';
import { notificationFlagSpecs, takeEventsAddr } from './flags.ts';
import { httpMetrics } from './metrics.ts';
import { defaultRetryPolicy, type RetryPolicy } from './provider/http.ts';
import { resolveProvider } from './provider/settings.ts';
import { type Receivers, registerReceivers } from './receiver/index.ts';
import { wireStaticObjects } from './static-objects.ts';
import type { AlertObject, ProviderObject } from './objects.ts';

export const controllerName = 'notification-controller';

export interface NotificationControllerOptions {
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Default true; in-process tests turn it off. */
  handleSignals?: boolean;
  logDestination?: ManagerOptions<Record<never, never>>['logDestination'];
  /** How providers are retried; upstream's 4 retries from 2 s when absent. Tests shorten the waits. */
  retry?: RetryPolicy;
  /** The JetStream durable consumer's name; derived from --watch-label-selector when absent. */
  consumerName?: string;
  /** Called after each delivery attempt to an Alert's Provider ends. */
  onDelivery?: (outcome: DeliveryOutcome, alert: AlertObject) => void;
}

export interface NotificationController {
  manager: Manager;
  dispatcher: Dispatcher;
  alerts: WatchCache<AlertObject>;
  providers: WatchCache<ProviderObject>;
  /** The event server, once started. */
  readonly eventServer: EventServer | undefined;
  /** The webhook receivers, once started. */
  readonly receivers: Receivers | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function createNotificationController(options: NotificationControllerOptions = {}): Promise<NotificationController> {
  const { eventsAddr, argv, env } = takeEventsAddr(options.argv ?? process.argv.slice(2), options.env ?? process.env);
  const manager = await createManager({
    name: controllerName,
    argv,
    env,
    extraFlags: notificationFlagSpecs,
    ...(options.handleSignals === undefined ? {} : { handleSignals: options.handleSignals }),
    ...(options.logDestination ? { logDestination: options.logDestination } : {}),
  });
  const { flags, client, log } = manager;
  const scope = { ...(flags.watchAllNamespaces ? {} : { namespace: manager.namespace }), ...(flags.watchLabelSelector ? { labelSelector: flags.watchLabelSelector } : {}) };
  const onError = (kind: string) => (error: unknown) => log.warn({ controllerKind: kind, error }, 'watch failed; retrying');
  const alerts = new WatchCache<AlertObject>(client, apiResources.Alert, { ...scope, onError: onError('Alert') });
  const providers = new WatchCache<ProviderObject>(client, apiResources.Provider, { ...scope, onError: onError('Provider') });
  // Its own recorder: upstream records Alert events in Kubernetes only, never forwarding them to itself.
  const recorder = new EventRecorder({ client, controller: controllerName });
  const events = alertEventSink(recorder, log);

  const dispatcher = new Dispatcher({
    alerts: () => alerts.list(),
    provider: async (namespace, name) => providers.get(`${namespace}/${name}`) ?? (await client.get<ProviderObject>(apiResources.Provider, namespace, name).catch(() => undefined)),
    resolve: (provider, event) => resolveProvider(client, provider, event),
    labelsOf: (object) => objectLabels(client, object),
    events,
    log: log.child({ component: 'dispatcher' }),
    noCrossNamespaceRefs: flags.noCrossNamespaceRefs,
    retry: options.retry ?? defaultRetryPolicy,
    ...(options.onDelivery ? { onDelivery: options.onDelivery } : {}),
  });

  const limiter = new RateLimiter(flags.rateLimitInterval);
  // Upstream registers the event server's handler as "/", so without --export-http-path-metrics every path is "/".
  const eventMetrics = httpMetrics(manager.metrics.registry, { prefix: 'gotk_event', handlerID: '/', exportPaths: flags.exportHttpPathMetrics });
  const inflight = new Set<Promise<void>>();
  const dispatchInBackground = (event: NotificationEvent) => {
    const work = dispatcher.handle(event).finally(() => inflight.delete(work));
    inflight.add(work);
  };
  let publisher: EventPublisher | undefined;
  let consumer: EventConsumer | undefined;
  let eventServer: EventServer | undefined;
  let receivers: Receivers | undefined;
  const caches = new AbortController();
  const stopStatic = wireStaticObjects({ manager, alerts, providers, recorder });

  // With NATS, an event taken in over HTTP goes through the stream like every other: its Nats-Msg-Id is the
  // rate-limit key, so the stream's duplicate window dedups it across replicas, and the durable consumer
  // delivers it once, to one replica. Without NATS, or when the stream cannot take it, it is sent from here.
  const intake = async (event: NotificationEvent, key: string) => {
    if (publisher && manager.bus?.connected) {
      const published = await publisher.publish(event, { msgId: key });
      if (published.outcome === EventOutcome.Duplicate) return IntakeOutcome.Duplicate;
      if (published.outcome === EventOutcome.Stored) return IntakeOutcome.Accepted;
    }
    dispatchInBackground(event);
    return IntakeOutcome.Accepted;
  };

  return {
    manager: manager as unknown as Manager,
    dispatcher,
    alerts,
    providers,
    get eventServer() {
      return eventServer;
    },
    get receivers() {
      return receivers;
    },
    async start() {
      void alerts.run(caches.signal);
      void providers.run(caches.signal);
      receivers = await registerReceivers(manager, {
        addr: flags.receiverAddr,
        noCrossNamespaceRefs: flags.noCrossNamespaceRefs,
        watchConfigsLabelSelector: flags.watchConfigsLabelSelector,
        logger: log.child({ component: 'receiver' }),
      });
      await manager.start();
      await Promise.all([alerts.synced, providers.synced]);
      const bus = manager.bus;
      if (bus) {
        publisher = eventPublisher(bus);
        consumer = startEventConsumer({
          bus,
          durable: options.consumerName,
          labelSelector: flags.watchLabelSelector,
          duplicateWindowMs: flags.rateLimitInterval,
          handle: (event) => dispatcher.handle(cleanupMetadata(event)),
          log,
        });
      }
      // On every replica, outside leader election, as upstream: producers reach any pod behind the Service.
      eventServer = await startEventServer({ addr: eventsAddr, limiter, intake, metrics: eventMetrics, log: log.child({ component: 'event-server' }) });
      log.info({ addr: eventsAddr, url: eventServer.url }, 'event server started');
    },
    async stop() {
      await eventServer?.close();
      await consumer?.stop();
      await Promise.allSettled([...inflight]);
      stopStatic();
      await receivers?.close();
      await manager.stop();
      caches.abort();
    },
  };
}
