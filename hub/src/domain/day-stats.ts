/** A day's figures for the monthly review (seed 000, 001). Pure. */

export interface TicketFacts {
  service: string;
  issuedAt: number;
  firstCalledAt: number | null;
  status: string;
}

export interface ServiceWaitStats {
  issued: number;
  called: number;
  /** Seconds from ticket to first call. */
  p50WaitSeconds: number | null;
  p90WaitSeconds: number | null;
}

export interface DayStats {
  issued: number;
  called: number;
  noShows: number;
  /** Share of called tickets first called within the greeting limit (一分钟接待率), 0–1. */
  greetingRate: number | null;
  greetingLimitSeconds: number;
  byService: Record<string, ServiceWaitStats>;
  /** Tickets issued per local hour, `HH` → count. */
  arrivalsByHour: Record<string, number>;
  alerts: Record<string, number>;
  /** Tickets each advisor called, by name. */
  ticketsPerAdvisor: Record<string, number>;
  /** 准时交车率: vehicles delivered by their promised time. */
  onTimeDelivery: { delivered: number; onTime: number; rate: number | null };
  /** Average scores (1–5) of the on-site surveys, null when none. */
  satisfaction: { responses: number; overall: number; advisor: number; speed: number; lounge: number } | null;
}

/** Nearest-rank percentile of sorted numbers. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function dayStats(input: {
  tickets: readonly (TicketFacts & { advisor?: string | null })[];
  deliveries?: readonly { deliveredAt: number; promisedAt: number }[];
  satisfaction?: DayStats['satisfaction'];
  greetingLimitSeconds: number;
  alerts: Record<string, number>;
  localHour: (at: number) => string;
}): DayStats {
  const waits = (list: readonly TicketFacts[]): number[] =>
    list
      .filter((t) => t.firstCalledAt !== null)
      .map((t) => (t.firstCalledAt! - t.issuedAt) / 1000)
      .sort((a, b) => a - b);
  const byService: Record<string, ServiceWaitStats> = {};
  for (const service of new Set(input.tickets.map((t) => t.service))) {
    const list = input.tickets.filter((t) => t.service === service);
    const w = waits(list);
    byService[service] = { issued: list.length, called: w.length, p50WaitSeconds: percentile(w, 50), p90WaitSeconds: percentile(w, 90) };
  }
  const all = waits(input.tickets);
  const arrivalsByHour: Record<string, number> = {};
  for (const t of input.tickets) {
    const hour = input.localHour(t.issuedAt);
    arrivalsByHour[hour] = (arrivalsByHour[hour] ?? 0) + 1;
  }
  const ticketsPerAdvisor: Record<string, number> = {};
  for (const t of input.tickets) if (t.advisor && t.firstCalledAt !== null) ticketsPerAdvisor[t.advisor] = (ticketsPerAdvisor[t.advisor] ?? 0) + 1;
  const deliveries = input.deliveries ?? [];
  const onTime = deliveries.filter((d) => d.deliveredAt <= d.promisedAt).length;
  return {
    satisfaction: input.satisfaction ?? null,
    ticketsPerAdvisor,
    onTimeDelivery: { delivered: deliveries.length, onTime, rate: deliveries.length ? onTime / deliveries.length : null },
    issued: input.tickets.length,
    called: all.length,
    noShows: input.tickets.filter((t) => t.status === 'no_show').length,
    greetingRate: all.length ? all.filter((s) => s <= input.greetingLimitSeconds).length / all.length : null,
    greetingLimitSeconds: input.greetingLimitSeconds,
    byService,
    arrivalsByHour,
    alerts: input.alerts,
  };
}
