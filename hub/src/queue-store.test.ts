import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_STORE } from '../../shared/src/services.ts';
import { openDatabase, type Db } from './db/database.ts';
import { HubError, QueueStore, type Clock } from './queue-store.ts';

class ManualClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
  set(iso: string): void {
    this.at = new Date(iso);
  }
}

let file: string;
let db: Db;
let clock: ManualClock;
let store: QueueStore;
let keyCounter = 0;
const key = (): string => `test-key-${++keyCounter}`;

beforeEach(() => {
  file = join(mkdtempSync(join(tmpdir(), 'store-test-')), 'hub.sqlite');
  db = openDatabase(file);
  clock = new ManualClock(new Date('2026-11-24T01:00:00Z')); // 09:00 in Shanghai
  store = new QueueStore(db, DEFAULT_STORE, clock);
});

const issue = (service: string, extra: { plate?: string; phone?: string } = {}) => {
  clock.advance(1000);
  return store.issueTicket({ service, idempotencyKey: key(), ...extra }).result;
};

describe('issueTicket', () => {
  it('numbers per service prefix and counts people ahead', () => {
    const a1 = issue('maintenance');
    const a2 = issue('maintenance');
    const b1 = issue('repair');
    expect([a1.number, a2.number, b1.number]).toEqual(['A001', 'A002', 'B001']);
    expect([a1.ahead, a2.ahead, b1.ahead]).toEqual([0, 1, 2]);
    expect(a1.trackingToken).toMatch(/^[0-9a-f]{32}$/);
    expect(a1.trackingToken).not.toBe(a2.trackingToken);
  });

  it('returns the same ticket for a repeated idempotency key and stores nothing new', () => {
    const first = store.issueTicket({ service: 'repair', plate: '粤B12345', idempotencyKey: 'same-key-1' });
    const seqAfterFirst = store.lastSeq();
    const again = store.issueTicket({ service: 'repair', plate: '粤B12345', idempotencyKey: 'same-key-1' });
    expect(again.replayed).toBe(true);
    expect(again.events).toEqual([]);
    expect(again.result).toEqual(first.result);
    expect(store.lastSeq()).toBe(seqAfterFirst);
    expect(db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(1);
  });

  it('refuses a reused key with a different request', () => {
    store.issueTicket({ service: 'repair', idempotencyKey: 'same-key-2' });
    expect(() => store.issueTicket({ service: 'pickup', idempotencyKey: 'same-key-2' })).toThrow(HubError);
    expect(db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(1);
  });

  it('rejects an unknown service and changes nothing', () => {
    expect(() => store.issueTicket({ service: 'teleport', idempotencyKey: key() })).toThrow(/unknown service "teleport"/);
    expect(store.lastSeq()).toBe(0);
  });

  it('restarts numbering at opening time, not at midnight', () => {
    clock.set('2026-11-24T15:00:00Z'); // 23:00
    expect(issue('maintenance').number).toBe('A001');
    clock.set('2026-11-24T23:30:00Z'); // 07:30 next morning: still yesterday's business day
    expect(issue('maintenance').number).toBe('A002');
    clock.set('2026-11-25T00:01:00Z'); // 08:01: a new day
    const fresh = issue('maintenance');
    expect(fresh.number).toBe('A001');
    expect(fresh.businessDay).toBe('2026-11-25');
  });

  it('continues numbering after the database is closed and reopened', () => {
    issue('maintenance');
    issue('maintenance');
    db.close();
    db = openDatabase(file);
    store = new QueueStore(db, DEFAULT_STORE, clock);
    expect(issue('maintenance').number).toBe('A003');
  });
});

describe('callNext', () => {
  it('calls in order, complaints first, and finishes the previous ticket of the counter', () => {
    const a1 = issue('maintenance');
    const b1 = issue('repair');
    const h1 = issue('complaint');
    const first = store.callNext('1');
    expect(first.result?.number).toBe(h1.number);
    expect(first.result?.counterId).toBe('1');
    expect(first.events.map((e) => e.type)).toEqual(['ticket.called']);
    const second = store.callNext('1');
    expect(second.result?.number).toBe(a1.number);
    expect(second.events.map((e) => e.type)).toEqual(['ticket.done', 'ticket.called']);
    expect(store.callNext('2').result?.number).toBe(b1.number);
    expect(store.callNext('3').result).toBeNull();
  });

  it('never gives one ticket to two counters', () => {
    issue('maintenance');
    expect(store.callNext('1').result?.number).toBe('A001');
    expect(store.callNext('2').result).toBeNull();
  });

  it('replays a repeated call with the same key instead of calling another ticket', () => {
    issue('maintenance');
    issue('maintenance');
    const first = store.callNext('1', 'call-key-01');
    const again = store.callNext('1', 'call-key-01');
    expect(again.replayed).toBe(true);
    expect(again.result?.number).toBe(first.result?.number);
    expect(store.snapshot().waiting.maintenance).toEqual(['A002']);
  });

  it('refuses an unknown counter', () => {
    expect(() => store.callNext('99')).toThrow(/counter 99 does not exist/);
  });
});

describe('events and snapshot', () => {
  it('gives every change a strictly increasing seq that the snapshot reports', () => {
    issue('maintenance');
    issue('repair');
    store.callNext('1');
    store.callNext('1');
    const events = store.eventsSince(0);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(store.snapshot().seq).toBe(seqs.at(-1));
    expect(store.eventsSince(seqs[1]!).map((e) => e.seq)).toEqual(seqs.slice(2));
  });

  it('shows waiting numbers per service and recent calls, newest first, without personal data', () => {
    issue('maintenance', { plate: '粤B12345', phone: '13812345678' });
    issue('maintenance');
    issue('repair');
    clock.advance(1000);
    store.callNext('2');
    const snapshot = store.snapshot();
    expect(snapshot.waiting.maintenance).toEqual(['A002']);
    expect(snapshot.waiting.repair).toEqual(['B001']);
    expect(snapshot.recentCalls).toEqual([expect.objectContaining({ number: 'A001', counterId: '2' })]);
    const everything = JSON.stringify([snapshot, store.eventsSince(0)]);
    expect(everything).not.toContain('12345');
    expect(everything).not.toContain('13812345678');
  });
});
