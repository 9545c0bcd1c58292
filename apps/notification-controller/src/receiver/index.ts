// Webhook receivers: the Receiver reconciler and the HTTP server on --receiverAddr that turns a verified
// webhook into reconcile requests (the requestedAt annotation, plus a NATS message to each target's
// controller when NATS is on). app.ts wires both in with registerReceivers().
import { apiResources } from '@conflux/api';
import { type Logger, type ManagedController, type Manager, type ManagerFlags, objectKey, parseDuration, parseListenAddress, type RuntimeFlags } from '@conflux/runtime';
import { RESTMapper } from '@conflux/ssa';
import { httpMetrics } from '../metrics.ts';
import { receiverReconciler, type ReceiverObject } from './reconciler.ts';
import { secretIndex, watchReceiverSecrets, webhookPathIndex } from './indexes.ts';
import { googleCertsURL, googleCertsURLEnv, jwksKeySource } from './jwks.ts';
import { oidcKeySources } from './oidc-discovery.ts';
import { reconcileRequestSender } from './reconcile-requests.ts';
import { type ReceiverServer, startReceiverServer } from './server.ts';
import { targetResolver } from './targets.ts';

export { webhookPath } from './webhook-path.ts';
export { type AuthenticationDeps, type AuthenticationInput, authenticateRequest } from './authenticate.ts';
export { type GcrSecret, validateGcr } from './gcr.ts';
export { evaluateValidations, validateGenericOidc } from './generic-oidc.ts';
export { bearerToken, type IdTokenExpectations, type IdTokenResult, verifyIdToken } from './id-token.ts';
export { type CompiledOidcProvider, compileOidcProviders, defaultOidcAudience, OidcExpressionError, oidcCelVariables, oidcSpecProblem } from './oidc-config.ts';
export { fetchJwksURI, type OidcKeySourceOptions, type OidcKeySources, oidcKeySources } from './oidc-discovery.ts';
export { googleCertsURL, googleCertsURLEnv, type JwksOptions, jwksKeySource, type KeySource } from './jwks.ts';
export { jwsAlgorithms, type ParsedJwt, parseJwt, verifyJwtSignature, verifyRs256 } from './jwt.ts';
export { type ReconcileRequestSender, reconcileRequestSender, type ReconcileRequestSenderOptions } from './reconcile-requests.ts';
export { receiverTypes, type ReceiverType, type ValidationInput, type ValidationResult, validateRequest, type WebhookRequest } from './validate.ts';
export { HmacAlgorithm, hmacHex, verifyHexSignature, verifyPrefixedSignature } from './signatures.ts';
export { requestedAtValue, type TargetRef, type TriggerReport } from './targets.ts';
export type { ReceiverObject } from './reconciler.ts';
export type { ReceiverServer } from './server.ts';

/** Upstream's request body cap for the receiver and event servers: 3 MiB, answered with 413. */
export const receiverBodyLimitBytes = 3 * 1024 * 1024;

/** The Secret label upstream watches (--watch-configs-label-selector) so a token rotation re-reconciles at once. */
export const defaultWatchConfigsLabelSelector = 'reconcile.fluxcd.io/watch=Enabled';

export interface ReceiverOptions {
  /** --receiverAddr, Go style (":9292", "127.0.0.1:0"); "0" or "" registers the reconciler but serves nothing. */
  addr: string;
  /** --no-cross-namespace-refs: a Receiver may only trigger objects in its own namespace. */
  noCrossNamespaceRefs?: boolean;
  /** --watch-configs-label-selector; empty turns the Secret watch off (upstream's DisableConfigWatchers). */
  watchConfigsLabelSelector?: string;
  /** Largest accepted body; receiverBodyLimitBytes when absent. */
  bodyLimitBytes?: number;
  /** Where the server logs; manager.log when absent. */
  logger?: Logger;
  /**
   * The JWKS URL gcr ID tokens are verified against: $CONFLUX_GOOGLE_CERTS_URL, else Google's
   * https://www.googleapis.com/oauth2/v3/certs when absent.
   */
  googleCertsURL?: string;
  /** --export-http-path-metrics for gotk_receiver_http_*; the manager's flag of that name when absent. */
  exportHttpPathMetrics?: boolean;
}

