// What happens to an event once it is in (reference §1.3 handleEvent, §2.3): the token is dropped, the
// Alerts are matched, and each matching Alert's Provider gets the event, each delivery on its own. A
// delivery that fails for good becomes a Warning event on the Alert; Alerts and Providers keep no status.
import { EventMetadataKey, eventMetadataPrefix, NotificationReason } from '@conflux/api';
import { commitStatusUpdateValue } from '@conflux/api';
import type { NotificationEvent } from '@conflux/bus';
import { loadCel } from '@conflux/cel';
import type { Logger } from '@conflux/runtime';
import { matchAlerts, type MatchDeps } from '../alert/match.ts';
import { combineEventMetadata, excludeInternalMetadata, involvedGroup } from '../event/metadata.ts';
import { evaluateCommitStatusExpr } from '../provider/commit-status-expr.ts';
import { type RetryPolicy, retryingSender } from '../provider/http.ts';
import { isChangeRequestType, isCommitStatusType, isGenericType, notifierFor, unsupportedTypes } from '../provider/registry.ts';
import { type ResolvedProvider } from '../provider/settings.ts';
import { NotificationError } from '../provider/types.ts';
import type { AlertObject, ProviderObject } from '../objects.ts';

export interface AlertEventSink {
  warning(alert: AlertObject, reason: string, message: string): void;
}

export interface DispatcherDeps {
  /** Every Alert this replica watches, from the watch cache. */
  alerts(): AlertObject[];
  /** The Provider `namespace/name`, from the watch cache or the API server; undefined when it does not exist. */
  provider(namespace: string, name: string): Promise<ProviderObject | undefined>;
  resolve(provider: ProviderObject, event: NotificationEvent): Promise<ResolvedProvider>;
  labelsOf: MatchDeps['labelsOf'];
  events: AlertEventSink;
  log: Pick<Logger, 'debug' | 'info' | 'error'>;
  noCrossNamespaceRefs: boolean;
  retry: RetryPolicy;
  /** Counts deliveries, for metrics and tests. */
  onDelivery?: (outcome: DeliveryOutcome, alert: AlertObject) => void;
}

export const DeliveryOutcome = { Sent: 'Sent', Skipped: 'Skipped', Failed: 'Failed' } as const;
export type DeliveryOutcome = (typeof DeliveryOutcome)[keyof typeof DeliveryOutcome];

/** Why an event is not sent to a Provider at all (reference §2.3 steps 3–5), or undefined to send it. */
export function skipReason(event: NotificationEvent, providerType: string): string | undefined {
  const md = event.metadata ?? {};
  const commitStatusUpdate = md[`${involvedGroup(event)}/${EventMetadataKey.commitStatus}`] === commitStatusUpdateValue;
  const commitStatus = isCommitStatusType(providerType);
  if (commitStatusUpdate && !commitStatus && !isGenericType(providerType)) return 'commit status updates go only to commit status and generic providers';
  if (commitStatus && !commitStatusUpdate && md[`${eventMetadataPrefix}${EventMetadataKey.commit}`] === undefined && event.severity !== 'error') {
    return 'event dropped for commit status providers due to missing commit metadata key';
  }
  if (isChangeRequestType(providerType) && md[`${eventMetadataPrefix}${EventMetadataKey.changeRequest}`] === undefined) {
    return 'event dropped for change request providers due to missing change_request metadata key';
  }
  return undefined;
}

export class Dispatcher {
  readonly #d: DispatcherDeps;

  constructor(deps: DispatcherDeps) {
    this.#d = deps;
  }

  /** Delivers a cleaned-up event to every matching Alert; resolves when every delivery has ended. Never rejects. */
  async handle(cleaned: NotificationEvent): Promise<void> {
    const event = excludeInternalMetadata(cleaned);
    const io = event.involvedObject;
    const alerts = await matchAlerts(this.#d.alerts(), event, {
      labelsOf: this.#d.labelsOf,
      report: (issue) => this.#d.events.warning(issue.alert, issue.reason, issue.message),
    });
    if (alerts.length === 0) {
      this.#d.log.debug({ kind: io.kind, namespace: io.namespace, name: io.name }, 'discarding event, no alerts found for the involved object');
      return;
    }
    await Promise.all(alerts.map((alert) => this.#deliver(alert, event)));
  }

  async #deliver(alert: AlertObject, event: NotificationEvent): Promise<void> {
    const { log, events } = this.#d;
    const alertKey = `${alert.metadata.namespace}/${alert.metadata.name}`;
    try {
      const sent = await this.#send(alert, event);
      this.#d.onDelivery?.(sent ? DeliveryOutcome.Sent : DeliveryOutcome.Skipped, alert);
      if (sent) log.debug({ alert: alertKey, reason: event.reason }, 'notification sent');
    } catch (error) {
      this.#d.onDelivery?.(DeliveryOutcome.Failed, alert);
      const message = error instanceof NotificationError ? error.message : `unexpected error: ${(error as Error).message}`;
      log.error({ alert: alertKey, error: message }, 'failed to send notification');
      events.warning(alert, NotificationReason.NotificationDispatchFailed, `failed to send notification for ${event.involvedObject.kind}/${event.involvedObject.name}.${event.involvedObject.namespace}: ${message}`);
    }
  }

  /** Resolves true when sent, false when deliberately skipped; throws a NotificationError on failure. */
  async #send(alert: AlertObject, event: NotificationEvent): Promise<boolean> {
    const d = this.#d;
    const namespace = alert.metadata.namespace as string;
    if (d.noCrossNamespaceRefs && event.involvedObject.namespace !== namespace) {
      throw new NotificationError(`cannot access object in namespace '${event.involvedObject.namespace}' from Alert in namespace '${namespace}': cross-namespace references are disabled (--no-cross-namespace-refs)`);
    }
    const providerName = alert.spec.providerRef.name;
    const provider = await d.provider(namespace, providerName);
    if (!provider) throw new NotificationError(`failed to read provider: Provider '${namespace}/${providerName}' not found`);
    if (provider.spec.suspend) return false;
    const type = provider.spec.type;
    const skip = skipReason(event, type);
    if (skip) {
      d.log.debug({ provider: `${namespace}/${providerName}`, type }, skip);
      return false;
    }
    const notifier = notifierFor(type);
    if (!notifier) {
      const known = unsupportedTypes.includes(type) ? 'is not supported by Conflux yet' : 'is unknown';
      throw new NotificationError(`Provider '${namespace}/${providerName}' has type '${type}', which ${known}; see the notification-controller README for the supported types`);
    }
    const combined = combineEventMetadata(event, { eventMetadata: alert.spec.eventMetadata, summary: alert.spec.summary });
    if (combined.conflicts.length > 0) {
      d.events.warning(alert, NotificationReason.MetadataAppendFailed, `metadata keys set more than once, the later source kept: ${combined.conflicts.join(', ')}`);
    }
    const resolved = await d.resolve(provider, combined.event);
    const expr = provider.spec.commitStatusExpr;
    if (expr && isCommitStatusType(type)) {
      await loadCel();
      resolved.settings.commitStatus = evaluateCommitStatusExpr(expr, combined.event, alert, provider);
    }
    const signal = AbortSignal.timeout(resolved.timeoutMs);
    const send = retryingSender({ signal, ...(resolved.tls ? { tls: resolved.tls } : {}), ...(resolved.proxy ? { proxy: resolved.proxy } : {}) }, d.retry, resolved.settings.token || undefined);
    await notifier(combined.event, resolved.settings, send, signal);
    return true;
  }
}
