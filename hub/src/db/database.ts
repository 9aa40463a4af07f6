import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations.ts';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the hub database with the settings a store can trust:
 * WAL so readers never block the writer and a crash loses nothing committed, foreign keys on,
 * a busy timeout for the backup command, and every pending migration applied.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies, in order, each migration newer than the database; each in its own transaction. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS, target = Infinity): void {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations must be numbered 1..n without gaps; found ${m.version} at ${i + 1}`);
  });
  const current = schemaVersion(db);
  if (current > sorted.length) {
    throw new Error(`database schema version ${current} is newer than this hub (${sorted.length}); upgrade the hub`);
  }
  for (const m of sorted) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
