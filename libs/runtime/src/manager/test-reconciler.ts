// The reconciler the manager's tests run, in-process and in child processes: it stamps who reconciled
// each Widget, so a test can tell which replica did the work.
import { type KubeObject, objectKey } from '../kube/object.ts';
import type { Reconciler } from '../reconcile/controller.ts';
import { ReconcileError, success } from '../reconcile/outcome.ts';
import { widgetGroup } from '@conflux/testing';
import { delay } from './wait.ts';

export type Widget = KubeObject & { spec?: { interval?: string; suspend?: boolean; fail?: boolean; size?: number } };

export const WidgetAnnotation = {
  /** Becomes status.lastAppliedRevision; `gen-<generation>` when absent. */
  Revision: `${widgetGroup}/revision`,
  /** The reconcile sleeps this long first, to keep it in flight. */
  SleepMs: `${widgetGroup}/sleep-ms`,
} as const;

export interface ReconcileProbe {
  started?(key: string): void;
  finished?(key: string): void;
}

export function widgetReconciler(identity: string, probe: ReconcileProbe = {}): Reconciler<Widget> {
  return {
    async reconcile(req) {
      const { metadata, spec } = req.object;
      const key = objectKey(req.object);
      probe.started?.(key);
      const sleepMs = Number(metadata.annotations?.[WidgetAnnotation.SleepMs] ?? 0);
      // Deliberately deaf to req.signal: the shutdown tests need a reconcile that only time ends.
      if (sleepMs > 0) await delay(sleepMs);
      if (spec?.fail) throw new ReconcileError('WidgetFailed', `widget ${key} was asked to fail`);
      req.status['reconciledBy'] = identity;
      req.status['lastAppliedRevision'] = metadata.annotations?.[WidgetAnnotation.Revision] ?? `gen-${metadata.generation}`;
      probe.finished?.(key);
      return success();
    },
  };
}
