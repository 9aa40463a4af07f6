/**
 * `npm run backup -- [FILE]`: an online copy of the hub database while the hub keeps running
 * (SQLite backup API; WAL lets it read alongside the hub). Default file:
 * DATA_DIR/backups/hub-<time>.sqlite.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const dataDir = resolve(process.env.DATA_DIR ?? 'data');
const source = join(dataDir, 'hub.sqlite');
const target = resolve(process.argv[2] ?? join(dataDir, 'backups', `hub-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`));

if (!existsSync(source)) {
  console.error(`no hub database at ${source} (set DATA_DIR)`);
  process.exit(1);
}
mkdirSync(dirname(target), { recursive: true });
const db = new Database(source, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const { totalPages } = await db.backup(target);
db.close();
const check = new Database(target, { readonly: true });
const tickets = check.prepare('SELECT COUNT(*) FROM tickets').pluck().get();
const integrity = check.pragma('integrity_check', { simple: true });
check.close();
console.log(`backup written: ${target} (${totalPages} pages, ${tickets} tickets, integrity ${integrity})`);
