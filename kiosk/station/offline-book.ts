/**
 * The kiosk's durable notebook for working without the hub: the number blocks the hub reserved
 * for it, and every ticket issued offline until the hub has acknowledged it. SQLite (WAL,
 * synchronous FULL) so a ticket handed to a customer survives a power cut of the kiosk too.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { NumberBlock, OfflineSyncRequest } from '../../shared/src/protocol.ts';
import type { PublicStore } from '../../shared/src/services.ts';

export type PendingTicket = OfflineSyncRequest['tickets'][number];

export class OfflineBook {
  private readonly db: Database.Database;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS blocks (
        business_day TEXT NOT NULL, prefix TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL, next INTEGER NOT NULL,
        PRIMARY KEY (business_day, prefix, first)
      );
      CREATE TABLE IF NOT EXISTS pending (
        idempotency_key TEXT PRIMARY KEY, number TEXT NOT NULL, body TEXT NOT NULL, synced INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  }

  saveBlocks(blocks: readonly NumberBlock[]): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO blocks (business_day, prefix, first, last, next) VALUES (?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const b of blocks) insert.run(b.businessDay, b.prefix, b.first, b.last, b.first);
    })();
  }

  /** True when some prefix has no unused reserved number left for the day. */
  needsBlocks(day: string, prefixes: readonly string[]): boolean {
    return prefixes.some((prefix) => !this.db.prepare('SELECT 1 FROM blocks WHERE business_day = ? AND prefix = ? AND next <= last').get(day, prefix));
  }

  /** Takes the next reserved number for a prefix and day, or null when the blocks are used up. */
  take(day: string, prefix: string): number | null {
    return this.db.transaction((): number | null => {
      const row = this.db
        .prepare('SELECT first, next FROM blocks WHERE business_day = ? AND prefix = ? AND next <= last ORDER BY first LIMIT 1')
        .get(day, prefix) as { first: number; next: number } | undefined;
      if (!row) return null;
      this.db.prepare('UPDATE blocks SET next = next + 1 WHERE business_day = ? AND prefix = ? AND first = ?').run(day, prefix, row.first);
      return row.next;
    })();
  }

  record(ticket: PendingTicket): void {
    this.db.prepare('INSERT INTO pending (idempotency_key, number, body) VALUES (?, ?, ?)').run(ticket.idempotencyKey, ticket.number, JSON.stringify(ticket));
  }

  pending(): PendingTicket[] {
    return (this.db.prepare('SELECT body FROM pending WHERE synced = 0 ORDER BY rowid').all() as { body: string }[]).map(
      (r) => JSON.parse(r.body) as PendingTicket,
    );
  }

  markSynced(idempotencyKey: string): void {
    this.db.prepare('UPDATE pending SET synced = 1 WHERE idempotency_key = ?').run(idempotencyKey);
  }

  cacheStore(store: PublicStore): void {
    this.db.prepare(`INSERT INTO cache (key, value) VALUES ('store', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(JSON.stringify(store));
  }

  cachedStore(): PublicStore | null {
    const row = this.db.prepare(`SELECT value FROM cache WHERE key = 'store'`).get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as PublicStore) : null;
  }

  close(): void {
    this.db.close();
  }
}
