/** Resolves after `ms`, or at once when `signal` aborts; never rejects. The timer does not keep the process alive. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref();
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Whether `work` settled within `ms` (true) or the time ran out first (false). */
export async function settledWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  await Promise.race([work.then(() => (settled = true), () => (settled = true)), delay(ms)]);
  return settled;
}
