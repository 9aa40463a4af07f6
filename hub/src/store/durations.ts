/**
 * Reads what the wait estimator feeds on from the database: service durations and head-start
 * arrivals of previous days, who is at which counter, and how each counter stands now. The
 * learning itself is pure (domain/service-durations.ts); this is its I/O edge.
 */
import type { CounterStatus } from '../../../shared/src/protocol.ts';
import { localDateTime } from '../../../shared/src/time.ts';
import type { WaitingTicket } from '../domain/queue.ts';
import { learnDurations, overtakingRates, usualPauses, type CounterChange, type DurationModel, type LearnedDurations } from '../domain/service-durations.ts';
import type { CounterNow, QueueModel } from '../domain/wait-estimate.ts';
import type { StoreContext } from './context.ts';

const HISTORY_DAYS = 28;
const MAX_SAMPLES = 4000;
/** Usual length of a pause by its reason, in minutes, until the store's own pauses are known (three of a reason). */
export const USUAL_PAUSE_MINUTES: Record<string, number> = { break: 15, phone: 5, test_drive: 25, other: 10 };

export interface Learned {
  learned: LearnedDurations;
  overtaking: QueueModel['overtaking'];
  /** Usual pause length in seconds per reason. */
  pauses: Record<string, number>;
}

/** Learning is redone at most once a quarter hour, as if at the quarter's start (so it does not depend on when it ran). */
const LEARNING_SLOT_MS = 900_000;

/**
 * What was learned and what from: kept until its inputs move. `model_inputs.version` is bumped
 * by triggers (migration 12) in the transaction that finishes a ticket, records a pause or adds
 * an earlier day's ticket; a command that rolled back may have learned from what it undid, so
 * what was learned or moved inside a command is dropped if that command rolls back (a refused
 * command that only read keeps it). A finish now does not move what was learned as of the
 * quarter's start (`finishingNow`).
 */
/** What is kept: the learned model, what it was learned from, and the command that last filled or moved it. */
export type KeptModel = Learned & { key: string; version: number; at: number; touchedIn: number | null };
const cache = new WeakMap<StoreContext, KeptModel>();
const watched = new WeakSet<StoreContext>();

function keep(ctx: StoreContext, entry: KeptModel): void {
  if (!watched.has(ctx)) {
    watched.add(ctx);
    ctx.onRollback((command) => {
      if (cache.get(ctx)?.touchedIn === command) cache.delete(ctx);
    });
  }
  cache.set(ctx, entry);
}

const inputsVersion = (ctx: StoreContext): number => (ctx.db.prepare('SELECT version FROM model_inputs WHERE id = 1').get() as { version: number }).version;

/** Minutes the store's clock is ahead of UTC now (no daylight saving in China; good enough elsewhere for weighting). */
function zoneOffsetMinutes(now: Date, timeZone: string): number {
  const l = localDateTime(now, timeZone);
  const localAsUtc = Date.UTC(l.year, l.month - 1, l.day) + l.minutes * 60_000;
  return Math.round((localAsUtc - Math.floor(now.getTime() / 60_000) * 60_000) / 60_000);
}

const minuteOfDay = (at: number, offset: number): number => (((Math.floor(at / 60_000) + offset) % 1440) + 1440) % 1440;

/** The time learning is done as of: the start of the current quarter hour. */
function learningTime(ctx: StoreContext): Date {
  return new Date(Math.floor(ctx.now().getTime() / LEARNING_SLOT_MS) * LEARNING_SLOT_MS);
}

export function learnedDurations(ctx: StoreContext): Learned {
  const at = learningTime(ctx);
  const config = ctx.config;
  const version = inputsVersion(ctx);
  const key = [
    ctx.businessDay(),
    at.getTime(),
    JSON.stringify(config.queue.serviceMinutes),
    config.queue.defaultServiceMinutes,
    config.services.map((s) => s.id).join(),
    config.timeZone,
  ].join('|');
  const hit = cache.get(ctx);
  if (hit && hit.key === key && hit.version === version) return hit;
  const entry = { key, version, at: at.getTime(), touchedIn: ctx.runningCommand, ...learnFromHistory(ctx, config.queue.serviceMinutes, at) };
  keep(ctx, entry);
  return entry;
}

