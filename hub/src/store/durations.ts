/**
 * Reads what the wait estimator feeds on from the database: service durations and head-start
 * arrivals of previous days, who is at which counter, and how each counter stands now. The
 * learning itself is pure (domain/service-durations.ts); this is its I/O edge.
 */
import type { CounterStatus } from '../../../shared/src/protocol.ts';
import { localDateTime } from '../../../shared/src/time.ts';
import type { Db } from '../db/database.ts';
import type { WaitingTicket } from '../domain/queue.ts';
import { learnDurations, overtakingRates, usualPauses, type CounterChange, type DurationModel, type LearnedDurations } from '../domain/service-durations.ts';
import type { CounterNow, QueueModel } from '../domain/wait-estimate.ts';
import type { StoreContext } from './context.ts';

const HISTORY_DAYS = 28;
const MAX_SAMPLES = 4000;
/** Usual length of a pause by its reason, in minutes, until the store's own pauses are known (three of a reason). */
export const USUAL_PAUSE_MINUTES: Record<string, number> = { break: 15, phone: 5, test_drive: 25, other: 10 };

interface Learned {
  learned: LearnedDurations;
  overtaking: QueueModel['overtaking'];
  /** Usual pause length in seconds per reason. */
  pauses: Record<string, number>;
}

/** Learned durations, kept while nothing new has finished and the quarter hour is the same. */
const cache = new WeakMap<Db, Learned & { key: string }>();

/** Minutes the store's clock is ahead of UTC now (no daylight saving in China; good enough elsewhere for weighting). */
function zoneOffsetMinutes(now: Date, timeZone: string): number {
  const l = localDateTime(now, timeZone);
  const localAsUtc = Date.UTC(l.year, l.month - 1, l.day) + l.minutes * 60_000;
  return Math.round((localAsUtc - Math.floor(now.getTime() / 60_000) * 60_000) / 60_000);
}

const minuteOfDay = (at: number, offset: number): number => (((Math.floor(at / 60_000) + offset) % 1440) + 1440) % 1440;

export function learnedDurations(ctx: StoreContext): Learned {
  const now = ctx.now();
  const config = ctx.config;
  const latest = ctx.db.prepare(`SELECT MAX(finished_at) AS at, COUNT(*) AS n FROM tickets WHERE status = 'done'`).get() as { at: string | null; n: number };
  const key = `${latest.at}:${latest.n}:${ctx.businessDay(now)}:${Math.floor(now.getTime() / 900_000)}:${JSON.stringify(config.queue.serviceMinutes)}:${config.queue.defaultServiceMinutes}:${config.services.map((s) => s.id).join()}`;
  const hit = cache.get(ctx.db);
  if (hit && hit.key === key) return hit;
  const entry = { key, ...learnFromHistory(ctx, config.queue.serviceMinutes) };
  cache.set(ctx.db, entry);
  return entry;
}

function learnFromHistory(ctx: StoreContext, overrides: Record<string, number>): Learned {
  const now = ctx.now();
  const config = ctx.config;

  const offset = zoneOffsetMinutes(now, config.timeZone);
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000).toISOString();
  const rows = ctx.db
    .prepare(
      `SELECT service, staff_id, first_called_at, finished_at FROM tickets
        WHERE status = 'done' AND first_called_at IS NOT NULL AND finished_at >= ? ORDER BY finished_at DESC LIMIT ?`,
    )
    .all(since, MAX_SAMPLES) as { service: string; staff_id: number | null; first_called_at: string; finished_at: string }[];
  const samples = rows.map((r) => {
    const called = Date.parse(r.first_called_at);
    const finished = Date.parse(r.finished_at);
    return { service: r.service, staffId: r.staff_id, seconds: (finished - called) / 1000, finishedAt: finished, minuteOfDay: minuteOfDay(called, offset) };
  });
  const nowMinute = minuteOfDay(now.getTime(), offset);
  const learned = learnDurations(samples, {
    services: config.services.map((s) => s.id),
    now: now.getTime(),
    minuteOfDay: nowMinute,
    defaultSeconds: config.queue.defaultServiceMinutes * 60,
    overrides,
  });

  const today = ctx.businessDay(now);
  const arrivals = ctx.db
    .prepare(`SELECT service, ticket_class, issued_at, business_day FROM tickets WHERE business_day < ? AND issued_at >= ? AND ticket_class != 'walkin'`)
    .all(today, since) as { service: string; ticket_class: 'priority' | 'appointment'; issued_at: string; business_day: string }[];
  const days = (
    ctx.db.prepare(`SELECT COUNT(DISTINCT business_day) AS n FROM tickets WHERE business_day < ? AND issued_at >= ?`).get(today, since) as { n: number }
  ).n;
  const overtaking = overtakingRates(
    arrivals.map((a) => ({ service: a.service, ticketClass: a.ticket_class, minuteOfDay: minuteOfDay(Date.parse(a.issued_at), offset) })),
    { days, minuteOfDay: nowMinute },
  );
  const changes = (
    ctx.db.prepare(`SELECT at, detail FROM audit_log WHERE action = 'counter.state' AND at >= ? ORDER BY id`).all(since) as { at: string; detail: string }[]
  ).flatMap((r): CounterChange[] => {
    const detail = JSON.parse(r.detail) as { counterId?: string; state?: CounterChange['state']; reason?: string } | null;
    return detail?.counterId && detail.state ? [{ counterId: detail.counterId, state: detail.state, reason: detail.reason ?? null, at: Date.parse(r.at) }] : [];
  });
  const defaults = Object.fromEntries(Object.entries(USUAL_PAUSE_MINUTES).map(([reason, minutes]) => [reason, minutes * 60]));
  return { learned, overtaking, pauses: usualPauses(changes, defaults) };
}

