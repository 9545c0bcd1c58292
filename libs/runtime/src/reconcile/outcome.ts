// What a reconciler tells the runtime, mirroring upstream's three error classes (source-controller.md §5.3):
// a transient error is thrown and retried with backoff; "waiting" requeues after a delay; "stalled"
// stops until the spec changes.

export type ReconcileResult =
  | { outcome: 'success'; requeueAfterMs?: number }
  | { outcome: 'waiting'; requeueAfterMs: number; reason: string; message: string }
  | { outcome: 'stalled'; reason: string; message: string };

/** A transient failure with a condition reason from the catalogue (e.g. GitOperationFailed). */
export class ReconcileError extends Error {
  readonly reason: string;
  constructor(reason: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReconcileError';
    this.reason = reason;
  }
}

export const success = (requeueAfterMs?: number): ReconcileResult =>
  requeueAfterMs === undefined ? { outcome: 'success' } : { outcome: 'success', requeueAfterMs };
export const waiting = (reason: string, message: string, requeueAfterMs: number): ReconcileResult => ({ outcome: 'waiting', reason, message, requeueAfterMs });
export const stalled = (reason: string, message: string): ReconcileResult => ({ outcome: 'stalled', reason, message });
