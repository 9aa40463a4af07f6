/** A day's figures for the monthly review (seed 000, 001). Pure. */
import type { DayStats, ServiceWaitStats } from '../../../shared/src/stats.ts';

export interface TicketFacts {
  service: string;
  issuedAt: number;
  firstCalledAt: number | null;
  /** When it left the queue without a call (cancelled, expired), if it did. */
  finishedAt?: number | null;
  status: string;
}

export type { DayStats, ServiceWaitStats } from '../../../shared/src/stats.ts';

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
