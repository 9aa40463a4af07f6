/** A day's figures for the monthly review (seed 000, 001). Pure. */

export interface TicketFacts {
  service: string;
  issuedAt: number;
  firstCalledAt: number | null;
  /** When it left the queue without a call (cancelled, expired), if it did. */
  finishedAt?: number | null;
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
  /** Finished at a counter after being served (status done). */
  served: number;
  noShows: number;
  /** Still open when the business day closed: never counted as served. */
  expired: number;
  /**
   * 一分钟接待率, 0–1: of the tickets the rule applies to — every ticket called, and every ticket
   * never called that waited past the limit (left, expired, or still waiting) — the share first
   * called within the limit. A customer who left within the limit without a call is not counted.
   */
  greetingRate: number | null;
  /** The tickets the greeting rate is taken over, and those greeted in time. */
  greeting: { counted: number; inTime: number };
  greetingLimitSeconds: number;
  /** Seconds from ticket to first call over all services (nearest-rank median and p90). */
  waitP50Seconds: number | null;
  waitP90Seconds: number | null;
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
  /** Epoch ms the figures are taken at: a ticket still waiting has waited until now. */
  now: number;
}): DayStats {
  const tickets = input.tickets.filter((t) => t.status !== 'void');
  const waits = (list: readonly TicketFacts[]): number[] =>
    list
      .filter((t) => t.firstCalledAt !== null)
      .map((t) => (t.firstCalledAt! - t.issuedAt) / 1000)
      .sort((a, b) => a - b);
  const byService: Record<string, ServiceWaitStats> = {};
  for (const service of new Set(tickets.map((t) => t.service))) {
    const list = tickets.filter((t) => t.service === service);
    const w = waits(list);
    byService[service] = { issued: list.length, called: w.length, p50WaitSeconds: percentile(w, 50), p90WaitSeconds: percentile(w, 90) };
  }
  const all = waits(tickets);
  const limitMs = input.greetingLimitSeconds * 1000;
  let counted = 0;
  let inTime = 0;
  for (const t of tickets) {
    if (t.firstCalledAt !== null) {
      counted++;
      if (t.firstCalledAt - t.issuedAt <= limitMs) inTime++;
    } else if ((t.finishedAt ?? input.now) - t.issuedAt > limitMs) {
      counted++;
    }
  }
  const arrivalsByHour: Record<string, number> = {};
  for (const t of tickets) {
    const hour = input.localHour(t.issuedAt);
    arrivalsByHour[hour] = (arrivalsByHour[hour] ?? 0) + 1;
  }
  const ticketsPerAdvisor: Record<string, number> = {};
  for (const t of tickets) if (t.advisor && t.firstCalledAt !== null) ticketsPerAdvisor[t.advisor] = (ticketsPerAdvisor[t.advisor] ?? 0) + 1;
  const deliveries = input.deliveries ?? [];
  const onTime = deliveries.filter((d) => d.deliveredAt <= d.promisedAt).length;
  return {
    satisfaction: input.satisfaction ?? null,
    ticketsPerAdvisor,
    onTimeDelivery: { delivered: deliveries.length, onTime, rate: deliveries.length ? onTime / deliveries.length : null },
    issued: tickets.length,
    called: all.length,
    served: tickets.filter((t) => t.status === 'done').length,
    noShows: tickets.filter((t) => t.status === 'no_show').length,
    expired: tickets.filter((t) => t.status === 'expired').length,
    greetingRate: counted ? inTime / counted : null,
    greeting: { counted, inTime },
    greetingLimitSeconds: input.greetingLimitSeconds,
    waitP50Seconds: percentile(all, 50),
    waitP90Seconds: percentile(all, 90),
    byService,
    arrivalsByHour,
    alerts: input.alerts,
  };
}
