/**
 * Numbered schema migrations. Rules: never edit a migration that has shipped; add a new one.
 * Each runs in one transaction together with the `PRAGMA user_version` bump.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'tickets, daily numbering, idempotency keys, event log',
    up(db) {
      db.exec(`
        CREATE TABLE tickets (
          id             INTEGER PRIMARY KEY,
          business_day   TEXT    NOT NULL,
          service        TEXT    NOT NULL,
          number         TEXT    NOT NULL,
          plate          TEXT,
          phone          TEXT,
          priority       INTEGER NOT NULL CHECK (priority IN (0, 1)),
          status         TEXT    NOT NULL CHECK (status IN ('waiting', 'called', 'done')),
          issued_at      TEXT    NOT NULL,
          called_at      TEXT,
          counter_id     TEXT,
          tracking_token TEXT    NOT NULL UNIQUE,
          UNIQUE (business_day, number)
        );
        CREATE INDEX tickets_waiting ON tickets (status, business_day);

        -- Last sequence used per business day and prefix letter.
        CREATE TABLE daily_sequences (
          business_day TEXT    NOT NULL,
          prefix       TEXT    NOT NULL,
          last         INTEGER NOT NULL,
          PRIMARY KEY (business_day, prefix)
        );

        -- Answers of mutating requests by idempotency key, so a retry gets the same answer.
        CREATE TABLE idempotency_keys (
          key          TEXT PRIMARY KEY,
          scope        TEXT NOT NULL,
          request_hash TEXT NOT NULL,
          status       INTEGER NOT NULL,
          response     TEXT,
          created_at   TEXT NOT NULL
        );

        -- Every committed change, in order; seq is never reused (AUTOINCREMENT).
        CREATE TABLE events (
          seq     INTEGER PRIMARY KEY AUTOINCREMENT,
          type    TEXT NOT NULL,
          payload TEXT NOT NULL,
          at      TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 2,
    name: 'ticket lifecycle, counters, appointments, number blocks, jobs, alerts, staff, devices, audit',
    up(db) {
      db.exec(`
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta (key, value) VALUES ('hub_id', lower(hex(randomblob(8))));

        CREATE TABLE appointments (
          id                   INTEGER PRIMARY KEY,
          code                 TEXT NOT NULL UNIQUE,
          service              TEXT NOT NULL,
          scheduled_at         TEXT NOT NULL,
          plate                TEXT,
          phone                TEXT,
          customer_name        TEXT,
          checked_in_ticket_id INTEGER,
          created_at           TEXT NOT NULL
        );

        -- Tickets get the full lifecycle; SQLite cannot alter a CHECK, so the table is rebuilt.
        CREATE TABLE tickets_v2 (
          id                INTEGER PRIMARY KEY,
          business_day      TEXT    NOT NULL,
          service           TEXT    NOT NULL,
          number            TEXT    NOT NULL,
          plate             TEXT,
          phone             TEXT,
          ticket_class      TEXT    NOT NULL CHECK (ticket_class IN ('priority', 'appointment', 'walkin')),
          status            TEXT    NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled')),
          issued_at         TEXT    NOT NULL,
          first_called_at   TEXT,
          called_at         TEXT,
          calls             INTEGER NOT NULL DEFAULT 0,
          serving_at        TEXT,
          finished_at       TEXT,
          counter_id        TEXT,
          target_counter_id TEXT,
          staff_id          INTEGER,
          appointment_id    INTEGER REFERENCES appointments (id),
          origin            TEXT    NOT NULL DEFAULT 'online' CHECK (origin IN ('online', 'offline')),
          device_id         INTEGER,
          tracking_token    TEXT    NOT NULL UNIQUE,
          UNIQUE (business_day, number)
        );
        INSERT INTO tickets_v2 (id, business_day, service, number, plate, phone, ticket_class, status, issued_at,
                                first_called_at, called_at, calls, finished_at, counter_id, tracking_token)
          SELECT id, business_day, service, number, plate, phone,
                 CASE priority WHEN 1 THEN 'priority' ELSE 'walkin' END, status, issued_at,
                 called_at, called_at, CASE WHEN called_at IS NULL THEN 0 ELSE 1 END,
                 CASE status WHEN 'done' THEN called_at END, counter_id, tracking_token
          FROM tickets;
        DROP TABLE tickets;
        ALTER TABLE tickets_v2 RENAME TO tickets;
        CREATE INDEX tickets_by_day_status ON tickets (business_day, status);

        CREATE TABLE counter_states (
          counter_id TEXT PRIMARY KEY,
          state      TEXT NOT NULL CHECK (state IN ('open', 'paused', 'closed')),
          reason     TEXT,
          since      TEXT NOT NULL
        );

        -- Numbers a kiosk may use while the hub is unreachable; the hub skips them.
        CREATE TABLE number_blocks (
          id           INTEGER PRIMARY KEY,
          device_id    INTEGER NOT NULL,
          business_day TEXT    NOT NULL,
          prefix       TEXT    NOT NULL,
          first        INTEGER NOT NULL,
          last         INTEGER NOT NULL,
          created_at   TEXT    NOT NULL
        );

        CREATE TABLE jobs (
          id                      INTEGER PRIMARY KEY,
          ticket_id               INTEGER REFERENCES tickets (id),
          business_day            TEXT    NOT NULL,
          plate                   TEXT    NOT NULL,
          model                   TEXT    NOT NULL,
          surname                 TEXT    NOT NULL,
          title                   TEXT    NOT NULL,
          phone                   TEXT,
          services                TEXT    NOT NULL,
          promised_at             TEXT    NOT NULL,
          wash                    INTEGER NOT NULL CHECK (wash IN (0, 1)),
          bay                     TEXT,
          stage                   TEXT    NOT NULL CHECK (stage IN ('reception', 'waiting', 'repair', 'parts', 'qc', 'wash', 'ready', 'delivered')),
          stage_started_at        TEXT    NOT NULL,
          additional_work_pending INTEGER NOT NULL DEFAULT 0,
          additional_work_note    TEXT,
          public_id               TEXT    NOT NULL UNIQUE,
          tracking_token          TEXT    NOT NULL UNIQUE,
          created_at              TEXT    NOT NULL,
          delivered_at            TEXT
        );
        CREATE INDEX jobs_by_stage ON jobs (stage);
        CREATE TABLE job_stages (
          job_id     INTEGER NOT NULL REFERENCES jobs (id),
          stage      TEXT    NOT NULL,
          started_at TEXT    NOT NULL,
          ended_at   TEXT,
          actor      TEXT
        );
        CREATE INDEX job_stages_by_job ON job_stages (job_id);

        CREATE TABLE alerts (
          id              INTEGER PRIMARY KEY,
          kind            TEXT NOT NULL,
          key             TEXT NOT NULL UNIQUE,
          audience        TEXT NOT NULL,
          subject         TEXT NOT NULL,
          business_day    TEXT NOT NULL,
          raised_at       TEXT NOT NULL,
          resolved_at     TEXT,
          acknowledged_at TEXT,
          acknowledged_by TEXT
        );
        CREATE INDEX alerts_by_day ON alerts (business_day, kind);

        CREATE TABLE staff (
          id         INTEGER PRIMARY KEY,
          name       TEXT    NOT NULL,
          role       TEXT    NOT NULL CHECK (role IN ('advisor', 'workshop', 'manager', 'admin')),
          pin_hash   TEXT    NOT NULL,
          active     INTEGER NOT NULL DEFAULT 1,
          created_at TEXT    NOT NULL
        );
        CREATE TABLE sessions (
          token_hash TEXT PRIMARY KEY,
          staff_id   INTEGER NOT NULL REFERENCES staff (id),
          created_at TEXT NOT NULL,
          expires_at TEXT NOT NULL,
          revoked_at TEXT
        );
        CREATE TABLE devices (
          id           INTEGER PRIMARY KEY,
          name         TEXT NOT NULL,
          role         TEXT NOT NULL CHECK (role IN ('kiosk', 'desk', 'display', 'integration')),
          token_hash   TEXT UNIQUE,
          created_at   TEXT NOT NULL,
          revoked_at   TEXT,
          last_seen_at TEXT
        );
        CREATE TABLE pairing_codes (
          code_hash   TEXT PRIMARY KEY,
          device_name TEXT NOT NULL,
          role        TEXT NOT NULL,
          expires_at  TEXT NOT NULL,
          used_at     TEXT,
          created_by  TEXT NOT NULL
        );
        CREATE TABLE audit_log (
          id     INTEGER PRIMARY KEY,
          at     TEXT NOT NULL,
          actor  TEXT NOT NULL,
          action TEXT NOT NULL,
          target TEXT,
          detail TEXT
        );
      `);
    },
  },
  {
    version: 3,
    name: 'parked tickets, auto-call per counter',
    up(db) {
      db.exec(`
        CREATE TABLE tickets_v3 (
          id                INTEGER PRIMARY KEY,
          business_day      TEXT    NOT NULL,
          service           TEXT    NOT NULL,
          number            TEXT    NOT NULL,
          plate             TEXT,
          phone             TEXT,
          ticket_class      TEXT    NOT NULL CHECK (ticket_class IN ('priority', 'appointment', 'walkin')),
          status            TEXT    NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'parked', 'done', 'no_show', 'cancelled')),
          issued_at         TEXT    NOT NULL,
          first_called_at   TEXT,
          called_at         TEXT,
          calls             INTEGER NOT NULL DEFAULT 0,
          serving_at        TEXT,
          parked_at         TEXT,
          finished_at       TEXT,
          counter_id        TEXT,
          target_counter_id TEXT,
          staff_id          INTEGER,
          appointment_id    INTEGER REFERENCES appointments (id),
          origin            TEXT    NOT NULL DEFAULT 'online' CHECK (origin IN ('online', 'offline')),
          device_id         INTEGER,
          tracking_token    TEXT    NOT NULL UNIQUE,
          UNIQUE (business_day, number)
        );
        INSERT INTO tickets_v3 (id, business_day, service, number, plate, phone, ticket_class, status, issued_at, first_called_at,
                                called_at, calls, serving_at, finished_at, counter_id, target_counter_id, staff_id, appointment_id,
                                origin, device_id, tracking_token)
          SELECT id, business_day, service, number, plate, phone, ticket_class, status, issued_at, first_called_at,
                 called_at, calls, serving_at, finished_at, counter_id, target_counter_id, staff_id, appointment_id,
                 origin, device_id, tracking_token
          FROM tickets;
        DROP TABLE tickets;
        ALTER TABLE tickets_v3 RENAME TO tickets;
        CREATE INDEX tickets_by_day_status ON tickets (business_day, status);

        ALTER TABLE counter_states ADD COLUMN auto_call INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE counter_states ADD COLUMN grace_seconds INTEGER NOT NULL DEFAULT 10;
        ALTER TABLE counter_states ADD COLUMN pending_call_at TEXT;
        ALTER TABLE counter_states ADD COLUMN pending_staff_id INTEGER;
      `);
    },
  },
  {
    version: 4,
    name: 'store settings edited at runtime',
    up(db) {
      db.exec(`
        -- The store settings as edited by a manager; when present they replace the config file's.
        CREATE TABLE settings (
          id         INTEGER PRIMARY KEY CHECK (id = 1),
          config     TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          updated_by TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 5,
    name: 'on-site satisfaction surveys',
    up(db) {
      db.exec(`
        -- 现场满意度调查: scores 1–5 given at the kiosk before the customer leaves.
        CREATE TABLE surveys (
          id           INTEGER PRIMARY KEY,
          business_day TEXT    NOT NULL,
          ticket_id    INTEGER REFERENCES tickets (id),
          job_id       INTEGER REFERENCES jobs (id),
          overall      INTEGER NOT NULL CHECK (overall BETWEEN 1 AND 5),
          advisor      INTEGER NOT NULL CHECK (advisor BETWEEN 1 AND 5),
          speed        INTEGER NOT NULL CHECK (speed BETWEEN 1 AND 5),
          lounge       INTEGER NOT NULL CHECK (lounge BETWEEN 1 AND 5),
          comment      TEXT,
          created_at   TEXT    NOT NULL
        );
        CREATE INDEX surveys_by_day ON surveys (business_day);
      `);
    },
  },
  {
    version: 6,
    name: 'indexes for a long-running store',
    up(db) {
      db.exec(`
        CREATE INDEX tickets_by_status ON tickets (status);
        CREATE INDEX tickets_by_counter ON tickets (counter_id, status);
        CREATE INDEX tickets_by_finish ON tickets (finished_at);
        CREATE INDEX jobs_by_plate ON jobs (plate);
      `);
    },
  },
  {
    version: 7,
    name: 'day close, honest outcomes, consent and retention',
    up(db) {
      // Rebuilt with foreign keys off around the transaction (database.ts): jobs and surveys point here.
      db.exec(`
        CREATE TABLE tickets_v7 (
          id                INTEGER PRIMARY KEY,
          business_day      TEXT    NOT NULL,
          service           TEXT    NOT NULL,
          number            TEXT    NOT NULL,
          plate             TEXT,
          phone             TEXT,
          ticket_class      TEXT    NOT NULL CHECK (ticket_class IN ('priority', 'appointment', 'walkin')),
          status            TEXT    NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'parked', 'done', 'no_show', 'cancelled', 'expired', 'void')),
          issued_at         TEXT    NOT NULL,
          first_called_at   TEXT,
          called_at         TEXT,
          calls             INTEGER NOT NULL DEFAULT 0,
          serving_at        TEXT,
          parked_at         TEXT,
          finished_at       TEXT,
          counter_id        TEXT,
          target_counter_id TEXT,
          staff_id          INTEGER,
          appointment_id    INTEGER REFERENCES appointments (id),
          origin            TEXT    NOT NULL DEFAULT 'online' CHECK (origin IN ('online', 'offline')),
          device_id         INTEGER,
          tracking_token    TEXT    NOT NULL UNIQUE,
          -- Why a ticket was closed by the hub rather than at a counter (day close, reconciliation).
          closed_reason     TEXT,
          -- The customer agreed to be messaged on this phone: when, and where it was asked.
          notify_consent_at TEXT,
          consent_source    TEXT,
          -- When phone, plate and names were removed under the retention setting.
          anonymized_at     TEXT,
          UNIQUE (business_day, number)
        );
        INSERT INTO tickets_v7 (id, business_day, service, number, plate, phone, ticket_class, status, issued_at, first_called_at,
                                called_at, calls, serving_at, parked_at, finished_at, counter_id, target_counter_id, staff_id,
                                appointment_id, origin, device_id, tracking_token)
          SELECT id, business_day, service, number, plate, phone, ticket_class, status, issued_at, first_called_at,
                 called_at, calls, serving_at, parked_at, finished_at, counter_id, target_counter_id, staff_id,
                 appointment_id, origin, device_id, tracking_token
          FROM tickets;
        DROP TABLE tickets;
        ALTER TABLE tickets_v7 RENAME TO tickets;
        CREATE INDEX tickets_by_day_status ON tickets (business_day, status);
        CREATE INDEX tickets_by_status ON tickets (status);
        CREATE INDEX tickets_by_counter ON tickets (counter_id, status);
        CREATE INDEX tickets_by_finish ON tickets (finished_at);

        ALTER TABLE jobs ADD COLUMN notify_consent_at TEXT;
        ALTER TABLE jobs ADD COLUMN consent_source TEXT;
        ALTER TABLE jobs ADD COLUMN anonymized_at TEXT;
        CREATE INDEX jobs_by_delivery ON jobs (delivered_at);
        CREATE INDEX jobs_by_day ON jobs (business_day);
        ALTER TABLE appointments ADD COLUMN anonymized_at TEXT;
        CREATE INDEX appointments_by_time ON appointments (scheduled_at);
        CREATE INDEX events_by_time ON events (at);
        CREATE INDEX audit_by_time ON audit_log (at);
        CREATE INDEX idempotency_by_time ON idempotency_keys (created_at);
        CREATE INDEX surveys_by_ticket ON surveys (ticket_id);
        CREATE INDEX surveys_by_job ON surveys (job_id);
      `);
    },
  },
  {
    version: 8,
    name: 'message outbox, priced additional work and its answers',
    up(db) {
      // Written in the transaction of the change that causes it (transactional outbox); the
      // dispatcher sends it later. `id` is the uuid receivers use to drop repeats; `dedupe_key`
      // keeps one message per cause (a replayed event never queues a second one).
      db.exec(`
        CREATE TABLE messages (
          id              TEXT    PRIMARY KEY,
          dedupe_key      TEXT    NOT NULL UNIQUE,
          type            TEXT    NOT NULL,
          audience        TEXT    NOT NULL CHECK (audience IN ('customer', 'staff')),
          phone           TEXT,
          ticket_id       INTEGER REFERENCES tickets (id),
          job_id          INTEGER REFERENCES jobs (id),
          ticket_number   TEXT,
          text            TEXT    NOT NULL,
          link            TEXT,
          params          TEXT    NOT NULL DEFAULT '{}',
          status          TEXT    NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
          attempts        INTEGER NOT NULL DEFAULT 0,
          next_attempt_at TEXT    NOT NULL,
          last_error      TEXT,
          channel         TEXT,
          created_at      TEXT    NOT NULL,
          sent_at         TEXT,
          anonymized_at   TEXT
        );
        CREATE INDEX messages_due ON messages (status, next_attempt_at);
        CREATE INDEX messages_by_job ON messages (job_id);
        CREATE INDEX messages_by_phone ON messages (phone, sent_at);
        CREATE INDEX messages_by_time ON messages (created_at);

        -- Additional work (增项) with priced items, and the customer's answer per item as consent:
        -- the exact text shown, the answer, when, where (phone page, in person, phone call) and
        -- the phone's user agent.
        CREATE TABLE additional_work (
          id            INTEGER PRIMARY KEY,
          job_id        INTEGER NOT NULL REFERENCES jobs (id),
          items         TEXT    NOT NULL,
          note          TEXT,
          status        TEXT    NOT NULL CHECK (status IN ('pending', 'answered')),
          created_at    TEXT    NOT NULL,
          created_by    TEXT    NOT NULL,
          answer        TEXT,
          answered_at   TEXT,
          answer_source TEXT    CHECK (answer_source IN ('phone', 'in_person', 'phone_call')),
          answered_by   TEXT,
          shown_text    TEXT,
          user_agent    TEXT
        );
        CREATE INDEX additional_work_by_job ON additional_work (job_id, status);
      `);
    },
  },
  {
    version: 9,
    name: 'vehicle arrivals and pre-inspection bays; appointment status, notes and reminders; complaint cases',
    up(db) {
      // A vehicle is registered when it enters the drive, before any job (issue #16 §2);
      // left_at is set when it is past pre-inspection (its job moved on, or staff released it).
      db.exec(`
        CREATE TABLE arrivals (
          id             INTEGER PRIMARY KEY,
          business_day   TEXT    NOT NULL,
          plate          TEXT    NOT NULL,
          bay            TEXT,
          source         TEXT    NOT NULL CHECK (source IN ('kiosk', 'desk', 'guard', 'job', 'appointment')),
          arrived_at     TEXT    NOT NULL,
          ticket_id      INTEGER REFERENCES tickets (id),
          job_id         INTEGER REFERENCES jobs (id),
          appointment_id INTEGER REFERENCES appointments (id),
          left_at        TEXT,
          left_reason    TEXT CHECK (left_reason IN ('inspected', 'left', 'day_closed')),
          anonymized_at  TEXT
        );
        -- A bay holds one vehicle; a plate is in the drive once.
        CREATE UNIQUE INDEX arrivals_open_bay ON arrivals (bay) WHERE left_at IS NULL AND bay IS NOT NULL;
        CREATE UNIQUE INDEX arrivals_open_plate ON arrivals (plate) WHERE left_at IS NULL;
        CREATE INDEX arrivals_by_day ON arrivals (business_day);
        CREATE INDEX arrivals_by_job ON arrivals (job_id);

        -- Appointments that level the day (issue #16 §1): a note, a status until arrival or no-show.
        ALTER TABLE appointments ADD COLUMN note TEXT;
        ALTER TABLE appointments ADD COLUMN status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'arrived', 'cancelled', 'no_show'));
        ALTER TABLE appointments ADD COLUMN source TEXT NOT NULL DEFAULT 'api';
        ALTER TABLE appointments ADD COLUMN arrived_at TEXT;
        ALTER TABLE appointments ADD COLUMN cancelled_at TEXT;
        ALTER TABLE appointments ADD COLUMN no_show_at TEXT;
        ALTER TABLE appointments ADD COLUMN reminded_at TEXT;
        UPDATE appointments SET status = 'arrived', arrived_at = (SELECT issued_at FROM tickets WHERE tickets.id = appointments.checked_in_ticket_id)
          WHERE checked_in_ticket_id IS NOT NULL;
        CREATE INDEX appointments_by_status ON appointments (status, scheduled_at);
        CREATE INDEX appointments_by_plate ON appointments (plate);

        -- Complaints handled as cases (issue #16 §3): owner, promised reply, notes, status until closed.
        CREATE TABLE complaint_cases (
          id                INTEGER PRIMARY KEY,
          business_day      TEXT    NOT NULL,
          ticket_id         INTEGER REFERENCES tickets (id),
          job_id            INTEGER REFERENCES jobs (id),
          plate             TEXT,
          customer          TEXT,
          phone             TEXT,
          topic             TEXT,
          owner             TEXT,
          promised_reply_at TEXT    NOT NULL,
          status            TEXT    NOT NULL CHECK (status IN ('open', 'contacted', 'closed')),
          opened_at         TEXT    NOT NULL,
          opened_by         TEXT    NOT NULL,
          first_contact_at  TEXT,
          closed_at         TEXT,
          resolution        TEXT,
          anonymized_at     TEXT
        );
        CREATE INDEX complaint_cases_by_status ON complaint_cases (status);
        CREATE INDEX complaint_cases_by_day ON complaint_cases (business_day);
        CREATE TABLE complaint_notes (
          id      INTEGER PRIMARY KEY,
          case_id INTEGER NOT NULL REFERENCES complaint_cases (id),
          at      TEXT    NOT NULL,
          author  TEXT    NOT NULL,
          kind    TEXT    NOT NULL CHECK (kind IN ('note', 'contact', 'close')),
          text    TEXT    NOT NULL
        );
        CREATE INDEX complaint_notes_by_case ON complaint_notes (case_id);

        -- Vehicles already in pre-inspection keep counting: their arrival is their job's start.
        INSERT INTO arrivals (business_day, plate, bay, source, arrived_at, ticket_id, job_id)
          SELECT j.business_day, j.plate, NULL, 'job', j.stage_started_at, j.ticket_id, j.id
          FROM jobs j WHERE j.stage = 'reception'
            AND j.plate NOT IN (SELECT plate FROM jobs WHERE stage = 'reception' GROUP BY plate HAVING COUNT(*) > 1);
      `);
    },
  },
  {
    version: 10,
    name: 'shipping the event log to the dealer group (issue #18)',
    up(db) {
      // One row: where shipping stands. `epoch` names this database's line of history in the
      // group; it changes when a restored backup is detected, so re-used seqs never collide.
      db.exec(`
        CREATE TABLE group_shipping (
          id            INTEGER PRIMARY KEY CHECK (id = 1),
          epoch         TEXT    NOT NULL,
          epoch_no      INTEGER NOT NULL,
          base_seq      INTEGER NOT NULL,
          shipped_seq   INTEGER NOT NULL,
          -- Surveys are not in the event log: their scores (no comment) ship by id.
          shipped_survey_id INTEGER NOT NULL DEFAULT 0,
          shipped_at    TEXT,
          last_error    TEXT,
          last_error_at TEXT
        );
      `);
    },
  },
  {
    version: 11,
    name: 'consent and language of appointment phones; the language a customer used at the kiosk; photos of additional work (issues #15, #16)',
    up(db) {
      // Appointment messages go only to a phone whose owner agreed, recorded as tickets record it
      // (migration 7): when and through whom. The language is the one the customer chose at the
      // kiosk or at booking; messages fall back to the store's language without one.
      db.exec(`
        ALTER TABLE appointments ADD COLUMN notify_consent_at TEXT;
        ALTER TABLE appointments ADD COLUMN consent_source TEXT;
        ALTER TABLE appointments ADD COLUMN language TEXT CHECK (language IN ('zh-CN', 'zh-TW', 'en'));
        ALTER TABLE tickets ADD COLUMN language TEXT CHECK (language IN ('zh-CN', 'zh-TW', 'en'));
        -- People ahead when issued: a ticket already near the head then gets no "near" message.
        ALTER TABLE tickets ADD COLUMN ahead_at_issue INTEGER;
        ALTER TABLE messages ADD COLUMN appointment_id INTEGER REFERENCES appointments (id);
        CREATE INDEX messages_by_appointment ON messages (appointment_id);

        -- Photos of additional work (issue #15 §4), size-limited, shown with the prices.
        CREATE TABLE additional_work_photos (
          id           INTEGER PRIMARY KEY,
          work_id      INTEGER NOT NULL REFERENCES additional_work (id),
          content_type TEXT    NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
          data         BLOB    NOT NULL,
          created_at   TEXT    NOT NULL,
          created_by   TEXT    NOT NULL
        );
        CREATE INDEX additional_work_photos_by_work ON additional_work_photos (work_id);
      `);
    },
  },
  {
    version: 12,
    name: 'who works each counter from one index; a version of what the wait model learns from (issue #17)',
    up(db) {
      // The advisor of each counter's latest call today, read from the index alone (one grouped
      // query instead of a subquery per ticket). The version counts changes to what the wait
      // estimator learns from — finished tickets, earlier days' arrivals, counter pauses — so the
      // hub keeps what it learned until it moves; the triggers bump it in the very transaction
      // that changes them. A later rebuild of tickets or audit_log must create these again.
      db.exec(`
        CREATE INDEX tickets_by_counter_call ON tickets (business_day, counter_id, called_at, staff_id);

        CREATE TABLE model_inputs (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
        INSERT INTO model_inputs (id, version) VALUES (1, 0);

        CREATE TRIGGER model_inputs_ticket_in AFTER INSERT ON tickets
          WHEN NEW.status = 'done' OR NEW.origin = 'offline'
            OR (NEW.ticket_class != 'walkin' AND NEW.business_day < (SELECT MAX(business_day) FROM tickets))
          BEGIN UPDATE model_inputs SET version = version + 1 WHERE id = 1; END;
        CREATE TRIGGER model_inputs_ticket_change AFTER UPDATE ON tickets
          WHEN ((OLD.status = 'done' OR NEW.status = 'done')
                AND (OLD.status IS NOT NEW.status OR OLD.service IS NOT NEW.service OR OLD.staff_id IS NOT NEW.staff_id
                     OR OLD.first_called_at IS NOT NEW.first_called_at OR OLD.finished_at IS NOT NEW.finished_at))
            OR ((OLD.ticket_class != 'walkin' OR NEW.ticket_class != 'walkin')
                AND (OLD.service IS NOT NEW.service OR OLD.ticket_class IS NOT NEW.ticket_class
                     OR OLD.issued_at IS NOT NEW.issued_at OR OLD.business_day IS NOT NEW.business_day))
          BEGIN UPDATE model_inputs SET version = version + 1 WHERE id = 1; END;
        CREATE TRIGGER model_inputs_ticket_out AFTER DELETE ON tickets
          BEGIN UPDATE model_inputs SET version = version + 1 WHERE id = 1; END;
        CREATE TRIGGER model_inputs_pause_in AFTER INSERT ON audit_log WHEN NEW.action = 'counter.state'
          BEGIN UPDATE model_inputs SET version = version + 1 WHERE id = 1; END;
        CREATE TRIGGER model_inputs_pause_out AFTER DELETE ON audit_log WHEN OLD.action = 'counter.state'
          BEGIN UPDATE model_inputs SET version = version + 1 WHERE id = 1; END;
      `);
    },
  },
];
