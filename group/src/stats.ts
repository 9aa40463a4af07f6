/**
 * The group's figures per store and in total over a date range (issue #18 §2), computed in
 * PostgreSQL and aggregated with GROUPING SETS: tickets from `ticket_days` (per hub, day and
 * service, kept by triggers; schema.ts migration 3), jobs and appointments from `entity_states`
 * — the latest state of every ticket and job, kept by triggers as events arrive (of each hub's
 * current history: an event a later epoch replaced does not count; migration 2). Definitions are the store's own (hub/src/domain/day-stats.ts):
 * waits are nearest-rank percentiles — `percentile_disc`, which is exactly nearest rank — and
 * the greeting rate counts every called ticket and every uncalled one that waited past the
 * store's limit.
 */
import type pg from 'pg';

export interface ServiceFigures {
  issued: number;
  called: number;
  p50WaitSeconds: number | null;
  p90WaitSeconds: number | null;
}

export interface GroupFigures {
  issued: number;
  called: number;
  served: number;
  noShows: number;
  waitP50Seconds: number | null;
  waitP90Seconds: number | null;
  greetingRate: number | null;
  greeting: { counted: number; inTime: number };
  onTimeDelivery: { delivered: number; onTime: number; rate: number | null };
  byService: Record<string, ServiceFigures>;
  /** Appointments scheduled in the range (预约率: arrived appointments among all arrivals — tickets, and appointment arrivals without one). */
  appointments: {
    booked: number;
    arrived: number;
    onTime: number;
    noShows: number;
    cancelled: number;
    arrivals: number;
    appointmentShare: number | null;
    onTimeRate: number | null;
  };
  /** Average scores (1–5) of the on-site surveys, null when none. */
  satisfaction: { responses: number; overall: number; advisor: number; speed: number; lounge: number } | null;
}

export interface GroupStats {
  from: string;
  to: string;
  total: GroupFigures;
  stores: ({ storeId: string } & GroupFigures)[];
}

/**
 * The greeting tally of a group of `ticket_days t` rows joined with their `hubs hb`: calls within
 * the store's limit, and tickets never called that waited past it (closed, or still open now).
 */
const GREETING_COUNTS = `SUM((SELECT COUNT(*) FROM unnest(t.waits) w(wait) WHERE w.wait <= hb.greeting_limit_seconds))::int AS in_time,
    SUM((SELECT COUNT(*) FROM unnest(t.uncalled_waits) u(waited) WHERE u.waited > hb.greeting_limit_seconds)
      + (SELECT COUNT(*) FROM unnest(t.open_issued_at) o(issued_at) WHERE EXTRACT(EPOCH FROM now() - o.issued_at) > hb.greeting_limit_seconds))::int AS late_uncalled`;

// Counts and the greeting tally, from the per-day rows (schema.ts migration 3): a range reads days × stores × services rows.
const TICKET_DAYS_SQL = `
  SELECT GROUPING(t.store_id) AS all_stores, GROUPING(t.service) AS all_services, t.store_id, t.service,
    SUM(t.issued)::int AS issued,
    SUM(cardinality(t.waits))::int AS called,
    SUM(t.served)::int AS served,
    SUM(t.no_shows)::int AS no_shows,
    ${GREETING_COUNTS}
  FROM ticket_days t JOIN hubs hb USING (store_id, hub_id)
  WHERE t.business_day BETWEEN $1::date AND $2::date
  GROUP BY GROUPING SETS ((t.store_id), (t.store_id, t.service), (t.service), ())`;

// Exact nearest-rank percentiles (`percentile_disc`) over the days' waits: one query per
// grouping (store and service, store, service, all), so that each sorts its own groups' waits
// once and the pool runs them side by side. The day rows (thousands) are put in group order
// before their waits are unnested, so no sort of the waits (hundreds of thousands) by group key
// is needed — only each group's own sort of its waits.
const waitsSql = (groupBy: ('store_id' | 'service')[]): string => `
  SELECT ${groupBy.includes('store_id') ? 't.store_id' : 'NULL::text AS store_id'}, ${groupBy.includes('service') ? 't.service' : 'NULL::text AS service'},
    ${groupBy.includes('store_id') ? 0 : 1} AS all_stores, ${groupBy.includes('service') ? 0 : 1} AS all_services,
    percentile_disc(0.5) WITHIN GROUP (ORDER BY w.wait) AS p50,
    percentile_disc(0.9) WITHIN GROUP (ORDER BY w.wait) AS p90
  FROM (SELECT store_id, service, waits FROM ticket_days WHERE business_day BETWEEN $1::date AND $2::date
        ${groupBy.length ? `ORDER BY ${groupBy.join(', ')}` : ''}) t
    CROSS JOIN LATERAL unnest(t.waits) AS w(wait)
  ${groupBy.length ? `GROUP BY ${groupBy.map((c) => `t.${c}`).join(', ')}` : ''}`;
