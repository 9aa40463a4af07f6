/** A day's (or a range's) figures for the monthly review (seed 000, 001): the hub computes them, the manager page shows them. */
import { z } from 'zod';
import { AppointmentFigures, CaseFigures } from './protocol.ts';

export const ServiceWaitStats = z.object({
  issued: z.number().int(),
  called: z.number().int(),
  /** Seconds from ticket to first call. */
  p50WaitSeconds: z.number().nullable(),
  p90WaitSeconds: z.number().nullable(),
});
export type ServiceWaitStats = z.infer<typeof ServiceWaitStats>;

const Count = z.number().int().nonnegative();

export const DayStats = z.object({
  issued: Count,
  called: Count,
  /** Finished at a counter after being served (status done). */
  served: Count,
  noShows: Count,
  /** Still open when the business day closed: never counted as served. */
  expired: Count,
  /**
   * 一分钟接待率, 0–1: of the tickets the rule applies to — every ticket called, and every ticket
   * never called that waited past the limit (left, expired, or still waiting) — the share first
   * called within the limit. A customer who left within the limit without a call is not counted.
   */
  greetingRate: z.number().min(0).max(1).nullable(),
  /** The tickets the greeting rate is taken over, and those greeted in time. */
  greeting: z.object({ counted: Count, inTime: Count }),
  greetingLimitSeconds: z.number().int(),
  /** Seconds from ticket to first call over all services (nearest-rank median and p90). */
  waitP50Seconds: z.number().nullable(),
  waitP90Seconds: z.number().nullable(),
  byService: z.record(z.string(), ServiceWaitStats),
  /** Tickets issued per local hour, `HH` → count. */
  arrivalsByHour: z.record(z.string(), Count),
  alerts: z.record(z.string(), Count),
  /** Tickets each advisor called, by name. */
  ticketsPerAdvisor: z.record(z.string(), Count),
  /** 准时交车率: vehicles delivered by their promised time. */
  onTimeDelivery: z.object({ delivered: Count, onTime: Count, rate: z.number().nullable() }),
  /** Average scores (1–5) of the on-site surveys, null when none. */
  satisfaction: z.object({ responses: Count, overall: z.number(), advisor: z.number(), speed: z.number(), lounge: z.number() }).nullable(),
});
export type DayStats = z.infer<typeof DayStats>;

export const RangeStats = z.object({
  from: z.string(),
  to: z.string(),
  total: DayStats,
  days: z.array(DayStats.extend({ day: z.string() })),
});
export type RangeStats = z.infer<typeof RangeStats>;

/** The service drive's figures beside the queue's (issue #16): appointments and complaint cases. */
export const DriveFigures = z.object({
  appointments: AppointmentFigures.omit({ day: true, loadByHour: true }),
  cases: CaseFigures.omit({ from: true, to: true, open: true }),
});
export type DriveFigures = z.infer<typeof DriveFigures>;

/** A range's figures with the drive's: the total and one row per day. */
export const RangeWithDrive = z.object({
  from: z.string(),
  to: z.string(),
  total: DayStats.extend(DriveFigures.shape),
  days: z.array(DayStats.extend(DriveFigures.shape).extend({ day: z.string() })),
});
export type RangeWithDrive = z.infer<typeof RangeWithDrive>;
