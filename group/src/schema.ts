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
        appointment_early_minutes integer  NOT NULL DEFAULT 30,
        appointment_late_minutes  integer  NOT NULL DEFAULT 15,
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
      -- On-site satisfaction scores (no comments), by the store's survey id.
      CREATE TABLE surveys (
        store_id     text     NOT NULL,
        hub_id       text     NOT NULL,
        survey_id    bigint   NOT NULL,
        business_day date     NOT NULL,
        overall      smallint NOT NULL,
        advisor      smallint NOT NULL,
        speed        smallint NOT NULL,
        lounge       smallint NOT NULL,
        PRIMARY KEY (store_id, hub_id, survey_id)
      );
      CREATE INDEX surveys_by_day ON surveys (business_day, store_id);
      -- Reports read a date range of one kind of event, per store.
      CREATE INDEX events_by_day ON events (business_day, store_id, type);
      CREATE INDEX events_by_entity ON events (store_id, hub_id, entity_id) WHERE entity_id IS NOT NULL;
    `,
  },
  {
    version: 2,
    name: 'latest state of each ticket and job, kept by triggers (the reports read it)',
    sql: `
      CREATE TABLE entity_states (
        store_id         text        NOT NULL,
        hub_id           text        NOT NULL,
        kind             text        NOT NULL,
        entity_id        bigint      NOT NULL,
        epoch_no         integer     NOT NULL,
        seq              bigint      NOT NULL,
        business_day     date,
        service          text,
        status           text,
        issued_at        timestamptz,
        first_called_at  timestamptz,
        finished_at      timestamptz,
        stage            text,
        stage_started_at timestamptz,
        promised_at      timestamptz,
        scheduled_at     timestamptz,
        arrived_at       timestamptz,
        checked_in_ticket_id bigint,
        PRIMARY KEY (store_id, hub_id, kind, entity_id)
      );
      CREATE INDEX entity_states_by_day ON entity_states (kind, business_day, store_id);

      -- The state an event leaves its ticket or job in.
      CREATE FUNCTION entity_state_rows(src_store text, src_hub text, from_seq bigint, only_ids bigint[])
      RETURNS SETOF entity_states LANGUAGE sql STABLE AS $f$
        SELECT DISTINCT ON (e.store_id, e.hub_id, split_part(e.type, '.', 1), e.entity_id)
          e.store_id, e.hub_id, split_part(e.type, '.', 1), e.entity_id, h.epoch_no, e.seq, e.business_day,
          e.data->>'service', e.data->>'status', (e.data->>'issuedAt')::timestamptz, (e.data->>'firstCalledAt')::timestamptz,
          (e.data->>'finishedAt')::timestamptz, e.data->>'stage', (e.data->>'stageStartedAt')::timestamptz, (e.data->>'promisedAt')::timestamptz,
          (e.data->>'scheduledAt')::timestamptz, (e.data->>'arrivedAt')::timestamptz, (e.data->>'checkedInTicketId')::bigint
        FROM events e JOIN hub_epochs h USING (store_id, hub_id, epoch)
        WHERE e.store_id = src_store AND e.hub_id = src_hub AND e.seq > from_seq AND e.entity_id IS NOT NULL
          AND (e.type LIKE 'ticket.%' OR e.type LIKE 'job.%' OR e.type LIKE 'appointment.%')
          AND (only_ids IS NULL OR e.entity_id = ANY (only_ids))
          AND NOT EXISTS (SELECT 1 FROM hub_epochs l
                          WHERE l.store_id = e.store_id AND l.hub_id = e.hub_id AND l.epoch_no > h.epoch_no AND l.base_seq < e.seq)
        ORDER BY e.store_id, e.hub_id, split_part(e.type, '.', 1), e.entity_id, h.epoch_no DESC, e.seq DESC
      $f$;

      -- Each shipped batch moves the states it touches forward (a re-sent event inserts nothing).
      CREATE FUNCTION entity_states_after_insert() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        INSERT INTO entity_states
          SELECT DISTINCT ON (n.store_id, n.hub_id, split_part(n.type, '.', 1), n.entity_id)
            n.store_id, n.hub_id, split_part(n.type, '.', 1), n.entity_id, h.epoch_no, n.seq, n.business_day,
            n.data->>'service', n.data->>'status', (n.data->>'issuedAt')::timestamptz, (n.data->>'firstCalledAt')::timestamptz,
            (n.data->>'finishedAt')::timestamptz, n.data->>'stage', (n.data->>'stageStartedAt')::timestamptz, (n.data->>'promisedAt')::timestamptz,
            (n.data->>'scheduledAt')::timestamptz, (n.data->>'arrivedAt')::timestamptz, (n.data->>'checkedInTicketId')::bigint
          FROM new_rows n JOIN hub_epochs h USING (store_id, hub_id, epoch)
          WHERE n.entity_id IS NOT NULL AND (n.type LIKE 'ticket.%' OR n.type LIKE 'job.%' OR n.type LIKE 'appointment.%')
          ORDER BY n.store_id, n.hub_id, split_part(n.type, '.', 1), n.entity_id, h.epoch_no DESC, n.seq DESC
        ON CONFLICT (store_id, hub_id, kind, entity_id) DO UPDATE SET
          epoch_no = EXCLUDED.epoch_no, seq = EXCLUDED.seq, business_day = EXCLUDED.business_day, service = EXCLUDED.service,
          status = EXCLUDED.status, issued_at = EXCLUDED.issued_at, first_called_at = EXCLUDED.first_called_at,
          finished_at = EXCLUDED.finished_at, stage = EXCLUDED.stage, stage_started_at = EXCLUDED.stage_started_at,
          promised_at = EXCLUDED.promised_at, scheduled_at = EXCLUDED.scheduled_at, arrived_at = EXCLUDED.arrived_at,
          checked_in_ticket_id = EXCLUDED.checked_in_ticket_id
          WHERE (entity_states.epoch_no, entity_states.seq) < (EXCLUDED.epoch_no, EXCLUDED.seq);
        RETURN NULL;
      END $f$;
      CREATE TRIGGER entity_states_after_insert AFTER INSERT ON events
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION entity_states_after_insert();

      -- A new epoch (a restored backup) replaces the history past its base: states set there are
      -- taken again from the events still live (or dropped when none is).
      CREATE FUNCTION entity_states_after_epoch() RETURNS trigger LANGUAGE plpgsql AS $f$
      DECLARE
        gone_tickets bigint[];
        gone_jobs bigint[];
        gone_appointments bigint[];
      BEGIN
        WITH gone AS (
          DELETE FROM entity_states s WHERE s.store_id = NEW.store_id AND s.hub_id = NEW.hub_id AND s.epoch_no < NEW.epoch_no AND s.seq > NEW.base_seq
          RETURNING s.kind, s.entity_id)
        SELECT array_agg(entity_id) FILTER (WHERE kind = 'ticket'), array_agg(entity_id) FILTER (WHERE kind = 'job'),
          array_agg(entity_id) FILTER (WHERE kind = 'appointment') INTO gone_tickets, gone_jobs, gone_appointments FROM gone;
        INSERT INTO entity_states SELECT * FROM entity_state_rows(NEW.store_id, NEW.hub_id, 0, gone_tickets) WHERE kind = 'ticket' AND gone_tickets IS NOT NULL;
        INSERT INTO entity_states SELECT * FROM entity_state_rows(NEW.store_id, NEW.hub_id, 0, gone_jobs) WHERE kind = 'job' AND gone_jobs IS NOT NULL;
        INSERT INTO entity_states SELECT * FROM entity_state_rows(NEW.store_id, NEW.hub_id, 0, gone_appointments)
          WHERE kind = 'appointment' AND gone_appointments IS NOT NULL;
        RETURN NULL;
      END $f$;
      CREATE TRIGGER entity_states_after_epoch AFTER INSERT ON hub_epochs FOR EACH ROW EXECUTE FUNCTION entity_states_after_epoch();

      -- Events shipped before this migration.
      INSERT INTO entity_states SELECT r.* FROM (SELECT DISTINCT store_id, hub_id FROM hub_epochs) hh, entity_state_rows(hh.store_id, hh.hub_id, 0, NULL) r;
    `,
  },
  {
    version: 3,
    name: 'tickets pre-aggregated per store, hub, day and service (a range report reads days × stores rows)',
    sql: `
      -- One row per hub, business day and service: the counts, and the exact waits (sorted) that
      -- percentiles and the greeting rate need. The greeting limit is applied when reporting (a
      -- store may change it), so the row keeps the uncalled tickets' waits too, and the issue
      -- times of those still open (they wait until now).
      CREATE TABLE ticket_days (
        store_id       text          NOT NULL,
        hub_id         text          NOT NULL,
        business_day   date          NOT NULL,
        service        text          NOT NULL,
        issued         integer       NOT NULL,
        served         integer       NOT NULL,
        no_shows       integer       NOT NULL,
        waits          float8[]      NOT NULL,
        uncalled_waits float8[]      NOT NULL,
        open_issued_at timestamptz[] NOT NULL,
        PRIMARY KEY (business_day, store_id, hub_id, service)
      );
      CREATE INDEX ticket_days_by_hub ON ticket_days (store_id, hub_id, business_day);

      -- Recomputes the rows of the given (store, hub, day) keys from the tickets' latest states.
      CREATE FUNCTION ticket_days_refresh(stores text[], hubs text[], days date[]) RETURNS void LANGUAGE sql AS $f$
        DELETE FROM ticket_days t USING unnest(stores, hubs, days) AS k(store_id, hub_id, business_day)
          WHERE t.store_id = k.store_id AND t.hub_id = k.hub_id AND t.business_day = k.business_day;
        INSERT INTO ticket_days
          SELECT s.store_id, s.hub_id, s.business_day, COALESCE(s.service, ''), COUNT(*),
            COUNT(*) FILTER (WHERE s.status = 'done'), COUNT(*) FILTER (WHERE s.status = 'no_show'),
            COALESCE(array_agg(EXTRACT(EPOCH FROM s.first_called_at - s.issued_at)::float8 ORDER BY s.first_called_at - s.issued_at)
              FILTER (WHERE s.first_called_at IS NOT NULL), '{}'),
            COALESCE(array_agg(EXTRACT(EPOCH FROM s.finished_at - s.issued_at)::float8) FILTER (WHERE s.first_called_at IS NULL AND s.finished_at IS NOT NULL), '{}'),
            COALESCE(array_agg(s.issued_at) FILTER (WHERE s.first_called_at IS NULL AND s.finished_at IS NULL), '{}')
          FROM entity_states s JOIN unnest(stores, hubs, days) AS k(store_id, hub_id, business_day)
            ON s.store_id = k.store_id AND s.hub_id = k.hub_id AND s.business_day = k.business_day
          WHERE s.kind = 'ticket' AND s.status IS DISTINCT FROM 'void'
          GROUP BY s.store_id, s.hub_id, s.business_day, COALESCE(s.service, '');
      $f$;

      -- Every statement that changes tickets' states refreshes the days it touched (a shipped
      -- batch: usually one day of one hub).
      CREATE FUNCTION ticket_days_after_change() RETURNS trigger LANGUAGE plpgsql AS $f$
      DECLARE
        ks text[];
        kh text[];
        kd date[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(store_id), array_agg(hub_id), array_agg(business_day) INTO ks, kh, kd
            FROM (SELECT DISTINCT store_id, hub_id, business_day FROM new_rows WHERE kind = 'ticket' AND business_day IS NOT NULL) k;
        ELSIF TG_OP = 'UPDATE' THEN
          SELECT array_agg(store_id), array_agg(hub_id), array_agg(business_day) INTO ks, kh, kd
            FROM (SELECT store_id, hub_id, business_day FROM new_rows WHERE kind = 'ticket' AND business_day IS NOT NULL
                  UNION SELECT store_id, hub_id, business_day FROM old_rows WHERE kind = 'ticket' AND business_day IS NOT NULL) k;
        ELSE
          SELECT array_agg(store_id), array_agg(hub_id), array_agg(business_day) INTO ks, kh, kd
            FROM (SELECT DISTINCT store_id, hub_id, business_day FROM old_rows WHERE kind = 'ticket' AND business_day IS NOT NULL) k;
        END IF;
        IF ks IS NOT NULL THEN
          PERFORM ticket_days_refresh(ks, kh, kd);
        END IF;
        RETURN NULL;
      END $f$;
      CREATE TRIGGER ticket_days_after_insert AFTER INSERT ON entity_states
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_days_after_change();
      CREATE TRIGGER ticket_days_after_update AFTER UPDATE ON entity_states
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_days_after_change();
      CREATE TRIGGER ticket_days_after_delete AFTER DELETE ON entity_states
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_days_after_change();

      -- Tickets shipped before this migration.
      SELECT ticket_days_refresh(array_agg(store_id), array_agg(hub_id), array_agg(business_day))
        FROM (SELECT DISTINCT store_id, hub_id, business_day FROM entity_states WHERE kind = 'ticket' AND business_day IS NOT NULL) k;
    `,
  },
];

export const GROUP_SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the group database up to the newest schema (or `upTo`, for tests); returns the version it is at. */
export async function migrateGroup(pool: pg.Pool, upTo = MIGRATIONS.length): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(18180018)');
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (done.has(m.version) || m.version > upTo) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    await client.query('COMMIT');
    return Math.max(upTo, ...done);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