const WAITS_SQL = [waitsSql(['store_id', 'service']), waitsSql(['store_id']), waitsSql(['service']), waitsSql([])];

const DELIVERIES_SQL = `
  SELECT GROUPING(store_id) AS all_stores, store_id,
    COUNT(*)::int AS delivered,
    (COUNT(*) FILTER (WHERE stage_started_at <= promised_at))::int AS on_time
  FROM entity_states
  WHERE kind = 'job' AND business_day BETWEEN $1::date AND $2::date AND stage = 'delivered'
  GROUP BY GROUPING SETS ((store_id), ())`;

const APPOINTMENTS_SQL = `
  SELECT GROUPING(store_id) AS all_stores, store_id,
    (COUNT(*) FILTER (WHERE s.status <> 'cancelled'))::int AS booked,
    (COUNT(*) FILTER (WHERE s.status = 'arrived'))::int AS arrived,
    (COUNT(*) FILTER (WHERE s.status = 'arrived' AND s.arrived_at
       BETWEEN s.scheduled_at - make_interval(mins => hb.appointment_early_minutes) AND s.scheduled_at + make_interval(mins => hb.appointment_late_minutes)))::int AS on_time,
    (COUNT(*) FILTER (WHERE s.status = 'no_show'))::int AS no_shows,
    (COUNT(*) FILTER (WHERE s.status = 'cancelled'))::int AS cancelled,
    (COUNT(*) FILTER (WHERE s.status = 'arrived' AND s.checked_in_ticket_id IS NULL))::int AS without_ticket
  FROM entity_states s JOIN hubs hb USING (store_id, hub_id)
  WHERE s.kind = 'appointment' AND s.business_day BETWEEN $1::date AND $2::date
  GROUP BY GROUPING SETS ((store_id), ())`;

const SATISFACTION_SQL = `
  SELECT GROUPING(store_id) AS all_stores, store_id, COUNT(*)::int AS n,
    SUM(overall)::int AS overall, SUM(advisor)::int AS advisor, SUM(speed)::int AS speed, SUM(lounge)::int AS lounge
  FROM surveys WHERE business_day BETWEEN $1::date AND $2::date
  GROUP BY GROUPING SETS ((store_id), ())`;

interface TicketRow {
  all_stores: number;
  all_services: number;
  store_id: string | null;
  service: string | null;
  issued: number;
  called: number;
  served: number;
  no_shows: number;
  in_time: number;
  late_uncalled: number;
}

interface WaitRow {
  all_stores: number;
  all_services: number;
  store_id: string | null;
  service: string | null;
  p50: number | null;
  p90: number | null;
}

