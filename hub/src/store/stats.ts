/**
 * The manager's figures over a range of business days, read with one bounded query per table
 * (tickets and surveys by business day, deliveries by time, alerts grouped in SQL) and grouped
 * per day in memory, so a month's statistic costs the same in a store's first week and its
 * fifth year.
 */
import { businessDay, localClock } from '../../../shared/src/time.ts';
import { dayStats, type DayStats } from '../domain/day-stats.ts';
import type { StoreContext } from './context.ts';

type TicketFact = Parameters<typeof dayStats>[0]['tickets'][number];
type Delivery = { deliveredAt: number; promisedAt: number };
interface SurveySums {
  n: number;
  overall: number;
  advisor: number;
  speed: number;
  lounge: number;
}

import type { RangeStats } from '../../../shared/src/stats.ts';

export type { RangeStats };

export type { DriveFigures, RangeWithDrive } from '../../../shared/src/stats.ts';

const DAY_MS = 86_400_000;

/** Every calendar day from `from` to `to`, inclusive (`YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += DAY_MS) days.push(new Date(d).toISOString().slice(0, 10));
  return days;
}

export class StatsStore {
  constructor(private readonly ctx: StoreContext) {}

  range(from: string, to: string): RangeStats {
    const { timeZone, openingTime } = this.ctx.config;
    const tickets = new Map<string, TicketFact[]>();
    const rows = this.ctx.db
      .prepare(
        `SELECT t.business_day, t.service, t.issued_at, t.first_called_at, t.finished_at, t.status, s.name AS advisor
         FROM tickets t LEFT JOIN staff s ON s.id = t.staff_id WHERE t.business_day BETWEEN ? AND ?`,
      )
      .all(from, to) as {
      business_day: string;
      service: string;
      issued_at: string;
      first_called_at: string | null;
      finished_at: string | null;
      status: string;
      advisor: string | null;
    }[];
    for (const r of rows) {
      const list = tickets.get(r.business_day) ?? [];
      list.push({
        service: r.service,
        issuedAt: Date.parse(r.issued_at),
        firstCalledAt: r.first_called_at ? Date.parse(r.first_called_at) : null,
        finishedAt: r.finished_at ? Date.parse(r.finished_at) : null,
        status: r.status,
        advisor: r.advisor,
      });
      tickets.set(r.business_day, list);
    }
    // A business day starts at opening time in the store's zone: a day either side covers every zone.
    const deliveries = new Map<string, Delivery[]>();
    const delivered = this.ctx.db
      .prepare('SELECT delivered_at, promised_at FROM jobs WHERE delivered_at >= ? AND delivered_at < ?')
      .all(new Date(Date.parse(`${from}T00:00:00Z`) - DAY_MS).toISOString(), new Date(Date.parse(`${to}T00:00:00Z`) + 2 * DAY_MS).toISOString()) as {
      delivered_at: string;
      promised_at: string;
    }[];
    for (const j of delivered) {
      const day = businessDay(new Date(j.delivered_at), timeZone, openingTime);
      if (day < from || day > to) continue;
      const list = deliveries.get(day) ?? [];
      list.push({ deliveredAt: Date.parse(j.delivered_at), promisedAt: Date.parse(j.promised_at) });
      deliveries.set(day, list);
    }
    const surveys = new Map<string, SurveySums>();
    for (const s of this.ctx.db
      .prepare(
        `SELECT business_day AS day, COUNT(*) AS n, SUM(overall) AS overall, SUM(advisor) AS advisor, SUM(speed) AS speed, SUM(lounge) AS lounge
         FROM surveys WHERE business_day BETWEEN ? AND ? GROUP BY business_day`,
      )
      .all(from, to) as (SurveySums & { day: string })[]) {
      surveys.set(s.day, s);
    }
    const alerts = new Map<string, Record<string, number>>();
    for (const a of this.ctx.db
      .prepare('SELECT business_day AS day, kind, COUNT(*) AS n FROM alerts WHERE business_day BETWEEN ? AND ? GROUP BY business_day, kind')
      .all(from, to) as { day: string; kind: string; n: number }[]) {
      alerts.set(a.day, { ...alerts.get(a.day), [a.kind]: a.n });
    }

    const figures = (t: TicketFact[], d: Delivery[], s: SurveySums | undefined, al: Record<string, number>): DayStats =>
      dayStats({
        tickets: t,
        deliveries: d,
        satisfaction: s && s.n ? { responses: s.n, overall: s.overall / s.n, advisor: s.advisor / s.n, speed: s.speed / s.n, lounge: s.lounge / s.n } : null,
        greetingLimitSeconds: this.ctx.config.alerts.greetingLimitSeconds,
        alerts: al,
        localHour: (at) => localClock(new Date(at), timeZone).slice(0, 2),
        now: this.ctx.now().getTime(),
      });
    const days = daysBetween(from, to).map((day) => ({
      day,
      ...figures(tickets.get(day) ?? [], deliveries.get(day) ?? [], surveys.get(day), alerts.get(day) ?? {}),
    }));
    const sum = (key: keyof SurveySums): number => [...surveys.values()].reduce((acc, s) => acc + s[key], 0);
    const totalAlerts: Record<string, number> = {};
    for (const perDay of alerts.values()) for (const [kind, n] of Object.entries(perDay)) totalAlerts[kind] = (totalAlerts[kind] ?? 0) + n;
    const total = figures(
      [...tickets.values()].flat(),
      [...deliveries.values()].flat(),
      { n: sum('n'), overall: sum('overall'), advisor: sum('advisor'), speed: sum('speed'), lounge: sum('lounge') },
      totalAlerts,
    );
    return { from, to, total, days };
  }
}
