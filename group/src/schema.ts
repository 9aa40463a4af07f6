/**
 * The group database's schema, as numbered migrations applied in order (issue #18 §2). Each
 * runs in one transaction under an advisory lock, so two servers starting at once apply it once.
 */
import type pg from 'pg';

const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'shipped events, hubs and their epochs',
    sql: `
      -- Every hub that ever shipped, with the store facts the figures need.
      CREATE TABLE hubs (
        store_id               text        NOT NULL,
        hub_id                 text        NOT NULL,
        epoch                  text        NOT NULL,
        shipped_seq            bigint      NOT NULL,
        greeting_limit_seconds integer     NOT NULL,
        time_zone              text        NOT NULL,
        last_seen              timestamptz NOT NULL,
        PRIMARY KEY (store_id, hub_id)
      );
      -- A hub's lines of history: a restored backup starts a new one after the last seq both share.
      CREATE TABLE hub_epochs (
        store_id   text        NOT NULL,
        hub_id     text        NOT NULL,
        epoch      text        NOT NULL,
        epoch_no   integer     NOT NULL,
        base_seq   bigint      NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (store_id, hub_id, epoch),
        UNIQUE (store_id, hub_id, epoch_no)
      );
      CREATE TABLE events (
        store_id     text        NOT NULL,
        hub_id       text        NOT NULL,
        epoch        text        NOT NULL,
        seq          bigint      NOT NULL,
        type         text        NOT NULL,
        at           timestamptz NOT NULL,
        business_day date,
        entity_id    bigint,
        data         jsonb       NOT NULL,
        digest       text        NOT NULL,
        received_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (store_id, hub_id, epoch, seq)
      );
      -- Reports read a date range of one kind of event, per store.
      CREATE INDEX events_by_day ON events (business_day, store_id, type);
      CREATE INDEX events_by_entity ON events (store_id, hub_id, entity_id) WHERE entity_id IS NOT NULL;
    `,
  },
];

export const GROUP_SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the group database up to the newest schema; returns the version it is at. */
export async function migrateGroup(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(18180018)');
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    await client.query('COMMIT');
    return MIGRATIONS.length;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