export interface Receivers {
  /** The Receiver controller: its watch cache (indexed by webhook path) and enqueue(). */
  controller: ManagedController<ReceiverObject>;
  /** The webhook server, undefined when addr is "0" or "". */
  server: ReceiverServer | undefined;
  /** Stops the server and the Secret watch; the manager stops the controller itself. */
  close(): Promise<void>;
}

/**
 * Adds the Receiver reconciler to `manager` and starts the webhook server on `options.addr`.
 *
 * Call it before `manager.start()` (the controller is registered synchronously, before the first await).
 * The server starts at once, on every replica as upstream does: it answers from the Receiver watch
 * cache, waiting for that cache's first list, and needs no leadership. `close()` stops the server and
 * the Secret watch; call it before `manager.stop()`, which closes the API client they use.
 */
export async function registerReceivers<F extends RuntimeFlags & ManagerFlags>(manager: Manager<F>, options: ReceiverOptions): Promise<Receivers> {
  const client = manager.client;
  const log = options.logger ?? manager.log.child({ component: 'receiver' });
  const controller: ManagedController<ReceiverObject> = manager.controller<ReceiverObject>({
    resource: apiResources.Receiver,
    reconciler: receiverReconciler({ client }),
    interval: (o) => parseInterval(o.spec.interval),
  });
  controller.cache.addIndex(webhookPathIndex, (o) => (o.status?.webhookPath ? [o.status.webhookPath] : []));
  controller.cache.addIndex(secretIndex, (o) => (o.spec.secretRef?.name ? [`${o.metadata.namespace}/${o.spec.secretRef.name}`] : []));

  const selector = options.watchConfigsLabelSelector ?? defaultWatchConfigsLabelSelector;
  const stopSecretWatch = selector
    ? watchReceiverSecrets(client, selector, manager.flags.watchAllNamespaces ? undefined : manager.namespace, (secretKey) => {
        for (const r of controller.cache.byIndex(secretIndex, secretKey)) controller.enqueue(objectKey(r));
      }, (error) => log.warn({ error }, 'Secret watch failed; retrying'))
    : () => undefined;

  const exportPaths = options.exportHttpPathMetrics ?? (manager.flags as Partial<Record<'exportHttpPathMetrics', boolean>>).exportHttpPathMetrics === true;
  // Upstream mounts the receiver on the mux pattern "/hook/", which go-http-metrics uses as the handler label.
  const metrics = parseListenAddress(options.addr) ? httpMetrics(manager.metrics.registry, { prefix: 'gotk_receiver', handlerID: '/hook/', exportPaths }) : undefined;

  let server: ReceiverServer | undefined;
  try {
    server = await startReceiverServer({
      addr: options.addr,
      bodyLimitBytes: options.bodyLimitBytes ?? receiverBodyLimitBytes,
      client,
      cache: controller.cache,
      resolver: targetResolver({ client, mapper: new RESTMapper(client), noCrossNamespaceRefs: options.noCrossNamespaceRefs ?? false, fieldManager: manager.name }),
      authentication: { googleKeys: jwksKeySource({ url: options.googleCertsURL || process.env[googleCertsURLEnv] || googleCertsURL }), oidcKeys: oidcKeySources() },
      // With NATS, each annotated target's controller also hears about it at once (docs/adr/0003).
      requests: manager.bus ? reconcileRequestSender({ bus: manager.bus, tracing: manager.tracing }) : undefined,
      log,
      metrics,
    });
  } catch (err) {
    stopSecretWatch();
    throw err;
  }
  if (server) log.info({ addr: options.addr, url: server.url }, 'webhook receiver server started');
  return {
    controller,
    server,
    async close() {
      stopSecretWatch();
      await server?.close();
    },
  };
}

function parseInterval(raw: string | undefined): number | undefined {
  try {
    return parseDuration(raw ?? '10m');
  } catch {
    return undefined;
  }
}
