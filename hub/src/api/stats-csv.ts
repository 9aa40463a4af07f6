/** The per-day figures of a date range as CSV (UTF-8 with BOM so Excel opens it as such). Pure. */
import type { DayStats } from '../domain/day-stats.ts';

export const STATS_CSV_COLUMNS = [
  'date',
  'issued',
  'called',
  'served',
  'no_shows',
  'expired',
  'greeting_rate',
  'wait_p50_s',
  'wait_p90_s',
  'on_time_delivery_rate',
  'delivered',
  'preinspection_congestion',
  'preinspection_dwell',
  'greeting_alerts',
] as const;

const rate = (x: number | null): string => (x === null ? '' : x.toFixed(3));
const seconds = (x: number | null): string => (x === null ? '' : String(Math.round(x)));

export function statsCsv(days: readonly ({ day: string } & DayStats)[]): string {
  const lines = days.map((d) =>
    [
      d.day,
      d.issued,
      d.called,
      d.served,
      d.noShows,
      d.expired,
      rate(d.greetingRate),
      seconds(d.waitP50Seconds),
      seconds(d.waitP90Seconds),
      rate(d.onTimeDelivery.rate),
      d.onTimeDelivery.delivered,
      d.alerts.preinspection_congestion ?? 0,
      d.alerts.preinspection_dwell ?? 0,
      d.alerts.greeting_wait ?? 0,
    ].join(','),
  );
  return `\ufeff${[STATS_CSV_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}
