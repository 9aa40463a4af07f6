import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from './database.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';

const tempFile = (): string => join(mkdtempSync(join(tmpdir(), 'db-test-')), 'hub.sqlite');

describe('openDatabase', () => {
  it('creates a WAL database at the latest schema version', () => {
    const db = openDatabase(tempFile());
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['tickets', 'daily_sequences', 'idempotency_keys', 'events']));
    db.close();
  });

  it('is idempotent: reopening applies nothing twice and keeps the data', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.prepare(`INSERT INTO events (type, payload, at) VALUES ('x', '{}', 'now')`).run();
    db.close();
    const again = openDatabase(file);
    expect(again.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(1);
    again.close();
  });

  it('refuses a database written by a newer hub', () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(/newer than this hub/);
  });
});

describe('migrate', () => {
  it('rolls back a failing migration entirely, version included', () => {
    const db = new Database(':memory:');
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'broken',
        up(d) {
          d.exec('CREATE TABLE half_done (x)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'`).pluck().get()).toBe(0);
  });

  it('rejects gaps in numbering', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'x', up: () => undefined }])).toThrow(/without gaps/);
  });
});

describe('migration 2 (ticket lifecycle)', () => {
  it('carries tickets of version 1 over, with their class and calls', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 1);
    expect(schemaVersion(db)).toBe(1);
    const insert = db.prepare(
      `INSERT INTO tickets (business_day, service, number, priority, status, issued_at, called_at, counter_id, tracking_token)
       VALUES ('2026-11-24', ?, ?, ?, ?, '2026-11-24T01:00:00.000Z', ?, ?, ?)`,
    );
    insert.run('maintenance', 'A001', 0, 'done', '2026-11-24T01:05:00.000Z', '1', 'a'.repeat(32));
    insert.run('complaint', 'H001', 1, 'waiting', null, null, 'b'.repeat(32));
    migrate(db, MIGRATIONS, 2);
    const rows = db.prepare('SELECT number, ticket_class, status, calls, first_called_at, finished_at FROM tickets ORDER BY id').all();
    expect(rows).toEqual([
      { number: 'A001', ticket_class: 'walkin', status: 'done', calls: 1, first_called_at: '2026-11-24T01:05:00.000Z', finished_at: '2026-11-24T01:05:00.000Z' },
      { number: 'H001', ticket_class: 'priority', status: 'waiting', calls: 0, first_called_at: null, finished_at: null },
    ]);
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'hub_id'`).pluck().get()).toMatch(/^[0-9a-f]{16}$/);
    expect(() => db.prepare(`UPDATE tickets SET status = 'bogus'`).run()).toThrow(/CHECK/);
  });
});
