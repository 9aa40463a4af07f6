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

/** What one frame to one socket costs the hub, in ms (bench/README.md: a `writev` and socket.io's bookkeeping). */
const FRAME_COST_MS = 0.02;
/** The longest window: from 500 sockets up a frame per socket per 20 ms is what the hub can give. */
const MAX_WINDOW_MS = 20;

/**
 * The window for this many open sockets: long enough that frames cost the hub at most half its
 * time (frames a second × sockets × the cost of one), never past 20 ms. A store's few screens and
 * phones (50 sockets: 2 ms) hear of each change at once; 500 screens share 50 frames a second.
 */
export function windowForAudience(sockets: number): number {
  return Math.min(MAX_WINDOW_MS, sockets * FRAME_COST_MS * 2);
}

/** `windowMs` may be a function: read at each change, so the window follows the audience. */
export function pushWindow<T>(windowMs: number | (() => number), send: (batch: T[]) => void, timers: WindowTimers = realTimers): PushWindow<T> {
  const currentWindow = typeof windowMs === 'function' ? windowMs : () => windowMs;
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
      cancel = timers.schedule(Math.max(0, lastSent + currentWindow() - timers.now()), flush);
    },
    flush,
  };
}
