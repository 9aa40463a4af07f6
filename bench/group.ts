/**
 * Dealer-group figures (issue #18): events shipped per second from one hub to a real PostgreSQL
 * (Debian's, started in a temporary directory), and the time of a 31-day group report over many
 * stores' history, generated in SQL. GROUP_BENCH_STORES (50), GROUP_BENCH_DAYS (90) and
 * GROUP_BENCH_TICKETS (200 a day per store; each ticket is 3 events) size the history.
 */
import { migrateGroup } from '../group/src/schema.ts';
import { groupStats } from '../group/src/stats.ts';
import { testHub } from '../hub/src/store/test-support.ts';
import { busyHours, drain, pool, shipperFor } from '../test/helpers/group-scenario.ts';
import { startPostgres } from '../test/helpers/postgres.ts';

const fmt = (n: number, digits = 1): string => n.toFixed(digits);

export async function runGroupBench(): Promise<string[]> {
  const lines: string[] = [];
  const server = await startPostgres();
  const db = pool(server.url);
  try {
    await migrateGroup(db);

    // 1. Shipping rate from one hub: its log built first, then shipped in batches of 500.
    const h = testHub();
    busyHours(h, 300, 42);
    const events = h.store.lastSeq();
    const shipper = shipperFor(h, server.url, 'bench-ship');
    const started = performance.now();
    await drain(shipper);
    const seconds = (performance.now() - started) / 1000;
    await shipper.stop();
    lines.push(
      `group shipping: ${events} events from one hub in ${fmt(seconds, 2)} s = ${fmt(events / seconds, 0)} events/s (batches of 500, one PostgreSQL on this machine)`,
    );

    // 2. A 31-day report over many stores' history.
    const stores = Number(process.env.GROUP_BENCH_STORES ?? 50);
    const days = Number(process.env.GROUP_BENCH_DAYS ?? 90);
    const tickets = Number(process.env.GROUP_BENCH_TICKETS ?? 200);
    const loadStarted = performance.now();
    await db.query(
      `INSERT INTO hubs (store_id, hub_id, epoch, shipped_seq, greeting_limit_seconds, time_zone, last_seen) SELECT 'store-' || s, 'hub-' || s, 'e' || s, 0, 60, 'Asia/Shanghai', now() FROM generate_series(1, $1::int) s`,
      [stores],
    );
    await db.query(
      `INSERT INTO hub_epochs (store_id, hub_id, epoch, epoch_no, base_seq) SELECT 'store-' || s, 'hub-' || s, 'e' || s, 1, 0 FROM generate_series(1, $1::int) s`,
      [stores],
    );
    for (let s = 1; s <= stores; s++) {
      await db.query(
        `INSERT INTO events (store_id, hub_id, epoch, seq, type, at, business_day, entity_id, data, digest)
         SELECT $1, $2, $3, (d * $5 + t) * 3 + k + 1, (ARRAY['ticket.issued', 'ticket.called', 'ticket.finished'])[k + 1],
           issued + make_interval(secs => k * wait), day, d * $5 + t,
           jsonb_build_object('id', d * $5 + t, 'businessDay', day::text, 'service', (ARRAY['maintenance', 'repair', 'bodypaint'])[t % 3 + 1],
             'status', (ARRAY['waiting', 'called', 'done'])[k + 1], 'issuedAt', issued,
             'firstCalledAt', CASE WHEN k > 0 THEN issued + make_interval(secs => wait) END),
           md5((d * $5 + t)::text || k)
         FROM generate_series(0, $4::int - 1) d, generate_series(0, $5::int - 1) t, generate_series(0, 2) k,
           LATERAL (SELECT (date '2026-11-30' - $4::int + d) AS day) dd,
           LATERAL (SELECT (date '2026-11-30' - $4::int + d) + time '00:30' + make_interval(secs => t * 150) AS issued, 10 + ((t * 7919 + d * 104729) % 600) AS wait) w`,
        [`store-${s}`, `hub-${s}`, `e${s}`, days, tickets],
      );
    }
    await db.query('ANALYZE events');
    const rows = stores * days * tickets * 3;
    lines.push(
      `group history: ${stores} stores × ${days} days × ${tickets} tickets × 3 events = ${rows} events generated in ${fmt((performance.now() - loadStarted) / 1000)} s`,
    );
    const times: number[] = [];
    let issued = 0;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const stats = await groupStats(db, '2026-10-30', '2026-11-29');
      times.push(performance.now() - t0);
      issued = stats.total.issued;
    }
    times.sort((a, b) => a - b);
    lines.push(
      `group report, 31 days × ${stores} stores (${issued} tickets' latest states read): median ${fmt(times[1]!, 0)} ms of 3 runs (min ${fmt(times[0]!, 0)}, max ${fmt(times[2]!, 0)})`,
    );
  } finally {
    await db.end();
    server.destroy();
  }
  return lines;
}
