// The reconciles in progress, by Kustomization, with the revision and generation they work on; their
// signal ends a health-check wait. Registered before the apply, not at the wait, so that a revision
// announced meanwhile still counts. When a source announces a new revision, or the Kustomization's spec
// changes, a wait for the old state is pointless: Conflux cancels it by default
// (upstream's CancelHealthCheckOnNewRevision gate, off there), so a pushed fix applies at once instead
// of after the timeout.

interface Running {
  revision: string;
  generation: number | undefined;
  abort: AbortController;
}

export class HealthWaits {
  readonly #running = new Map<string, Running>();

  /** Registers a wait for `key` at `revision`; call end() when it finishes, however it finishes. */
  begin(key: string, revision: string, generation: number | undefined): { signal: AbortSignal; end(): void } {
    const running: Running = { revision, generation, abort: new AbortController() };
    this.#running.set(key, running);
    return {
      signal: running.abort.signal,
      end: () => {
        if (this.#running.get(key) === running) this.#running.delete(key);
      },
    };
  }

  /**
   * Cancels the wait of `key` if it waits for another revision or generation than the given ones.
   * Returns whether a wait was canceled.
   */
  cancelStale(key: string, current: { revision?: string; generation?: number }): boolean {
    const running = this.#running.get(key);
    if (!running || running.abort.signal.aborted) return false;
    const newRevision = current.revision !== undefined && current.revision !== running.revision;
    const newGeneration = current.generation !== undefined && current.generation !== running.generation;
    if (!newRevision && !newGeneration) return false;
    const what = newRevision ? `new revision ${current.revision}` : `new generation ${current.generation}`;
    running.abort.abort(new Error(`${what} detected`));
    return true;
  }

  get size(): number {
    return this.#running.size;
  }
}
