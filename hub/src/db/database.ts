import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations.ts';
import { keepStatements } from './statement-cache.ts';

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
  // Removed customer data (retention) is overwritten with zeros, not left in free pages.
  db.pragma('secure_delete = ON');
  try {
    migrate(db, migrations);
  } catch (err) {
    db.close();
    throw err;
  }
  return keepStatements(db);
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies, in order, each migration newer than the database, all in one transaction: a failure
 * leaves the database exactly as it was and names the migration that failed.
 *
 * Table rebuilds follow SQLite's documented procedure (https://sqlite.org/lang_altertable.html,
 * "Making Other Kinds Of Table Schema Changes"): foreign keys off outside the transaction,
 * `PRAGMA foreign_key_check` before commit, foreign keys back on afterwards.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS, target = Infinity): void {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations must be numbered 1..n without gaps; found ${m.version} at ${i + 1}`);
  });
  const current = schemaVersion(db);
  if (current > sorted.length) {
    throw new Error(`database schema version ${current} is newer than this hub (${sorted.length}); upgrade the hub`);
  }
  const pending = sorted.filter((m) => m.version > current && m.version <= target);
  if (!pending.length) return;
  const foreignKeysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
  // Has no effect inside a transaction, so it is switched here, around it.
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const m of pending) {
        try {
          m.up(db);
          const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
          if (broken.length) {
            const first = broken[0]!;
            throw new Error(`FOREIGN KEY check found ${broken.length} row(s) of ${first.table} pointing at missing ${first.parent}`);
          }
        } catch (err) {
          const reason = err instanceof Error ? err.message : String(err);
          throw new Error(`migration ${m.version} (${m.name}) failed: ${reason}; the database was left unchanged at version ${current}`, { cause: err });
        }
        db.pragma(`user_version = ${m.version}`);
      }
    })();
  } finally {
    if (foreignKeysWereOn) db.pragma('foreign_keys = ON');
  }
}
