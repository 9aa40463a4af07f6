/**
 * Ships the store's event log to the dealer group's PostgreSQL (issue #18 §1): batches in seq
 * order, at least once, idempotent on (store_id, hub_id, epoch, seq) in the group, resumable
 * from the seq the group acknowledged (kept in `group_shipping`), with backoff while the group
 * database is unreachable. It only reads the store's log and writes its own row, outside any
 * command: the store's work never waits on it.
 *
 * A restored backup (same hub id, an earlier log) is found by comparing the digests of the
 * events the group holds past our acknowledged seq with our own: at the first difference a new
 * epoch starts, based on the last seq both share. The group then counts, for each seq, the
 * event of the latest epoch that covers it — the store's current history.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../db/database.ts';
import { digestOf, toShipped, type EventRow } from './ship-record.ts';

export interface GroupShippingStatus {
  storeId: string;
  epoch: string;
  /** The last seq the group acknowledged. */
  shippedSeq: number;
  /** Events in the store's log the group has not acknowledged yet. */
  lag: number;
  shippedAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

export interface ShipperOptions {
  db: Db;
  url: string;
  storeId: string;
  hubId: string;
  /** The store's business day of an instant. */
  dayOf: (at: string) => string;
  /** Store facts the group's figures need (the greeting limit, the time zone). */
  storeFacts: () => { greetingLimitSeconds: number; timeZone: string; appointmentWindow: { earlyMinutes: number; lateMinutes: number } };
  batchSize?: number;
  /** Pause when caught up. */
  idleMs?: number;
  /** First and largest pause after a failure (doubling in between). */
  backoffMs?: number;
  maxBackoffMs?: number;
  log?: (message: string) => void;
}

interface LocalState {
  epoch: string;
  epoch_no: number;
  base_seq: number;
  shipped_seq: number;
  shipped_survey_id: number;
  shipped_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
}

export class GroupShipper {
  private readonly pool: pg.Pool;
  private running = false;
  private reconciled = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private failures = 0;
  /** When the group last heard from this hub (epoch ms): an idle hub says so once a minute. */
  private lastBeat = 0;

  constructor(private readonly o: ShipperOptions) {
    this.pool = new pg.Pool({ connectionString: o.url, max: 1, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 10_000 });
    // A connection the server dropped while idle: the next query reconnects.
    this.pool.on('error', ignore);
    if (!this.local()) {
      o.db.prepare(`INSERT INTO group_shipping (id, epoch, epoch_no, base_seq, shipped_seq) VALUES (1, ?, 1, 0, 0)`).run(newEpoch());
    }
  }

  /** A connection whose loss mid-query fails that query (and is not an uncaught 'error' event). */
  private async connect(): Promise<pg.PoolClient> {
    const client = await this.pool.connect();
    client.on('error', ignore);
    return client;
  }

  private local(): LocalState | undefined {
    return this.o.db.prepare('SELECT * FROM group_shipping WHERE id = 1').get() as LocalState | undefined;
  }

  private lastSeq(): number {
    return (this.o.db.prepare('SELECT MAX(seq) AS seq FROM events').get() as { seq: number | null }).seq ?? 0;
  }

