import type Database from 'better-sqlite3';

/**
 * Keeps compiled statements. The store writes its SQL where it runs it, so it reads as one
 * piece; compiling that SQL again on every call was 4–6 % of the hub's CPU under load
 * (bench/README.md). A kept statement is handed out with its read modes reset, because callers
 * chain `.pluck()` or `.raw()` for their one use. Bounded, oldest first out, in case some SQL
 * is built per call.
 */
export function keepStatements(db: Database.Database, max = 512): Database.Database {
  const compile = db.prepare.bind(db);
  const kept = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = kept.get(sql);
    if (statement) {
      // Most recently used last, so eviction takes the coldest.
      kept.delete(sql);
      kept.set(sql, statement);
      if (statement.reader) statement.pluck(false).raw(false).expand(false);
      return statement;
    }
    statement = compile(sql);
    kept.set(sql, statement);
    if (kept.size > max) kept.delete(kept.keys().next().value!);
    return statement;
  }) as Database.Database['prepare'];
  return db;
}