/** Everything estimateWait needs about the queue right now. */
export function queueModel(ctx: StoreContext, waiting: WaitingTicket[], statuses: readonly CounterStatus[]): QueueModel {
  const now = ctx.now().getTime();
  const { learned, overtaking, pauses } = learnedDurations(ctx);
  const day = ctx.businessDay();
  const held = ctx.db
    .prepare(
      `SELECT counter_id, service, first_called_at, called_at, issued_at, staff_id FROM tickets
       WHERE business_day = ? AND status IN ('called', 'serving') AND counter_id IS NOT NULL`,
    )
    .all(day) as {
    counter_id: string;
    service: string;
    first_called_at: string | null;
    called_at: string | null;
    issued_at: string;
    staff_id: number | null;
  }[];
  // Who works at each counter: the advisor of its most recent call today.
  const lastStaff = new Map(
    (
      ctx.db
        .prepare(
          `SELECT counter_id, staff_id FROM tickets t WHERE business_day = ? AND counter_id IS NOT NULL AND staff_id IS NOT NULL
             AND called_at = (SELECT MAX(called_at) FROM tickets u WHERE u.business_day = t.business_day AND u.counter_id = t.counter_id)`,
        )
        .all(day) as { counter_id: string; staff_id: number }[]
    ).map((r) => [r.counter_id, r.staff_id]),
  );
  const counters: CounterNow[] = ctx.config.counters.map((c) => {
    const status = statuses.find((s) => s.counterId === c.id);
    const busy = held.find((h) => h.counter_id === c.id);
    const staff = busy?.staff_id ?? lastStaff.get(c.id);
    const state = status?.state ?? 'open';
    return {
      id: c.id,
      services: c.services,
      state,
      ...(state === 'paused'
        ? {
            pause: {
              elapsedSeconds: Math.max(0, (now - Date.parse(status!.since)) / 1000),
              usualSeconds: pauses[status!.reason ?? 'other'] ?? pauses.other ?? 600,
            },
          }
        : {}),
      busy: busy
        ? { service: busy.service, elapsedSeconds: Math.max(0, (now - Date.parse(busy.first_called_at ?? busy.called_at ?? busy.issued_at)) / 1000) }
        : null,
      pace: staff !== undefined && staff !== null ? (learned.pace[staff] ?? 1) : 1,
    };
  });
  const fallback: DurationModel = { median: ctx.config.queue.defaultServiceMinutes * 60, sigma: 0.55, weight: 0, source: 'default' };
  return { now, waiting, counters, durations: learned.services, fallback, headStarts: ctx.config.queue.headStartMinutes, overtaking };
}

/** Per service: what the hub learned and what the manager set, for the manager console. */
export function durationReport(ctx: StoreContext): {
  service: string;
  learnedMinutes: number;
  samples: number;
  overrideMinutes: number | null;
  usedMinutes: number;
}[] {
  const { learned } = learnedDurations(ctx);
  const withoutOverrides = learnFromHistory(ctx, {});
  return ctx.config.services.map((s) => {
    const used = learned.services[s.id]!;
    const base = withoutOverrides.learned.services[s.id]!;
    const override = ctx.config.queue.serviceMinutes[s.id];
    return {
      service: s.id,
      learnedMinutes: Math.round((base.median / 60) * 10) / 10,
      samples: Math.round(base.weight * 10) / 10,
      overrideMinutes: override ?? null,
      usedMinutes: Math.round((used.median / 60) * 10) / 10,
    };
  });
}
