/**
 * A staff console's cost per staff event with 300 tickets waiting (issue #17 item 3): applying
 * the event to the state it holds (shared/src/client/staff-state.ts, as the desk, workshop and
 * manager pages do) against re-reading the whole staff snapshot after every event, as consoles
 * did before. The events are the real hub store's, from issues, calls, starts and finishes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_STORE } from '../shared/src/services.ts';
import { applyStaffEvent } from '../shared/src/client/staff-state.ts';
import type { Actor } from '../hub/src/auth.ts';
import { openDatabase } from '../hub/src/db/database.ts';
import { percentile } from '../hub/src/domain/day-stats.ts';
import { HubStore } from '../hub/src/store/hub-store.ts';

export function runStaffEventsBench(waitingCount = 300, rounds = 100): string[] {
  let now = Date.parse('2026-11-24T01:00:00Z');
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'bench-staff-')), 'hub.sqlite'));
  const store = new HubStore(db, DEFAULT_STORE, { now: () => new Date(now) });
  const kiosk: Actor = { kind: 'device', id: 1, name: 'kiosk', role: 'kiosk' };
  const advisor: Actor = { kind: 'staff', id: 1, name: 'advisor', role: 'advisor' };
  let keys = 0;
  const key = (): string => `bench-${++keys}`;
  const services = DEFAULT_STORE.services.filter((s) => !s.priority).map((s) => s.id);
  for (let i = 0; i < waitingCount; i++) {
    now += 2_000;
    store.tickets.issue({ service: services[i % services.length]!, idempotencyKey: key() }, kiosk);
  }
  let state = store.staffSnapshot();
  const applied: number[] = [];
  const refetched: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const seq = state.queue.seq;
    now += 30_000;
    // One ticket in, one called, started and finished: the queue stays at its length.
    store.tickets.issue({ service: services[round % services.length]!, idempotencyKey: key() }, kiosk);
    const called = store.tickets.callNext('1', key(), advisor).result!;
    store.tickets.act(called.id, 'start', key(), advisor);
    store.tickets.act(called.id, 'finish', key(), advisor);
    for (const event of store.staffEventsSince(seq)) {
      const started = performance.now();
      const next = applyStaffEvent(state, event);
      if (round >= 5) applied.push(performance.now() - started); // after the page's JIT has warmed up
      if (!next) throw new Error(`the console would need a snapshot at ${event.type}`);
      state = next;
      const before = performance.now();
      store.staffSnapshot();
      if (round >= 5) refetched.push(performance.now() - before);
    }
  }
  db.close();
  const figure = (times: number[]): string => {
    times.sort((a, b) => a - b);
    return `median ${percentile(times, 50)!.toFixed(3)} ms, p99 ${percentile(times, 99)!.toFixed(3)} ms`;
  };
  return [
    `staff events, ${waitingCount} waiting, ${applied.length} events: applied in the page ${figure(applied)} (goal ≤ 1 ms); ` +
      `re-reading the staff snapshot instead (before) ${figure(refetched)} on the hub, plus its transfer and parse`,
  ];
}
