// Events from the JetStream stream (docs/adr/0003): a durable pull consumer shared by every replica of one
// shard, so a stored event is handled by one replica, acknowledged once every delivery for it has ended,
// and handed again to whoever runs next if the process dies before that.
import { type BusConnection, consumeEvents, type EventConsumer, type NotificationEvent } from '@conflux/bus';
import type { Logger } from '@conflux/runtime';

export interface EventConsumerSettings {
  bus: BusConnection;
  /** The durable name; derived from the shard when absent. */
  durable?: string | undefined;
  /** --watch-label-selector: each shard matches its own Alerts, so each reads every event on its own. */
  labelSelector: string;
  /** --rate-limit-interval, which is also the stream's duplicate window. */
  duplicateWindowMs: number;
  handle(event: NotificationEvent): Promise<void>;
  log: Pick<Logger, 'warn'>;
}

/** `notification-controller`, or `notification-controller-<fnv32a(selector)>` for a shard. */
export function durableName(labelSelector: string): string {
  if (!labelSelector) return 'notification-controller';
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(labelSelector)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `notification-controller-${hash.toString(16)}`;
}

export function startEventConsumer(s: EventConsumerSettings): EventConsumer {
  return consumeEvents(s.bus, ({ event }) => s.handle(event), {
    durable: s.durable ?? durableName(s.labelSelector),
    stream: { duplicateWindowMs: s.duplicateWindowMs },
    onSkip: (error, subject) => s.log.warn({ subject, error: error.message }, 'skipping a malformed event from the stream'),
  });
}
