import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { keepStatements } from './statement-cache.ts';

const fresh = (max?: number): Database.Database => {
  const db = keepStatements(new Database(':memory:'), max);
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('a'), ('b')");
  return db;
};

describe('keepStatements', () => {
  it('compiles each SQL once and hands the same statement back', () => {
    const db = fresh();
    const sql = 'SELECT name FROM t WHERE id = ?';
    expect(db.prepare(sql)).toBe(db.prepare(sql));
    expect(db.prepare(sql).get(2)).toEqual({ name: 'b' });
  });

  it("does not pass one caller's pluck or raw on to the next", () => {
    const db = fresh();
    const sql = 'SELECT id, name FROM t ORDER BY id';
    expect(db.prepare(sql).pluck().all()).toEqual([1, 2]);
    expect(db.prepare(sql).all()).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ]);
    expect(db.prepare(sql).raw().get()).toEqual([1, 'a']);
    expect(db.prepare(sql).get()).toEqual({ id: 1, name: 'a' });
  });

  it('keeps writes working and sees what they wrote', () => {
    const db = fresh();
    const insert = 'INSERT INTO t (name) VALUES (?)';
    db.prepare(insert).run('c');
    db.prepare(insert).run('d');
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(4);
  });

  it('keeps at most `max`, dropping the least recently used', () => {
    const db = fresh(2);
    const a = db.prepare('SELECT 1');
    const b = db.prepare('SELECT 2');
    expect(db.prepare('SELECT 1')).toBe(a); // now the most recent
    db.prepare('SELECT 3'); // evicts SELECT 2
    expect(db.prepare('SELECT 1')).toBe(a);
    expect(db.prepare('SELECT 2')).not.toBe(b);
  });
});
