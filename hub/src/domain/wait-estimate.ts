/**
 * Estimated wait from recent service durations and the counters open now. Pure.
 *
 * Expected service durations come from the most recent finished tickets of each service.
 */

export interface DurationSample {
  service: string;
  /** Called → finished, in seconds. */
  seconds: number;
}

/** Shorter than this is a mis-click or an implicit finish, longer a ticket left open: not a service time. */
export const PLAUSIBLE_SECONDS = { min: 30, max: 4 * 3600 };

/** Mean of the most recent plausible samples per service (newest last), or the default when none. */
export function expectedDurations(
  samples: readonly DurationSample[],
  services: readonly string[],
  defaultSeconds: number,
  window = 20,
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const service of services) {
    const recent = samples
      .filter((s) => s.service === service && s.seconds >= PLAUSIBLE_SECONDS.min && s.seconds <= PLAUSIBLE_SECONDS.max)
      .slice(-window);
    result[service] = recent.length ? recent.reduce((sum, s) => sum + s.seconds, 0) / recent.length : defaultSeconds;
  }
  return result;
}

export interface InProgress {
  counterId: string;
  service: string;
  /** Seconds since the call. */
  elapsedSeconds: number;
}

/**
 * Seconds until a ticket is likely called: each able counter is free after what is left of
 * its current service; the tickets ahead are handed, in order, to whichever counter frees up
 * first; this ticket is called when the first counter frees up after that.
 */
export function estimateWaitSeconds(input: {
  ahead: readonly { service: string }[];
  inProgress: readonly InProgress[];
  /** Open counters that can call this ticket. */
  ableCounters: readonly string[];
  expected: Record<string, number>;
  defaultSeconds: number;
}): number | null {
  if (input.ableCounters.length === 0) return null; // nobody can call it now: no honest estimate
  const freeAt = input.ableCounters.map((counterId) => {
    const busy = input.inProgress.find((p) => p.counterId === counterId);
    if (!busy) return 0;
    const expected = input.expected[busy.service] ?? input.defaultSeconds;
    // A service running over its expected time is assumed to need a little more, not nothing.
    return Math.max(expected - busy.elapsedSeconds, expected * 0.1);
  });
  for (const ticket of input.ahead) {
    const first = freeAt.indexOf(Math.min(...freeAt));
    freeAt[first]! += input.expected[ticket.service] ?? input.defaultSeconds;
  }
  return Math.min(...freeAt);
}
