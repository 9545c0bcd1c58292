// After a webhook annotated its targets, tell their controllers over NATS so they enqueue at once
// instead of waiting for their watches (docs/adr/0003). Best-effort: the annotation already did the
// asking, so a request that cannot be sent is logged by the bus and never fails the call.
import { type BusConnection, type ReconcileRequestPublisher, reconcileRequestPublisher, requesterOf } from '@conflux/bus';
import { injectTraceContext, type Tracing } from '@conflux/runtime';
import type { ReceiverObject } from './reconciler.ts';
import type { TargetRef } from './targets.ts';

export interface ReconcileRequestSender {
  /** Publishes one request per target; returns how many NATS took. */
  send(receiver: ReceiverObject, targets: readonly TargetRef[], requestedAt: string): number;
}

export interface ReconcileRequestSenderOptions {
  bus: BusConnection;
  tracing?: Tracing;
  /** Subject root; `conflux.v1.reconcile` when absent. */
  root?: string;
}

export function reconcileRequestSender(options: ReconcileRequestSenderOptions): ReconcileRequestSender {
  const publisher: ReconcileRequestPublisher = reconcileRequestPublisher(options.bus, options.root ? { root: options.root } : {});
  return {
    send(receiver, targets, requestedAt) {
      if (targets.length === 0) return 0;
      const requestedBy = requesterOf({ kind: 'Receiver', namespace: receiver.metadata.namespace ?? '', name: receiver.metadata.name });
      // One span per webhook call: the reconciles it causes join this trace through the request headers.
      const span = options.tracing?.tracer.startSpan('receiver webhook', {
        attributes: { 'k8s.object.kind': 'Receiver', 'k8s.namespace.name': receiver.metadata.namespace ?? '', 'k8s.object.name': receiver.metadata.name },
      });
      const trace = span ? injectTraceContext(span) : undefined;
      const timestamp = new Date().toISOString();
      let sent = 0;
      try {
        for (const t of targets) {
          const request = { v: 1 as const, kind: t.kind, apiVersion: t.apiVersion, namespace: t.namespace, name: t.name, requestedAt, requestedBy, timestamp };
          if (publisher.publish(request, trace)) sent++;
        }
      } finally {
        span?.end();
      }
      return sent;
    },
  };
}
