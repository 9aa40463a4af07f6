/**
 * Estimated wait from recent service durations and the counters open now. Pure.
 *
 * The work ahead of a ticket (the expected duration of each ticket before it, plus what is
 * left of each service in progress at a counter that could call it) is shared by the open
 * counters that can call it.
 */

export interface DurationSample {
  service: string;
  /** Called → finished, in seconds. */
  seconds: number;
}

/** Mean of the most recent samples per service (newest last), or the default when none. */
export function expectedDurations(
  samples: readonly DurationSample[],
  services: readonly string[],
  defaultSeconds: number,
  window = 20,
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const service of services) {
    const recent = samples.filter((s) => s.service === service).slice(-window);
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

/** Seconds until a ticket is likely called. */
export function estimateWaitSeconds(input: {
  ahead: readonly { service: string }[];
  inProgress: readonly InProgress[];
  /** Open counters that can call this ticket. */
  ableCounters: readonly string[];
  expected: Record<string, number>;
  defaultSeconds: number;
}): number | null {
  if (input.ableCounters.length === 0) return null; // nobody can call it now: no honest estimate
  const able = new Set(input.ableCounters);
  let work = 0;
  for (const t of input.ahead) work += input.expected[t.service] ?? input.defaultSeconds;
  for (const p of input.inProgress) {
    if (!able.has(p.counterId)) continue;
    const expected = input.expected[p.service] ?? input.defaultSeconds;
    // A service running over its expected time is assumed to need a little more, not nothing.
    work += Math.max(expected - p.elapsedSeconds, expected * 0.1);
  }
  return work / able.size;
}
