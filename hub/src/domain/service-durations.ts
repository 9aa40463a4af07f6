/**
 * How long a service takes at the counter, learned from the store's own history. Pure.
 *
 * Each service gets a log-normal model (median and log-spread) from its finished tickets,
 * weighted towards recent days and towards the same time of day; implausible times (a forgotten
 * "finish" tap, a mis-click) and robust outliers are left out. With little history the model
 * leans on the configured default, so a new store starts honest and learns. A manager's override
 * replaces the learned median. Advisors whose history shows a steady pace get a pace factor.
 */

export interface DurationSample {
  service: string;
  /** The advisor who served it, when known. */
  staffId: number | null;
  /** Called → finished, in seconds. */
  seconds: number;
  /** When it finished, epoch milliseconds. */
  finishedAt: number;
  /** Local minutes since midnight when it was called. */
  minuteOfDay: number;
}

/** Log-normal duration: `median` seconds, `sigma` the standard deviation of its logarithm. */
export interface DurationModel {
  median: number;
  sigma: number;
  /** Effective number of samples behind it (after weighting). */
  weight: number;
  source: 'history' | 'default' | 'override';
}

export interface LearnedDurations {
  services: Record<string, DurationModel>;
  /** Multiplier of an advisor's service times (1 = the store's usual pace). */
  pace: Record<number, number>;
}

/** Shorter than this is a mis-click or an implicit finish, longer a ticket left open: not a service time. */
export const PLAUSIBLE_SECONDS = { min: 30, max: 4 * 3600 };

export interface LearnOptions {
  services: readonly string[];
  now: number;
  /** Local minutes since midnight now: samples near this time of day weigh more. */
  minuteOfDay: number;
  defaultSeconds: number;
  /** Manager overrides, in minutes, per service. */
  overrides?: Readonly<Record<string, number>>;
  halfLifeDays?: number;
  /** Gaussian width of the time-of-day weighting, in minutes. */
  timeOfDayMinutes?: number;
}

/** Log-spread assumed before there is history: service times vary roughly ±50 %. */
export const PRIOR_SIGMA = 0.55;
/** Pseudo-samples of the prior: how much history it takes to trust history. */
const PRIOR_WEIGHT = 1;
const DAY_MS = 86_400_000;

export function learnDurations(samples: readonly DurationSample[], options: LearnOptions): LearnedDurations {
  const halfLife = options.halfLifeDays ?? 7;
  const width = options.timeOfDayMinutes ?? 120;
  const weighted = samples
    .filter((s) => s.seconds >= PLAUSIBLE_SECONDS.min && s.seconds <= PLAUSIBLE_SECONDS.max)
    .map((s) => {
      const ageDays = Math.max(0, options.now - s.finishedAt) / DAY_MS;
      const gap = Math.abs(s.minuteOfDay - options.minuteOfDay);
      const clock = Math.min(gap, 1440 - gap);
      // Recency halves weekly; the time of day never removes a sample entirely (floor 0.2).
      const weight = Math.pow(0.5, ageDays / halfLife) * (0.2 + 0.8 * Math.exp(-(clock * clock) / (2 * width * width)));
      return { ...s, log: Math.log(s.seconds), weight };
    });

  const services: Record<string, DurationModel> = {};
  const kept: (typeof weighted)[number][] = [];
  const priorLog = Math.log(options.defaultSeconds);
  for (const service of options.services) {
    const own = weighted.filter((s) => s.service === service);
    const fit = robustFit(own);
    kept.push(...fit.kept);
    const n = fit.weight;
    const center = (n * fit.center + PRIOR_WEIGHT * priorLog) / (n + PRIOR_WEIGHT);
    const sigma = Math.sqrt((n * fit.spread * fit.spread + PRIOR_WEIGHT * PRIOR_SIGMA * PRIOR_SIGMA) / (n + PRIOR_WEIGHT));
    const override = options.overrides?.[service];
    services[service] =
      override !== undefined
        ? { median: override * 60, sigma, weight: n, source: 'override' }
        : { median: Math.exp(center), sigma, weight: n, source: n > 0 ? 'history' : 'default' };
  }

  // Pace: an advisor's typical (log) deviation from each service's median, shrunk towards 1.
  const pace: Record<number, number> = {};
  const byStaff = new Map<number, { residual: number; weight: number }[]>();
  for (const s of kept) {
    if (s.staffId === null) continue;
    const model = services[s.service];
    if (!model || model.source === 'override') continue;
    const list = byStaff.get(s.staffId) ?? [];
    list.push({ residual: s.log - Math.log(model.median), weight: s.weight });
    byStaff.set(s.staffId, list);
  }
  for (const [staffId, list] of byStaff) {
    const n = list.reduce((sum, r) => sum + r.weight, 0);
    if (list.length < 5) continue;
    const median = weightedQuantile(
      list.map((r) => ({ value: r.residual, weight: r.weight })),
      0.5,
    );
    pace[staffId] = Math.exp((n * median) / (n + 5));
  }
  return { services, pace };
}

