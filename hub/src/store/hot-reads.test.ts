/**
 * What every change costs must not grow with the day (issue #17): the reads behind an issue, a
 * call-next, a start and the waits they push seek to the rows they need through an index. A read
 * that walks all of today's tickets costs nothing at 9 in the morning and a frame's worth of time
 * by evening (and grows without bound under the capacity bench's 200 changes a second).
 */
import { describe, expect, it } from 'vitest';
import { advisor, kiosk, testHub } from './test-support.ts';

/** Plan steps that read a share of the day's tickets rather than seeking: a scan, or a range over the whole day. */
const dayWide = (detail: string): boolean =>
  /^SCAN tickets\b/.test(detail) ||
  /^SEARCH tickets USING (COVERING )?INDEX \w+ \(business_day=\?( AND counter_id>\?)?\)$/.test(detail) ||
  /TEMP B-TREE FOR GROUP BY/.test(detail);

describe('the reads of a change', () => {
  it('seek by index: none walks the day’s tickets', () => {
    const h = testHub();
    const seen = new Set<string>();
    const prepare = h.db.prepare.bind(h.db);
    h.db.prepare = ((sql: string) => {
      seen.add(sql);
      return prepare(sql);
    }) as typeof h.db.prepare;
    for (let i = 0; i < 3; i++) h.store.tickets.issue({ service: 'maintenance', idempotencyKey: h.key() }, kiosk);
    const called = h.store.tickets.callNext('1', h.key(), advisor).result;
    if (!called) throw new Error('nothing called');
    h.store.tickets.act(called.id, 'start', h.key(), advisor);
    h.store.tickets.callNext('1', h.key(), advisor, 'served');
    h.store.tickets.view();
    h.db.prepare = prepare;

    const reads = [...seen].filter((sql) => /^\s*SELECT/i.test(sql) && /\btickets\b/.test(sql));
    expect(reads.length).toBeGreaterThan(3);
    const walking = reads.flatMap((sql) => {
      // Any values do for a plan: SQLite plans a statement before it sees its parameters.
      const positional = Array<null>(sql.match(/\?/g)?.length ?? 0).fill(null);
      const named = Object.fromEntries([...sql.matchAll(/[@:$](\w+)/g)].map((m) => [m[1], null]));
      const explain = h.db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
      const plan = (Object.keys(named).length ? explain.all(named) : explain.all(...positional)) as { detail: string }[];
      return plan.filter((step) => dayWide(step.detail)).map((step) => `${sql.replace(/\s+/g, ' ').trim()}\n  → ${step.detail}`);
    });
    expect(walking).toEqual([]);
  });
});
