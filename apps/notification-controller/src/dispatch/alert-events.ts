// Kubernetes events on Alerts: the only place upstream reports what went wrong with an Alert or its
// Provider, since v1beta3 keeps no status on either (reference §5.2).
import { type EventRecorder, EventType, type Logger } from '@conflux/runtime';
import type { AlertEventSink } from './dispatcher.ts';
import type { AlertObject } from '../objects.ts';

export function alertEventSink(recorder: EventRecorder, log: Pick<Logger, 'error'>): AlertEventSink {
  return {
    warning(alert: AlertObject, reason: string, message: string) {
      recorder.event(alert, EventType.Warning, reason, message).catch((error: unknown) => log.error({ error, reason }, 'recording an event on an Alert failed'));
    },
  };
}
