/**
 * Pushes leave in windows: a screen gets at most one frame per window, holding every change
 * since the last, however many changes a burst brings. What the hub pays for is frames per
 * socket (each is a system call), not events, so under 200 changes a second 500 screens cost
 * as much as under 40. A quiet hub still sends at once: the first change after a window has
 * passed goes on the next turn of the event loop (with whatever else that turn commits).
 */

/** The clock and timers a window runs on; tests pass their own. */
export interface WindowTimers {
  now(): number;
  /** Runs `run` after `ms` (0: on the next turn of the event loop, after pending I/O). */
  schedule(ms: number, run: () => void): () => void;
}

export const realTimers: WindowTimers = {
  now: () => performance.now(),
  schedule(ms, run) {
    if (ms <= 0) {
      const immediate = setImmediate(run);
      return () => clearImmediate(immediate);
    }
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

export interface PushWindow<T> {
  add(item: T): void;
  /** Sends what is held now (on close, so nothing acknowledged stays unsent). */
  flush(): void;
}

export function pushWindow<T>(windowMs: number, send: (batch: T[]) => void, timers: WindowTimers = realTimers): PushWindow<T> {
  let held: T[] = [];
  let lastSent = Number.NEGATIVE_INFINITY;
  let cancel: (() => void) | null = null;

  const flush = (): void => {
    cancel?.();
    cancel = null;
    if (held.length === 0) return;
    const batch = held;
    held = [];
    lastSent = timers.now();
    send(batch);
  };

  return {
    add(item) {
      held.push(item);
      if (cancel) return;
      cancel = timers.schedule(Math.max(0, lastSent + windowMs - timers.now()), flush);
    },
    flush,
  };
}
