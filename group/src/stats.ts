/**
 * The group's figures per store and in total over a date range (issue #18 §2), computed in
 * PostgreSQL from `entity_states` — the latest state of every ticket and job, kept by triggers
 * as events arrive (of each hub's current history: an event a later epoch replaced does not
 * count; schema.ts migration 2) — aggregated with GROUPING SETS. Definitions are the store's own (hub/src/domain/day-stats.ts):
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

const TICKETS_SQL = `
  WITH t AS (
    SELECT s.store_id, s.service, s.status,
      EXTRACT(EPOCH FROM s.first_called_at - s.issued_at) AS wait,
      EXTRACT(EPOCH FROM COALESCE(s.finished_at, now()) - s.issued_at) AS waited,
      hb.greeting_limit_seconds AS lim
    FROM entity_states s JOIN hubs hb USING (store_id, hub_id)
    WHERE s.kind = 'ticket' AND s.business_day BETWEEN $1::date AND $2::date AND s.status <> 'void'
  )
  SELECT GROUPING(store_id) AS all_stores, GROUPING(service) AS all_services, store_id, service,
    COUNT(*)::int AS issued,
    COUNT(wait)::int AS called,
    (COUNT(*) FILTER (WHERE status = 'done'))::int AS served,
    (COUNT(*) FILTER (WHERE status = 'no_show'))::int AS no_shows,
    percentile_disc(0.5) WITHIN GROUP (ORDER BY wait) AS p50,
    percentile_disc(0.9) WITHIN GROUP (ORDER BY wait) AS p90,
    (COUNT(*) FILTER (WHERE wait IS NOT NULL OR waited > lim))::int AS counted,
    (COUNT(*) FILTER (WHERE wait IS NOT NULL AND wait <= lim))::int AS in_time
  FROM t
  GROUP BY GROUPING SETS ((store_id), (store_id, service), (service), ())`;

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
  p50: string | null;
  p90: string | null;
  counted: number;
  in_time: number;
}

const num = (v: string | null): number | null => (v === null ? null : Number(v));

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
  const [tickets, deliveries, surveys, appointments] = await Promise.all([
    pool.query<TicketRow>(TICKETS_SQL, [from, to]),
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
  for (const r of tickets.rows) {
    const f = figuresOf(r.all_stores, r.store_id);
    if (!r.all_services) {
      f.byService[r.service!] = { issued: r.issued, called: r.called, p50WaitSeconds: num(r.p50), p90WaitSeconds: num(r.p90) };
      continue;
    }
    Object.assign(f, {
      issued: r.issued,
      called: r.called,
      served: r.served,
      noShows: r.no_shows,
      waitP50Seconds: num(r.p50),
      waitP90Seconds: num(r.p90),
      greeting: { counted: r.counted, inTime: r.in_time },
      greetingRate: r.counted ? r.in_time / r.counted : null,
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
