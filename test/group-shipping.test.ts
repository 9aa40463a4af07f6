/**
 * Issue #18: stores ship their event logs to a real PostgreSQL (Debian's package, started in a
 * temporary directory), and the group's figures for a store equal the store's own.
 */
import { copyFileSync, rmSync } from 'node:fs';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupStats, type GroupFigures } from '../group/src/stats.ts';
import { migrateGroup } from '../group/src/schema.ts';
import { advisor, kiosk, testHub, type TestHub } from '../hub/src/store/test-support.ts';
import type { DayStats } from '../hub/src/domain/day-stats.ts';
import { busyHours, drain, pool, shipperFor, waitFor } from './helpers/group-scenario.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';

const DAY = '2026-11-24';
let pgServer: TestPostgres;
let db: pg.Pool;

beforeAll(async () => {
  pgServer = await startPostgres();
  db = pool(pgServer.url);
  expect(await migrateGroup(db)).toBe(3);
  // Twice, at once: applied once.
  await Promise.all([migrateGroup(db), migrateGroup(db)]);
}, 60_000);

afterAll(async () => {
  await db?.end();
  pgServer?.destroy();
});

/** The figures both sides define the same way. */
function comparable(f: DayStats | GroupFigures) {
  return {
    issued: f.issued,
    called: f.called,
    served: f.served,
    noShows: f.noShows,
    waitP50Seconds: f.waitP50Seconds,
    waitP90Seconds: f.waitP90Seconds,
    greeting: f.greeting,
    greetingRate: f.greetingRate,
    onTimeDelivery: f.onTimeDelivery,
    satisfaction: f.satisfaction,
    byService: Object.fromEntries(Object.entries(f.byService).sort(([a], [b]) => a.localeCompare(b))),
  };
}

async function storeFigures(storeId: string, day = DAY): Promise<GroupFigures | undefined> {
  return (await groupStats(db, day, day)).stores.find((s) => s.storeId === storeId);
}

async function shippedCount(storeId: string): Promise<{ rows: number; distinct: number }> {
  const r = await db.query<{ rows: number; distinct: number }>(
    'SELECT COUNT(*)::int AS rows, COUNT(DISTINCT (hub_id, epoch, seq))::int AS distinct FROM events WHERE store_id = $1',
    [storeId],
  );
  return r.rows[0]!;
}