/**
 * Runs `finish`, which finishes a ticket at the store's clock now. Learning reads finishes
 * before the quarter's start, so this one counts from the next quarter hour: the kept model
 * stays, unless something else moved its inputs meanwhile (then the version is off by more).
 * Saves re-learning from four weeks of history on every call-next.
 */
export function finishingNow<T>(ctx: StoreContext, finish: () => T): T {
  const before = inputsVersion(ctx);
  const result = finish();
  const kept = cache.get(ctx);
  if (kept && kept.version === before && ctx.now().getTime() >= kept.at && inputsVersion(ctx) === before + 1) {
    kept.version = before + 1;
    kept.touchedIn = ctx.runningCommand;
  }
  return result;
}

/** Learns from the database as it stands, without the cache (`learnedDurations` keeps its result). */
export function learnFromHistory(ctx: StoreContext, overrides: Record<string, number>, now: Date = learningTime(ctx)): Learned {
  const config = ctx.config;

  const offset = zoneOffsetMinutes(now, config.timeZone);
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000).toISOString();
  const rows = ctx.db
    .prepare(
      `SELECT service, staff_id, first_called_at, finished_at FROM tickets
        WHERE status = 'done' AND first_called_at IS NOT NULL AND finished_at >= ? AND finished_at < ? ORDER BY finished_at DESC LIMIT ?`,
    )
    .all(since, now.toISOString(), MAX_SAMPLES) as { service: string; staff_id: number | null; first_called_at: string; finished_at: string }[];
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

/**
 * Who works at each counter: the advisor of its most recent call of the day (none when a call
 * button made it). One seek per counter down the index tickets_by_counter_call, newest call
 * first: the cost stays the same all day (a GROUP BY walked every call of the day).
 */
export function counterAdvisors(ctx: StoreContext, day: string): Map<string, number> {
  const lastCall = ctx.db.prepare(
    `SELECT staff_id FROM tickets WHERE business_day = ? AND counter_id = ? AND called_at IS NOT NULL ORDER BY called_at DESC LIMIT 1`,
  );
  const advisors = new Map<string, number>();
  for (const { id } of ctx.config.counters) {
    const row = lastCall.get(day, id) as { staff_id: number | null } | undefined;
    if (row && row.staff_id !== null) advisors.set(id, row.staff_id);
  }
  return advisors;
}

/** Everything estimateWait needs about the queue right now. */
export function queueModel(
  ctx: StoreContext,
  waiting: WaitingTicket[],
  statuses: readonly CounterStatus[],
  { learned, overtaking, pauses }: Learned = learnedDurations(ctx),
): QueueModel {
  // Whole seconds: a wait shown in minutes loses nothing, and views of an unchanged queue within
  // a second are the same model, so their replay is kept (TicketReader.view). Rounded up, so a
  // would-be ticket issued "now" is never placed before one issued earlier in this second.
  const now = Math.ceil(ctx.now().getTime() / 1000) * 1000;
  const day = ctx.businessDay();
  // By day and status: a handful of rows. (A `counter_id IS NOT NULL` here let SQLite pick the
  // counter index and walk every call of the day; a held ticket without a counter matches none.)
  const held = ctx.db
    .prepare(
      `SELECT counter_id, service, first_called_at, called_at, issued_at, staff_id FROM tickets
       WHERE business_day = ? AND status IN ('called', 'serving')`,
    )
    .all(day) as {
    counter_id: string | null;
    service: string;
    first_called_at: string | null;
    called_at: string | null;
    issued_at: string;
    staff_id: number | null;
  }[];
  const lastStaff = counterAdvisors(ctx, day);
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
