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
];