/** A waits query sorts every wait in the range: enough memory that it sorts in memory. */
async function waitsOf(pool: pg.Pool, sql: string, from: string, to: string): Promise<WaitRow[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SET LOCAL work_mem = '64MB'");
    const result = await client.query<WaitRow>(sql, [from, to]);
    await client.query('COMMIT');
    return result.rows;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

function empty(): GroupFigures {
  return {
    issued: 0,
    called: 0,
    served: 0,
    noShows: 0,
    waitP50Seconds: null,
    waitP90Seconds: null,
    greetingRate: null,
    greeting: { counted: 0, inTime: 0 },
    onTimeDelivery: { delivered: 0, onTime: 0, rate: null },
    byService: {},
    satisfaction: null,
    appointments: { booked: 0, arrived: 0, onTime: 0, noShows: 0, cancelled: 0, arrivals: 0, appointmentShare: null, onTimeRate: null },
  };
}

export async function groupStats(pool: pg.Pool, from: string, to: string): Promise<GroupStats> {
  const [tickets, waits, deliveries, surveys, appointments] = await Promise.all([
    pool.query<TicketRow>(TICKET_DAYS_SQL, [from, to]),
    Promise.all(WAITS_SQL.map((sql) => waitsOf(pool, sql, from, to))).then((r) => r.flat()),
    pool.query<{ all_stores: number; store_id: string | null; delivered: number; on_time: number }>(DELIVERIES_SQL, [from, to]),
    pool.query<{ all_stores: number; store_id: string | null; n: number; overall: number; advisor: number; speed: number; lounge: number }>(SATISFACTION_SQL, [
      from,
      to,
    ]),
    pool.query<{
      all_stores: number;
      store_id: string | null;
      booked: number;
      arrived: number;
      on_time: number;
      no_shows: number;
      cancelled: number;
      without_ticket: number;
    }>(APPOINTMENTS_SQL, [from, to]),
  ]);
  const total = empty();
  const stores = new Map<string, GroupFigures>();
  const figuresOf = (allStores: number, storeId: string | null): GroupFigures => {
    if (allStores) return total;
    let f = stores.get(storeId!);
    if (!f) stores.set(storeId!, (f = empty()));
    return f;
  };
  const key = (r: { all_stores: number; all_services: number; store_id: string | null; service: string | null }): string =>
    JSON.stringify([r.all_stores ? null : r.store_id, r.all_services ? null : r.service]);
  const waitsBy = new Map(waits.map((w) => [key(w), w]));
  for (const r of tickets.rows) {
    const f = figuresOf(r.all_stores, r.store_id);
    const w = waitsBy.get(key(r));
    const p50 = w?.p50 ?? null;
    const p90 = w?.p90 ?? null;
    if (!r.all_services) {
      f.byService[r.service!] = { issued: r.issued, called: r.called, p50WaitSeconds: p50, p90WaitSeconds: p90 };
      continue;
    }
    const inTime = r.in_time;
    const counted = r.called + r.late_uncalled;
    Object.assign(f, {
      issued: r.issued,
      called: r.called,
      served: r.served,
      noShows: r.no_shows,
      waitP50Seconds: p50,
      waitP90Seconds: p90,
      greeting: { counted, inTime },
      greetingRate: counted ? inTime / counted : null,
    });
  }
  for (const r of deliveries.rows) {
    const f = figuresOf(r.all_stores, r.store_id);
    f.onTimeDelivery = { delivered: r.delivered, onTime: r.on_time, rate: r.delivered ? r.on_time / r.delivered : null };
  }
  for (const r of surveys.rows) {
    // Sums from SQL, divided here exactly as the store divides them.
    if (r.n) {
      figuresOf(r.all_stores, r.store_id).satisfaction = {
        responses: r.n,
        overall: r.overall / r.n,
        advisor: r.advisor / r.n,
        speed: r.speed / r.n,
        lounge: r.lounge / r.n,
      };
    }
  }
  const withoutTicket = new Map<GroupFigures, number>();
  for (const r of appointments.rows) {
    const f = figuresOf(r.all_stores, r.store_id);
    f.appointments = { ...f.appointments, booked: r.booked, arrived: r.arrived, onTime: r.on_time, noShows: r.no_shows, cancelled: r.cancelled };
    withoutTicket.set(f, r.without_ticket);
  }
  for (const f of [total, ...stores.values()]) {
    const a = f.appointments;
    a.arrivals = f.issued + (withoutTicket.get(f) ?? 0);
    a.appointmentShare = a.arrivals ? a.arrived / a.arrivals : null;
    a.onTimeRate = a.arrived ? a.onTime / a.arrived : null;
  }
  return {
    from,
    to,
    total,
    stores: [...stores.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([storeId, f]) => ({ storeId, ...f })),
  };
}

export interface GroupDay {
  day: string;
  issued: number;
  called: number;
  noShows: number;
  greetingRate: number | null;
}

/** All stores' tickets per business day of the range (from `ticket_days`: days × stores rows, no sort of waits). */
export async function groupDaily(pool: pg.Pool, from: string, to: string): Promise<GroupDay[]> {
  const { rows } = await pool.query<{ day: string; issued: number; called: number; no_shows: number; in_time: number; late_uncalled: number }>(
    `SELECT to_char(t.business_day, 'YYYY-MM-DD') AS day, SUM(t.issued)::int AS issued, SUM(cardinality(t.waits))::int AS called,
       SUM(t.no_shows)::int AS no_shows,
       ${GREETING_COUNTS}
     FROM ticket_days t JOIN hubs hb USING (store_id, hub_id)
     WHERE t.business_day BETWEEN $1::date AND $2::date
     GROUP BY t.business_day ORDER BY t.business_day`,
    [from, to],
  );
  return rows.map((r) => {
    const counted = r.called + r.late_uncalled;
    return { day: r.day, issued: r.issued, called: r.called, noShows: r.no_shows, greetingRate: counted ? r.in_time / counted : null };
  });
}
