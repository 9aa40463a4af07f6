/** The per-day figures of a date range as CSV (UTF-8 with BOM so Excel opens it as such). Pure. */
import type { DayStats } from '../domain/day-stats.ts';
import type { DriveFigures } from '../store/stats.ts';

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
  'appointments_booked',
  'appointments_arrived',
  'appointments_on_time',
  'appointment_no_shows',
  'appointment_share',
  'complaint_cases',
  'complaint_first_contact_median_min',
  'complaint_close_median_min',
  'complaint_replied_late',
] as const;

const rate = (x: number | null): string => (x === null ? '' : x.toFixed(3));
const seconds = (x: number | null): string => (x === null ? '' : String(Math.round(x)));
const minutes = (x: number | null): string => (x === null ? '' : String(Math.round(x)));

export function statsCsv(days: readonly ({ day: string } & DayStats & DriveFigures)[]): string {
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
      d.appointments.booked,
      d.appointments.arrived,
      d.appointments.onTime,
      d.appointments.noShows,
      rate(d.appointments.appointmentShare),
      d.cases.opened,
      minutes(d.cases.firstContactMedianMinutes),
      minutes(d.cases.closeMedianMinutes),
      d.cases.repliedLate,
    ].join(','),
  );
  return `\ufeff${[STATS_CSV_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}
