/**
 * Issue #18 §3: a real hub process SIGKILLed exactly mid-batch, at the two moments that matter,
 * both held there by PostgreSQL itself (no hook in the hub):
 * - the batch's events inserted but its transaction not committed (the hub's row in `hubs` is
 *   locked by the test, so the batch waits at its last statement);
 * - the batch committed in the group but not yet acknowledged in the store (a synchronous
 *   standby that never connects holds the COMMIT's answer back).
 * After a restart every event is in the group exactly once.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateGroup } from '../group/src/schema.ts';
import { pool, waitFor } from './helpers/group-scenario.ts';
import { HubProcess } from './helpers/hub-process.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';

const STORE = 'store-kill';
let pgServer: TestPostgres;
let db: pg.Pool;

beforeAll(async () => {
  pgServer = await startPostgres();
  db = pool(pgServer.url);
  await migrateGroup(db);
}, 60_000);

afterAll(async () => {
  await db?.end();
  pgServer?.destroy();
});

/** The store's own acknowledged mark, read from its SQLite file (the hub is not running). */
function storeShippedSeq(hub: HubProcess): number {
  const file = new Database(join(hub.dataDir, 'hub.sqlite'), { readonly: true });
  try {
    return (file.prepare('SELECT shipped_seq FROM group_shipping WHERE id = 1').get() as { shipped_seq: number }).shipped_seq;
  } finally {
    file.close();
  }
}

async function groupCounts(): Promise<{ rows: number; distinct: number; issued: number; max: number }> {
  return (
    await db.query<{ rows: number; distinct: number; issued: number; max: number }>(
      `SELECT COUNT(*)::int AS rows, COUNT(DISTINCT seq)::int AS distinct, (COUNT(*) FILTER (WHERE type = 'ticket.issued'))::int AS issued,
         COALESCE(MAX(seq), 0)::int AS max
       FROM events WHERE store_id = $1`,
      [STORE],
    )
  ).rows[0]!;
}

/** The group's backend of the hub's shipper, once it waits where the test holds it (a wait event or its type). */
async function shipperWaiting(where: { event: string; query: string }): Promise<number | null> {
  const row = (
    await db.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND $1 IN (wait_event, wait_event_type) AND query LIKE $2`,
      [where.event, where.query],
    )
  ).rows[0];
  return row?.pid ?? null;
}

describe('a hub SIGKILLed mid-batch', () => {
  it('loses nothing and duplicates nothing, whether the group had committed the batch or not', async () => {
    const hub = new HubProcess({ env: { GROUP_DATABASE_URL: pgServer.url, STORE_ID: STORE } });
    const health = async () => (await hub.get('/api/health')).body;
    const caughtUp = async (): Promise<void> =>
      waitFor(async () => {
        const h = await health();
        return h.group?.lag === 0 && h.group.shippedSeq === h.seq;
      }, 'the hub to catch up');
    let n = 0;
    const issue = async (kiosk: string, count: number): Promise<void> => {
      for (let i = 0; i < count; i++) {
        const r = await hub.post('/api/tickets', { service: 'maintenance', plate: '粤B12345', idempotencyKey: `group-kill-${++n}` }, kiosk);
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }
    };
    const locker = await db.connect();
    try {
      await hub.start();
      const admin = await hub.login();
      const kiosk = await hub.enrol(admin, 'kiosk');
      await caughtUp();
      const before = await groupCounts();

      // 1. Inserted, not committed: the test holds the hub's row, the batch waits at its upsert.
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM hubs WHERE store_id = $1 FOR UPDATE', [STORE]);
      await issue(kiosk, 20);
      let pid: number | null = null;
      await waitFor(async () => (pid = await shipperWaiting({ event: 'Lock', query: 'INSERT INTO hubs%' })) !== null, 'the batch to wait on the lock');
      // The batch's events are written in its transaction (it holds the lock that writing takes).
      const wrote = await db.query(
        `SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE l.pid = $1 AND c.relname = 'events' AND l.mode = 'RowExclusiveLock'`,
        [pid],
      );
      expect(wrote.rowCount).toBe(1);
      const seqAtKill = (await health()).seq as number;
      await hub.kill();
      await locker.query('ROLLBACK');
      // The orphaned transaction ends when its backend finds the client gone.
      await waitFor(async () => (await db.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 0, 'the orphaned backend to end');
      const afterFirstKill = await groupCounts();
      expect(afterFirstKill).toEqual(before);
      expect(storeShippedSeq(hub)).toBe(before.max);
      expect(seqAtKill).toBeGreaterThanOrEqual(before.max + 20);

      await hub.start();
      await caughtUp();
      let h = await health();
      expect(await groupCounts()).toEqual({ rows: h.seq, distinct: h.seq, issued: 20, max: h.seq });

      // 2. Committed in the group, not acknowledged in the store: COMMIT waits for a standby that never comes.
      await db.query(`ALTER SYSTEM SET synchronous_standby_names = 'never_connects'`);
      await db.query('SELECT pg_reload_conf()');
      try {
        await issue(kiosk, 10);
        await waitFor(async () => (await shipperWaiting({ event: 'SyncRep', query: 'COMMIT' })) !== null, 'the batch to wait at COMMIT');
        await hub.kill();
      } finally {
        await db.query('ALTER SYSTEM RESET synchronous_standby_names');
        await db.query('SELECT pg_reload_conf()');
      }
      await waitFor(async () => (await shipperWaiting({ event: 'SyncRep', query: 'COMMIT' })) === null, 'the COMMIT to be released');
      const committed = await groupCounts();
      // The group has the batch (the tickets issued before it was read); the store never heard so, and will send it again.
      expect(committed.issued).toBeGreaterThan(20);
      expect(storeShippedSeq(hub)).toBe(h.seq);
      expect(committed.max).toBeGreaterThan(h.seq);

      await hub.start();
      await caughtUp();
      h = await health();
      expect(h.group).toMatchObject({ storeId: STORE, lastError: null, lag: 0 });
      expect(await groupCounts()).toEqual({ rows: h.seq, distinct: h.seq, issued: 30, max: h.seq });
      // The same history throughout: no new epoch was started for a re-sent batch.
      expect((await db.query('SELECT 1 FROM hub_epochs WHERE store_id = $1', [STORE])).rowCount).toBe(1);
      const tickets = await db.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM entity_states WHERE store_id = $1 AND kind = 'ticket'`, [STORE]);
      expect(tickets.rows[0]!.n).toBe(30);
    } finally {
      locker.release();
      await hub.stop();
    }
  }, 120_000);
});
