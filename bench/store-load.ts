/**
 * Yesterday's load must not slow today (issue: data that holds). Two figures:
 *  - `GET /api/queue` and the staff snapshot with 2,000 tickets waiting (Fastify's in-process
 *    request injection, so the figure is the hub's own work, not the network's);
 *  - a 31-day range statistic over a year of a busy store's data (≈150 tickets, 60 jobs a day).
 * Rows are seeded with plain SQL inserts (the store's own paths would take minutes for a year).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_STORE, StoreConfig } from '../shared/src/services.ts';
import { createHub } from '../hub/src/app.ts';
import { openDatabase, type Db } from '../hub/src/db/database.ts';
import { percentile } from '../hub/src/domain/day-stats.ts';
import { learnFromHistory } from '../hub/src/store/durations.ts';
import { HubStore } from '../hub/src/store/hub-store.ts';
import { seeded } from './random.ts';

const DAY = 86_400_000;
const TODAY_OPEN = Date.parse('2026-11-24T00:00:00Z'); // 08:00 in Shanghai
const SERVICES = DEFAULT_STORE.services.map((s) => ({ id: s.id, prefix: s.prefix }));

function timeIt(runs: number, fn: () => unknown): { median: number; p90: number } {
  fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50)!, p90: percentile(times, 90)! };
}

function insertTickets(db: Db, day: string, open: number, count: number, random: () => number, status: (i: number) => string): void {
  const insert = db.prepare(
    `INSERT INTO tickets (business_day, service, number, plate, phone, ticket_class, status, issued_at, first_called_at, called_at, calls,
                          serving_at, finished_at, counter_id, origin, tracking_token)
     VALUES (?, ?, ?, '粤B12345', '13800138000', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'online', ?)`,
  );
  const perPrefix: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const service = SERVICES[Math.floor(random() * SERVICES.length)]!;
    const n = (perPrefix[service.prefix] = (perPrefix[service.prefix] ?? 0) + 1);
    const issued = open + Math.floor((i / count) * 10 * 3_600_000);
    const s = status(i);
    const called = s === 'waiting' ? null : issued + Math.floor(random() * 600_000);
    const finished = s === 'done' || s === 'no_show' ? called! + 600_000 : null;
    const cls = service.id === 'complaint' ? 'priority' : random() < 0.1 ? 'appointment' : 'walkin';
    insert.run(
      day,
      service.id,
      `${service.prefix}${String(n).padStart(4, '0')}`,
      cls,
      s,
      new Date(issued).toISOString(),
      called && new Date(called).toISOString(),
      called && new Date(called).toISOString(),
      called ? 1 : 0,
      called && new Date(called + 60_000).toISOString(),
      finished && new Date(finished).toISOString(),
      called ? '1' : null,
      `${day}-${String(i).padStart(6, '0')}`,
    );
  }
}

export async function runStoreLoadBench(): Promise<string[]> {
  const random = seeded(7);
  const config = StoreConfig.parse(DEFAULT_STORE);
  const lines: string[] = [];

  // 1. 2,000 tickets waiting today.
  {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'bench-queue-')), 'hub.sqlite'));
    let now = TODAY_OPEN + 11 * 3_600_000;
    db.transaction(() => insertTickets(db, '2026-11-24', TODAY_OPEN, 2000, random, () => 'waiting'))();
    const hub = await createHub({ db, config, clock: { now: () => new Date(now) }, alertIntervalMs: 0, autoCallIntervalMs: 0 });
    // Cold: every request finds the snapshot stale (the clock moved past its freshness), as the
    // first request after each change does. Warm: TVs and phones asking between changes.
    const measure = async (advanceMs: number): Promise<{ median: number; p90: number }> => {
      const times: number[] = [];
      for (let i = 0; i < 31; i++) {
        now += advanceMs;
        const started = performance.now();
        const answer = await hub.app.inject({ method: 'GET', url: '/api/queue' });
        if (answer.statusCode !== 200) throw new Error(`queue answered ${answer.statusCode}`);
        if (i > 0) times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      return { median: percentile(times, 50)!, p90: percentile(times, 90)! };
    };
    const cold = await measure(10_000);
    const warm = await measure(0);
    const staff = timeIt(10, () => hub.store.staffSnapshot());
    lines.push(
      `store load, 2000 waiting: GET /api/queue median ${warm.median.toFixed(1)} ms, p90 ${warm.p90.toFixed(1)} ms (goal ≤ 10 ms); ` +
        `first after a change (snapshot and every wait estimate rebuilt) median ${cold.median.toFixed(1)} ms, p90 ${cold.p90.toFixed(1)} ms; ` +
        `staff snapshot (2000 tickets with estimates) median ${staff.median.toFixed(1)} ms`,
    );
    await hub.close();
    db.close();
  }

  // 2. A year of a busy store: 150 tickets and 60 jobs a day.
  {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'bench-year-')), 'hub.sqlite'));
    const seedStarted = performance.now();
    db.transaction(() => {
      const job = db.prepare(
        `INSERT INTO jobs (ticket_id, business_day, plate, model, surname, title, phone, services, promised_at, wash, bay, stage, stage_started_at,
                           public_id, tracking_token, created_at, delivered_at)
         VALUES (NULL, ?, '粤B12345', '凯美瑞', '王', '先生', '13800138000', '["maintenance"]', ?, 0, 'P1', 'delivered', ?, ?, ?, ?, ?)`,
      );
      const survey = db.prepare(`INSERT INTO surveys (business_day, overall, advisor, speed, lounge, created_at) VALUES (?, 5, 4, 4, 5, ?)`);
      for (let d = 365; d >= 1; d--) {
        const open = TODAY_OPEN - d * DAY;
        const day = new Date(open + 8 * 3_600_000).toISOString().slice(0, 10);
        insertTickets(db, day, open, 150, random, (i) => (i % 10 === 0 ? 'no_show' : 'done'));
        for (let j = 0; j < 60; j++) {
          const created = open + j * 600_000;
          const promised = created + 4 * 3_600_000;
          const delivered = promised + (random() < 0.8 ? -600_000 : 1_800_000);
          job.run(
            day,
            new Date(promised).toISOString(),
            new Date(delivered).toISOString(),
            `${day}-${j}`,
            `${day}-job-${String(j).padStart(4, '0')}`,
            new Date(created).toISOString(),
            new Date(delivered).toISOString(),
          );
        }
        for (let s = 0; s < 20; s++) survey.run(day, new Date(open + s * 1_800_000).toISOString());
      }
    })();
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const store = new HubStore(db, config, { now: () => new Date(TODAY_OPEN + 3_600_000) });
    const range = timeIt(5, () => store.rangeStats('2026-10-01', '2026-10-31'));
    // What the kept wait model saves each time it is kept: learning afresh from four weeks.
    const learn = timeIt(10, () => learnFromHistory(store.ctx, config.queue.serviceMinutes));
    lines.push(
      `store load, a year of data (54 750 tickets, 21 900 jobs, seeded in ${seedSeconds.toFixed(1)} s): 31-day range statistic median ${range.median.toFixed(0)} ms, p90 ${range.p90.toFixed(0)} ms (goal ≤ 200 ms); ` +
        `learning the wait model afresh from the last four weeks (what a kept model saves) median ${learn.median.toFixed(1)} ms, p90 ${learn.p90.toFixed(1)} ms`,
    );
    db.close();
  }
  return lines;
}