  status(): GroupShippingStatus {
    const s = this.local()!;
    return {
      storeId: this.o.storeId,
      epoch: s.epoch,
      shippedSeq: s.shipped_seq,
      lag: Math.max(0, this.lastSeq() - s.shipped_seq),
      shippedAt: s.shipped_at,
      lastError: s.last_error,
      lastErrorAt: s.last_error_at,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Ships sooner than the idle pause (after a change). */
  poke(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.pool.end();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let pause: number;
      try {
        const shipped = await this.shipBatch();
        this.failures = 0;
        pause = shipped >= (this.o.batchSize ?? 500) ? 0 : (this.o.idleMs ?? 1_000);
      } catch (err) {
        this.failures++;
        const message = err instanceof Error ? err.message : String(err);
        this.o.db.prepare('UPDATE group_shipping SET last_error = ?, last_error_at = ? WHERE id = 1').run(message.slice(0, 300), new Date().toISOString());
        if (this.failures === 1) this.o.log?.(`group shipping: ${message}; retrying with backoff`);
        const first = this.o.backoffMs ?? 1_000;
        pause = Math.min(this.o.maxBackoffMs ?? 60_000, first * 2 ** (this.failures - 1));
      }
      if (!this.running) break;
      if (pause > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, pause);
          function done(): void {
            clearTimeout(timer);
            resolve();
          }
          this.wake = done;
        });
        this.wake = null;
      } else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /**
   * One step: agrees with the group on where this database's history stands (first time after
   * a start), then ships the next batch. Returns how many events it shipped.
   */
  async shipBatch(): Promise<number> {
    if (!this.reconciled) {
      await this.reconcile();
      this.reconciled = true;
    }
    const state = this.local()!;
    const limit = this.o.batchSize ?? 500;
    const rows = this.o.db.prepare('SELECT seq, type, payload, at FROM events WHERE seq > ? ORDER BY seq LIMIT ?').all(state.shipped_seq, limit) as EventRow[];
    const surveys = this.o.db
      .prepare('SELECT id, business_day, overall, advisor, speed, lounge FROM surveys WHERE id > ? ORDER BY id LIMIT ?')
      .all(state.shipped_survey_id, limit) as { id: number; business_day: string; overall: number; advisor: number; speed: number; lounge: number }[];
    if (!rows.length && !surveys.length && Date.now() - this.lastBeat < 60_000) return 0;
    const facts = this.o.storeFacts();
    const client = await this.connect();
    try {
      await client.query('BEGIN');
      if (rows.length) {
        const batch = rows.map((r) => {
          const s = toShipped(r, this.o.dayOf);
          return { seq: s.seq, type: s.type, at: s.at, business_day: s.businessDay, entity_id: s.entityId, data: s.data, digest: s.digest };
        });
        await client.query(
          `INSERT INTO events (store_id, hub_id, epoch, seq, type, at, business_day, entity_id, data, digest)
           SELECT $1, $2, $3, x.seq, x.type, x.at, x.business_day, x.entity_id, x.data, x.digest
           FROM jsonb_to_recordset($4::jsonb) AS x(seq bigint, type text, at timestamptz, business_day date, entity_id bigint, data jsonb, digest text)
           ON CONFLICT DO NOTHING`,
          [this.o.storeId, this.o.hubId, state.epoch, JSON.stringify(batch)],
        );
      }
      if (surveys.length) {
        // A restored store may give an id a new survey: the store's latest word wins.
        await client.query(
          `INSERT INTO surveys (store_id, hub_id, survey_id, business_day, overall, advisor, speed, lounge)
           SELECT $1, $2, x.id, x.business_day, x.overall, x.advisor, x.speed, x.lounge
           FROM jsonb_to_recordset($3::jsonb) AS x(id bigint, business_day date, overall smallint, advisor smallint, speed smallint, lounge smallint)
           ON CONFLICT (store_id, hub_id, survey_id) DO UPDATE SET business_day = EXCLUDED.business_day, overall = EXCLUDED.overall,
             advisor = EXCLUDED.advisor, speed = EXCLUDED.speed, lounge = EXCLUDED.lounge`,
          [this.o.storeId, this.o.hubId, JSON.stringify(surveys)],
        );
      }
      const shippedSeq = rows.length ? rows[rows.length - 1]!.seq : state.shipped_seq;
      const shippedSurvey = surveys.length ? surveys[surveys.length - 1]!.id : state.shipped_survey_id;
      await client.query(
        `INSERT INTO hubs (store_id, hub_id, epoch, shipped_seq, greeting_limit_seconds, time_zone, appointment_early_minutes, appointment_late_minutes, last_seen)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
         ON CONFLICT (store_id, hub_id) DO UPDATE SET epoch = EXCLUDED.epoch, shipped_seq = EXCLUDED.shipped_seq,
           greeting_limit_seconds = EXCLUDED.greeting_limit_seconds, time_zone = EXCLUDED.time_zone,
           appointment_early_minutes = EXCLUDED.appointment_early_minutes, appointment_late_minutes = EXCLUDED.appointment_late_minutes, last_seen = now()`,
        [
          this.o.storeId,
          this.o.hubId,
          state.epoch,
          shippedSeq,
          facts.greetingLimitSeconds,
          facts.timeZone,
          facts.appointmentWindow.earlyMinutes,
          facts.appointmentWindow.lateMinutes,
        ],
      );
      await client.query('COMMIT');
      this.lastBeat = Date.now();
      // Acknowledged: only now does the store move its mark (a crash before this re-sends the batch).
      this.o.db
        .prepare('UPDATE group_shipping SET shipped_seq = ?, shipped_survey_id = ?, shipped_at = ?, last_error = NULL, last_error_at = NULL WHERE id = 1')
        .run(shippedSeq, shippedSurvey, new Date().toISOString());
      return rows.length + surveys.length;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.off('error', ignore);
      client.release();
    }
  }