describe('shipping a store to the group', () => {
  it("ships every event once, without phones, plates or names, and the group's figures equal the store's own", async () => {
    const h = testHub();
    busyHours(h, 25, 1);
    const own = h.store.dayStats(DAY);
    expect(own.issued).toBeGreaterThan(20);
    expect(own.noShows).toBeGreaterThan(0);
    expect(own.onTimeDelivery.delivered).toBeGreaterThan(own.onTimeDelivery.onTime);
    expect(own.onTimeDelivery.onTime).toBeGreaterThan(0);
    expect(own.greeting.counted).toBeGreaterThan(own.greeting.inTime);
    expect(own.greeting.inTime).toBeGreaterThan(0);
    expect(own.waitP90Seconds!).toBeGreaterThan(own.waitP50Seconds!);
    expect(own.satisfaction!.responses).toBeGreaterThan(2);

    const shipper = shipperFor(h, pgServer.url, 'store-a', { batchSize: 37 });
    await drain(shipper);
    expect(shipper.status()).toMatchObject({ shippedSeq: h.store.lastSeq(), lag: 0, lastError: null });
    expect(await shippedCount('store-a')).toEqual({ rows: h.store.lastSeq(), distinct: h.store.lastSeq() });

    // Re-sending everything (an acknowledgement lost in a crash) changes nothing.
    h.db.prepare('UPDATE group_shipping SET shipped_seq = 0').run();
    const again = shipperFor(h, pgServer.url, 'store-a');
    await drain(again);
    expect(await shippedCount('store-a')).toEqual({ rows: h.store.lastSeq(), distinct: h.store.lastSeq() });
    await Promise.all([shipper.stop(), again.stop()]);

    // Nothing personal left the store.
    const leaked = await db.query(
      `SELECT seq, data FROM events WHERE store_id = 'store-a' AND (data::text ~ '1380013|粤|张|Li' OR data ? 'plate' OR data ? 'phone')`,
    );
    expect(leaked.rows).toEqual([]);
    expect((await db.query(`SELECT 1 FROM events WHERE store_id = 'store-a' AND data ? 'service'`)).rowCount).toBeGreaterThan(0);

    const figures = await storeFigures('store-a');
    expect(comparable(figures!)).toEqual(comparable(own));
  });

  it('two hubs shipping at once both arrive exactly once, each with its own figures', async () => {
    const b = testHub();
    const c = testHub();
    busyHours(b, 20, 2);
    busyHours(c, 20, 3);
    const sb = shipperFor(b, pgServer.url, 'store-b', { batchSize: 10 });
    const sc = shipperFor(c, pgServer.url, 'store-c', { batchSize: 10 });
    sb.start();
    sc.start();
    // Meanwhile the stores keep working: shipping never holds them.
    busyHours(b, 5, 4);
    busyHours(c, 5, 5);
    await waitFor(() => sb.status().lag === 0 && sc.status().lag === 0, 'both hubs caught up');
    await Promise.all([sb.stop(), sc.stop()]);
    expect(await shippedCount('store-b')).toEqual({ rows: b.store.lastSeq(), distinct: b.store.lastSeq() });
    expect(await shippedCount('store-c')).toEqual({ rows: c.store.lastSeq(), distinct: c.store.lastSeq() });
    expect(comparable((await storeFigures('store-b'))!)).toEqual(comparable(b.store.dayStats(DAY)));
    expect(comparable((await storeFigures('store-c'))!)).toEqual(comparable(c.store.dayStats(DAY)));
    const stats = await groupStats(db, DAY, DAY);
    expect(stats.total.issued).toBe(stats.stores.reduce((n, s) => n + s.issued, 0));
  });

  it('a new hub for the same store ships beside the old one: both hubs once each, the store counts both', async () => {
    const old = testHub();
    const fresh = testHub();
    busyHours(old, 6, 11);
    busyHours(fresh, 7, 12);
    expect(fresh.store.hubId).not.toBe(old.store.hubId);
    for (const h of [old, fresh]) {
      const s = shipperFor(h, pgServer.url, 'store-f');
      await drain(s);
      await s.stop();
    }
    const perHub = await db.query<{ hub_id: string; n: number }>(
      `SELECT hub_id, COUNT(DISTINCT seq)::int AS n FROM events WHERE store_id = 'store-f' GROUP BY hub_id`,
    );
    expect(Object.fromEntries(perHub.rows.map((r) => [r.hub_id, r.n]))).toEqual({
      [old.store.hubId]: old.store.lastSeq(),
      [fresh.store.hubId]: fresh.store.lastSeq(),
    });
    expect(await shippedCount('store-f')).toEqual({ rows: old.store.lastSeq() + fresh.store.lastSeq(), distinct: old.store.lastSeq() + fresh.store.lastSeq() });
    const figures = (await storeFigures('store-f'))!;
    const [a, b] = [old.store.dayStats(DAY), fresh.store.dayStats(DAY)];
    expect([figures.issued, figures.called, figures.noShows]).toEqual([a.issued + b.issued, a.called + b.called, a.noShows + b.noShows]);
  });

  it('group schemas 2 and 3 build their roll-ups (latest states, ticket days) from events shipped before them', async () => {
    await db.query('CREATE DATABASE upgrade_test');
    const url = pgServer.url.replace(/\/postgres$/, '/upgrade_test');
    const old = pool(url);
    try {
      expect(await migrateGroup(old, 1)).toBe(1);
      const h = testHub();
      busyHours(h, 8, 13);
      const s = shipperFor(h, url, 'store-g');
      await drain(s);
      await s.stop();
      expect(await migrateGroup(old)).toBe(3);
      const figures = (await groupStats(old, DAY, DAY)).stores.find((x) => x.storeId === 'store-g')!;
      expect(comparable(figures)).toEqual(comparable(h.store.dayStats(DAY)));
    } finally {
      await old.end();
    }
  });

  it("appointment figures (booked, arrived, on time, no-shows, share) equal the store's own", async () => {
    const h = testHub({
      appointments: { slotCapacity: { maintenance: 2 }, defaultSlotCapacity: 1, firstSlot: '09:00', lastSlot: '12:00', reminderHoursBefore: 24 },
    });
    const at = (hhmm: string): string => new Date(`${DAY}T${hhmm}:00+08:00`).toISOString();
    const book = (hhmm: string, plate: string, code?: string) =>
      h.store.appointments.book({ service: 'maintenance', scheduledAt: at(hhmm), plate, ...(code ? { code } : {}), idempotencyKey: h.key() }, advisor).result;
    book('09:00', '粤B20001', 'APPT0001');
    book('09:00', '粤B20002');
    book('09:30', '粤B20003');
    book('09:30', '粤B20004');
    const cancelled = book('10:00', '粤B20005');
    h.store.appointments.cancel(cancelled.id, undefined, h.key(), advisor);
    h.clock.set(at('09:05'));
    h.store.tickets.issue({ appointmentCode: 'APPT0001', idempotencyKey: h.key() }, kiosk);
    h.store.tickets.issue({ service: 'maintenance', plate: '粤B20002', idempotencyKey: h.key() }, kiosk);
    h.clock.set(at('10:00')); // 30 minutes late: arrived, not on time; at the gate, without a ticket
    h.store.arrivals.register({ plate: '粤B20003', source: 'guard', idempotencyKey: h.key() }, advisor);
    h.store.tickets.issue({ service: 'repair', plate: '粤B29999', idempotencyKey: h.key() }, kiosk);
    expect(h.store.appointments.markNoShows().result).toBe(1);
    const own = h.store.appointments.figures(DAY);
    expect(own).toMatchObject({ booked: 4, arrived: 3, onTime: 2, noShows: 1, cancelled: 1, arrivals: 4 });

    const shipper = shipperFor(h, pgServer.url, 'store-h');
    await drain(shipper);
    await shipper.stop();
    // The hourly load is against the store's own slot capacities, a setting that is not shipped.
    const { day: _day, loadByHour: _load, ...figures } = own;
    expect((await storeFigures('store-h'))!.appointments).toEqual(figures);
  });

  it('keeps the store working while PostgreSQL is down, shows the error, and catches up exactly once after it restarts', async () => {
    const h = testHub();
    busyHours(h, 10, 6);
    const shipper = shipperFor(h, pgServer.url, 'store-d', { batchSize: 5 });
    shipper.start();
    await waitFor(() => shipper.status().shippedSeq > 0, 'a first batch');
    pgServer.stop();
    try {
      busyHours(h, 10, 7);
      await waitFor(() => shipper.status().lastError !== null, 'the error to show');
      expect(shipper.status().lag).toBeGreaterThan(0);
    } finally {
      pgServer.start();
    }
    await waitFor(() => shipper.status().lag === 0, 'catching up', 25_000);
    await shipper.stop();
    expect(shipper.status().lastError).toBeNull();
    expect(await shippedCount('store-d')).toEqual({ rows: h.store.lastSeq(), distinct: h.store.lastSeq() });
    expect(comparable((await storeFigures('store-d'))!)).toEqual(comparable(h.store.dayStats(DAY)));
  }, 30_000);

  it('a restored backup starts a new epoch: no collision, and the group counts the restored history', async () => {
    const h: TestHub = testHub();
    busyHours(h, 8, 8);
    const first = shipperFor(h, pgServer.url, 'store-e');
    await drain(first);
    await first.stop();
    const backup = `${h.file}.backup`;
    await h.store.backup(backup);
    const atBackup = h.store.lastSeq();
    // After the backup the store works on, and ships it; then its disk dies.
    busyHours(h, 12, 9);
    const second = shipperFor(h, pgServer.url, 'store-e');
    await drain(second);
    await second.stop();
    const lost = h.store.lastSeq();
    expect(lost).toBeGreaterThan(atBackup);
    const oldEpoch = second.status().epoch;

    h.db.close();
    copyFileSync(backup, h.file);
    rmSync(`${h.file}-wal`, { force: true });
    rmSync(`${h.file}-shm`, { force: true });
    h.reopen();
    expect(h.store.lastSeq()).toBe(atBackup);
    // The restored store issues tickets again: the same seqs, different events.
    busyHours(h, 3, 10);
    const restored = shipperFor(h, pgServer.url, 'store-e');
    await drain(restored);
    await restored.stop();
    expect(restored.status().epoch).not.toBe(oldEpoch);
    expect(restored.status()).toMatchObject({ shippedSeq: h.store.lastSeq(), lag: 0 });

    const epochs = await db.query<{ epoch: string; epoch_no: number; base_seq: string }>(
      `SELECT epoch, epoch_no, base_seq FROM hub_epochs WHERE store_id = 'store-e' ORDER BY epoch_no`,
    );
    expect(epochs.rows.map((e) => [e.epoch, e.epoch_no, Number(e.base_seq)])).toEqual([
      [oldEpoch, 1, 0],
      [restored.status().epoch, 2, atBackup],
    ]);
    // Both lines of history are kept, each once: the old one whole, the new one past the backup.
    const perEpoch = await db.query<{ epoch: string; n: number; lo: string; hi: string }>(
      `SELECT epoch, COUNT(*)::int AS n, MIN(seq) AS lo, MAX(seq) AS hi FROM events WHERE store_id = 'store-e' GROUP BY epoch`,
    );
    const byEpoch = Object.fromEntries(perEpoch.rows.map((r) => [r.epoch, [r.n, Number(r.lo), Number(r.hi)]]));
    expect(byEpoch[oldEpoch]).toEqual([lost, 1, lost]);
    expect(byEpoch[restored.status().epoch]).toEqual([h.store.lastSeq() - atBackup, atBackup + 1, h.store.lastSeq()]);
    // The lost history issued more tickets than the restored one (12 rounds against 3): those the
    // restored store never issued again must not count.
    const issuedAfterBackup = async (epoch: string): Promise<number> =>
      (
        await db.query<{ n: number }>(
          `SELECT COUNT(*)::int AS n FROM events WHERE store_id = 'store-e' AND epoch = $1 AND seq > $2 AND type = 'ticket.issued'`,
          [epoch, atBackup],
        )
      ).rows[0]!.n;
    expect(await issuedAfterBackup(oldEpoch)).toBeGreaterThan(await issuedAfterBackup(restored.status().epoch));
    // The group's figures are the restored store's own.
    expect(comparable((await storeFigures('store-e'))!)).toEqual(comparable(h.store.dayStats(DAY)));
  });
});
