/** How often the server's retention sweeps run. */
export const HOURLY_MS = 60 * 60 * 1000;

/** A periodic job of a running server: `run` now (joins a run in progress), `stop` clears its timers and waits for a run in progress. */
export interface Sweep<T> {
  run(): Promise<T | null>;
  stop(): Promise<void>;
}

/**
 * Runs `task` once at start and then every `everyMs`, never two at once (a run that outlasts the
 * interval is joined, not overlapped), on timers that do not hold the process open. A failure goes
 * to `failed` and the next run tries again.
 */
export function startSweep<T>(task: () => Promise<T>, everyMs: number, failed: (err: unknown) => void): Sweep<T> {
  let running: Promise<T | null> | null = null;
  let stopped = false;
  const run = (): Promise<T | null> => {
    if (stopped) return Promise.resolve(null);
    running ??= task()
      .catch((err: unknown) => {
        failed(err);
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const first = setTimeout(() => void run(), 0);
  const timer = setInterval(() => void run(), everyMs);
  first.unref?.();
  timer.unref?.();
  return {
    run,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