  /** Finds where the group's copy of this hub's history and ours part, and starts an epoch there if they do. */
  private async reconcile(): Promise<void> {
    const { storeId, hubId } = this.o;
    const client = await this.connect();
    try {
      await client.query('BEGIN');
      // One hub at a time decides about a hub id's epochs.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${storeId}/${hubId}`]);
      const epochs = (
        await client.query<{ epoch: string; epoch_no: number; base_seq: string }>(
          'SELECT epoch, epoch_no, base_seq FROM hub_epochs WHERE store_id = $1 AND hub_id = $2 ORDER BY epoch_no',
          [storeId, hubId],
        )
      ).rows.map((e) => ({ ...e, base_seq: Number(e.base_seq) }));
      const state = this.local()!;
      const latest = epochs[epochs.length - 1];
      if (!latest) {
        await client.query('INSERT INTO hub_epochs (store_id, hub_id, epoch, epoch_no, base_seq) VALUES ($1, $2, $3, 1, $4)', [
          storeId,
          hubId,
          state.epoch,
          state.base_seq,
        ]);
        this.o.db.prepare('UPDATE group_shipping SET epoch_no = 1 WHERE id = 1').run();
        await client.query('COMMIT');
        return;
      }
      const mine = epochs.find((e) => e.epoch === state.epoch);
      // Compare from the last seq we know the group holds as our history.
      let from = 0;
      if (mine) {
        from = state.shipped_seq;
        for (const later of epochs) if (later.epoch_no > mine.epoch_no) from = Math.min(from, later.base_seq);
      }
      const theirs = await client.query<{ seq: string; digest: string }>(
        `SELECT e.seq, e.digest FROM events e JOIN hub_epochs h USING (store_id, hub_id, epoch)
         WHERE e.store_id = $1 AND e.hub_id = $2 AND e.seq > $3
           AND NOT EXISTS (SELECT 1 FROM hub_epochs l WHERE l.store_id = e.store_id AND l.hub_id = e.hub_id AND l.epoch_no > h.epoch_no AND l.base_seq < e.seq)
         ORDER BY e.seq`,
        [storeId, hubId, from],
      );
      const ours = this.o.db.prepare('SELECT payload FROM events WHERE seq = ?');
      let shared = from;
      let diverged = false;
      for (const row of theirs.rows) {
        const seq = Number(row.seq);
        const local = ours.get(seq) as { payload: string } | undefined;
        if (!local || digestOf(local.payload) !== row.digest) {
          diverged = true;
          break;
        }
        shared = seq;
      }
      if (diverged) {
        const epoch = newEpoch();
        const epochNo = latest.epoch_no + 1;
        await client.query('INSERT INTO hub_epochs (store_id, hub_id, epoch, epoch_no, base_seq) VALUES ($1, $2, $3, $4, $5)', [
          storeId,
          hubId,
          epoch,
          epochNo,
          shared,
        ]);
        this.o.db.prepare('UPDATE group_shipping SET epoch = ?, epoch_no = ?, base_seq = ?, shipped_seq = ? WHERE id = 1').run(epoch, epochNo, shared, shared);
        // Surveys the restored store no longer has are not its figures.
        const lastSurvey = (this.o.db.prepare('SELECT MAX(id) AS id FROM surveys').get() as { id: number | null }).id ?? 0;
        await client.query('DELETE FROM surveys WHERE store_id = $1 AND hub_id = $2 AND survey_id > $3', [storeId, hubId, lastSurvey]);
        this.o.db.prepare('UPDATE group_shipping SET shipped_survey_id = MIN(shipped_survey_id, ?) WHERE id = 1').run(lastSurvey);
        this.o.log?.(`group shipping: this database's history leaves the group's after seq ${shared} (a restored backup?): new epoch ${epoch}`);
      } else if (!mine || mine.epoch !== latest.epoch) {
        // The group's history is a prefix of ours: carry on in its latest epoch.
        this.o.db
          .prepare('UPDATE group_shipping SET epoch = ?, epoch_no = ?, base_seq = ?, shipped_seq = ? WHERE id = 1')
          .run(latest.epoch, latest.epoch_no, latest.base_seq, shared);
      } else if (shared > state.shipped_seq) {
        // Shipped and committed before, but the acknowledgement was lost (a crash): skip ahead.
        this.o.db.prepare('UPDATE group_shipping SET shipped_seq = ? WHERE id = 1').run(shared);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.off('error', ignore);
      client.release();
    }
  }
}

function ignore(): void {
  // handled where the query fails
}

function newEpoch(): string {
  return randomBytes(8).toString('hex');
}