/**
 * Centre and spread of the logs: outliers beyond 3 robust deviations (median and MAD) are
 * dropped, then the weighted mean and standard deviation of the rest (for log-normal times the
 * efficient estimates, so a few samples already say much).
 */
function robustFit<P extends { log: number; weight: number }>(
  points: readonly P[],
): {
  center: number;
  spread: number;
  weight: number;
  kept: P[];
} {
  if (points.length === 0) return { center: 0, spread: PRIOR_SIGMA, weight: 0, kept: [] };
  const median = weightedQuantile(
    points.map((p) => ({ value: p.log, weight: p.weight })),
    0.5,
  );
  const mad = Math.max(
    0.1,
    1.4826 *
      weightedQuantile(
        points.map((p) => ({ value: Math.abs(p.log - median), weight: p.weight })),
        0.5,
      ),
  );
  const kept = points.filter((p) => Math.abs(p.log - median) <= 3 * mad);
  const weight = kept.reduce((sum, p) => sum + p.weight, 0);
  const center = kept.reduce((sum, p) => sum + p.weight * p.log, 0) / weight;
  const variance = kept.reduce((sum, p) => sum + p.weight * (p.log - center) ** 2, 0) / weight;
  return { center, spread: Math.max(0.1, Math.sqrt(variance)), weight, kept };
}

/** The value below which a share `q` of the total weight lies. */
export function weightedQuantile(points: readonly { value: number; weight: number }[], q: number): number {
  const sorted = [...points].sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, p) => sum + p.weight, 0);
  let seen = 0;
  for (const p of sorted) {
    seen += p.weight;
    if (seen >= q * total) return p.value;
  }
  return sorted[sorted.length - 1]?.value ?? 0;
}

/**
 * Arrivals per minute of tickets that may overtake a waiting walk-in (complaints, appointment
 * check-ins), per service and class, around this time of day on previous days.
 */
export interface ArrivalSample {
  service: string;
  ticketClass: 'priority' | 'appointment' | 'walkin';
  /** Local minutes since midnight when issued. */
  minuteOfDay: number;
}

export function overtakingRates(
  history: readonly ArrivalSample[],
  options: { days: number; minuteOfDay: number; windowMinutes?: number },
): { service: string; ticketClass: 'priority' | 'appointment'; perMinute: number }[] {
  const window = options.windowMinutes ?? 60;
  if (options.days <= 0) return [];
  const counts = new Map<string, number>();
  for (const a of history) {
    if (a.ticketClass === 'walkin' || Math.abs(a.minuteOfDay - options.minuteOfDay) > window) continue;
    const key = `${a.ticketClass}\u0000${a.service}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => {
    const [ticketClass, service] = key.split('\u0000') as ['priority' | 'appointment', string];
    return { service, ticketClass, perMinute: count / (options.days * 2 * window) };
  });
}

/** A counter's state change, as recorded (audit log). */
export interface CounterChange {
  counterId: string;
  state: 'open' | 'paused' | 'closed';
  reason: string | null;
  /** Epoch milliseconds. */
  at: number;
}

/**
 * Usual length of a pause per reason (seconds): the median of past pauses that lasted between
 * a minute and three hours, once there are three of a reason; otherwise the default.
 */
export function usualPauses(changes: readonly CounterChange[], defaults: Readonly<Record<string, number>>): Record<string, number> {
  const lengths = new Map<string, number[]>();
  const byCounter = new Map<string, CounterChange[]>();
  for (const c of changes) byCounter.set(c.counterId, [...(byCounter.get(c.counterId) ?? []), c]);
  for (const list of byCounter.values()) {
    list.sort((a, b) => a.at - b.at);
    for (let i = 0; i + 1 < list.length; i++) {
      const start = list[i]!;
      if (start.state !== 'paused') continue;
      const seconds = (list[i + 1]!.at - start.at) / 1000;
      if (seconds < 60 || seconds > 3 * 3600) continue;
      const reason = start.reason ?? 'other';
      lengths.set(reason, [...(lengths.get(reason) ?? []), seconds]);
    }
  }
  const result: Record<string, number> = { ...defaults };
  for (const [reason, list] of lengths) {
    if (list.length < 3) continue;
    list.sort((a, b) => a - b);
    result[reason] = list[Math.floor(list.length / 2)]!;
  }
  return result;
}
