// Forwards the events meant for people to the JetStream stream as well as to --events-addr, so that
// alerts survive a notification-controller restart (docs/adr/0003). Publishing never fails the caller.
import type { BusConnection, NotificationEvent } from '@conflux/bus';
import type { EventSink, ToolkitEvent } from '../events/types.ts';

type BusModule = typeof import('@conflux/bus');

export function natsEventSink(bus: BusConnection, lib: Pick<BusModule, 'eventPublisher'>): EventSink {
  const publisher = lib.eventPublisher(bus);
  return {
    async send(event: ToolkitEvent): Promise<void> {
      // The recorder forwards only events about namespaced objects, so the reference is complete.
      await publisher.publish(event as NotificationEvent);
    },
  };
}
