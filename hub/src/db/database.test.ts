import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    const file = tempFile();
    openDatabase(file).close();
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
    expect(() => openDatabase(file, broken)).toThrow(/boom/);
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'`).pluck().get()).toBe(0);
    db.close();
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
      {
        number: 'A001',
        ticket_class: 'walkin',
        status: 'done',
        calls: 1,
        first_called_at: '2026-11-24T01:05:00.000Z',
        finished_at: '2026-11-24T01:05:00.000Z',
      },
      { number: 'H001', ticket_class: 'priority', status: 'waiting', calls: 0, first_called_at: null, finished_at: null },
    ]);
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'hub_id'`).pluck().get()).toMatch(/^[0-9a-f]{16}$/);
    expect(() => db.prepare(`UPDATE tickets SET status = 'bogus'`).run()).toThrow(/CHECK/);
  });
});

describe('upgrading a populated database of every released schema', () => {
  const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
  const released = readdirSync(fixtures)
    .map((f) => /^schema-v(\d+)\.sql$/.exec(f)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number)
    .sort((a, b) => a - b);

  it('has a fixture of every released version (all but, at most, the newest migration)', () => {
    expect(released.length).toBeGreaterThanOrEqual(MIGRATIONS.length - 1);
    expect(released).toEqual(released.map((_, i) => i + 1));
  });

  for (const version of released) {
    it(`opens a populated version ${version} database through openDatabase, keeping every row and every link`, () => {
      const file = tempFile();
      const raw = new Database(file);
      raw.exec(readFileSync(join(fixtures, `schema-v${version}.sql`), 'utf8'));
      const before = raw.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number;
      const jobsBefore = version >= 2 ? (raw.prepare('SELECT COUNT(*) FROM jobs WHERE ticket_id IS NOT NULL').pluck().get() as number) : 0;
      raw.close();

      const db = openDatabase(file);
      expect(schemaVersion(db)).toBe(MIGRATIONS.length);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(before);
      expect(db.prepare('SELECT COUNT(*) FROM jobs j JOIN tickets t ON t.id = j.ticket_id').pluck().get()).toBe(jobsBefore);
      db.close();
    });
  }

  it('leaves the database untouched and names the migration when one fails', () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.exec(readFileSync(join(fixtures, `schema-v2.sql`), 'utf8'));
    raw.close();
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'a broken one',
        up(d) {
          d.exec('DROP TABLE appointments');
        },
      },
    ];
    expect(() => openDatabase(file, broken)).toThrow(new RegExp(`migration ${MIGRATIONS.length + 1} \\(a broken one\\) failed: .*FOREIGN KEY`));
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(2);
    expect(after.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'appointments'`).pluck().get()).toBe(1);
    after.close();
  });
});
