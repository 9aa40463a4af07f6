/**
 * Issue #16 §2: vehicles are registered when they enter the drive, before any job; bays are the
 * configured ones only and hold one vehicle; the ≥ 4 and > 20 minute rules count every vehicle
 * arrived and not yet past pre-inspection, and resolve themselves.
 */
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../db/database.ts';
import { MIGRATIONS } from '../db/migrations.ts';
import type { CreateJobRequest } from '../../../shared/src/protocol.ts';
import { advisor, kiosk, testHub, type TestHub } from './test-support.ts';

let h: TestHub;
beforeEach(() => {
  h = testHub();
});

const job = (plate: string, bay?: string): CreateJobRequest => ({
  plate,
  model: '凯美瑞',
  surname: '王',
  title: '先生',
  services: ['maintenance'],
  promisedAt: '2026-11-24T08:00:00Z',
  wash: false,
  ...(bay ? { bay } : {}),
  idempotencyKey: h.key(),
});

const checkIn = (plate: string) => h.store.tickets.issue({ service: 'maintenance', plate, idempotencyKey: h.key() }, kiosk);

describe('pre-inspection bays', () => {
  it('refuses a job in a bay the store does not have (P4, X9)', () => {
    for (const bay of ['P4', 'X9']) {
      expect(() => h.store.jobs.create(job('粤B10001', bay), advisor)).toThrow(expect.objectContaining({ status: 400, code: 'unknown_bay' }));
    }
    expect(h.store.jobs.create(job('粤B10001', 'P3'), advisor).result.bay).toBe('P3');
  });

  it('holds one vehicle per bay', () => {
    h.store.jobs.create(job('粤B10001', 'P1'), advisor);
    expect(() => h.store.jobs.create(job('粤B10002', 'P1'), advisor)).toThrow(expect.objectContaining({ status: 409, code: 'bay_occupied' }));
    expect(() => h.store.arrivals.register({ plate: '粤B10003', bay: 'P1', source: 'guard', idempotencyKey: h.key() }, advisor)).toThrow(
      expect.objectContaining({ code: 'bay_occupied' }),
    );
  });

  it('counts four cars checked in at the kiosk with a plate, before any job exists, as congestion', () => {
    for (const plate of ['粤B20001', '粤B20002', '粤B20003']) checkIn(plate);
    expect(h.store.evaluateAlerts().result.raised).toBe(0);
    checkIn('粤B20004');
    const raised = h.store.evaluateAlerts();
    expect(raised.events).toEqual([
      expect.objectContaining({ alert: expect.objectContaining({ kind: 'preinspection_congestion', subject: { vehicles: 4, limit: 4 } }) }),
    ]);
  });

  it('runs the 20 minute rule from arrival, not from the job, and resolves both alerts by themselves', () => {
    const guard = (plate: string, bay?: string) =>
      h.store.arrivals.register({ plate, ...(bay ? { bay } : {}), source: 'guard', idempotencyKey: h.key() }, advisor).result;
    const first = guard('粤B30001', 'P1');
    guard('粤B30002', 'P2');
    guard('粤B30003');
    guard('粤B30004');
    expect(h.store.evaluateAlerts().result.raised).toBe(1); // congestion
    h.clock.advance(15 * 60_000);
    h.store.jobs.create(job('粤B30001', 'P1'), advisor); // the advisor starts the job late: dwell still counts from arrival
    h.clock.advance(6 * 60_000);
    const dwell = h.store.evaluateAlerts();
    expect(dwell.result.raised).toBe(4);
    expect(
      h.store.alerts
        .list({ openOnly: true })
        .filter((a) => a.kind === 'preinspection_dwell')
        .map((a) => a.subject.plate),
    ).toContain('粤B·***01');
    // The first car's job moves on, the others are done or drive away: everything resolves.
    const created = h.store.jobs.list().find((j) => j.plate === '粤B30001')!;
    h.store.jobs.move(created.id, 'waiting', h.key(), advisor);
    for (const a of h.store.arrivals.open()) if (a.id !== first.id) h.store.arrivals.release(a.id, 'left', h.key(), advisor);
    expect(h.store.evaluateAlerts().result.resolved).toBe(5);
    expect(h.store.alerts.list({ openOnly: true })).toEqual([]);
    expect(h.store.arrivals.open()).toEqual([]);
  });

  it('shows occupancy and dwell per bay, with the vehicles waiting for a bay', () => {
    h.store.arrivals.register({ plate: '粤B40001', bay: 'P2', source: 'guard', idempotencyKey: h.key() }, advisor);
    checkIn('粤B40002');
    h.clock.advance(7 * 60_000);
    const view = h.store.arrivals.bayView();
    expect(view.bays.map((b) => [b.bay, b.vehicle?.plate ?? null, b.vehicle?.dwellMinutes ?? null])).toEqual([
      ['P1', null, null],
      ['P2', '粤B40001', 7],
      ['P3', null, null],
    ]);
    expect(view.waiting.map((v) => [v.plate, v.source, v.dwellMinutes])).toEqual([['粤B40002', 'kiosk', 7]]);
  });

  it('takes a repeated check-in of the same plate as the same vehicle, and a new bay moves it', () => {
    checkIn('粤B50001');
    const moved = h.store.arrivals.register({ plate: '粤B50001', bay: 'P3', source: 'guard', idempotencyKey: h.key() }, advisor).result;
    expect(h.store.arrivals.open()).toEqual([expect.objectContaining({ id: moved.id, bay: 'P3', source: 'kiosk' })]);
    expect(() => h.store.arrivals.setBay(moved.id, 'P9', h.key(), advisor)).toThrow(expect.objectContaining({ code: 'unknown_bay' }));
    // The advisor's job for it, without a bay, shows the bay the car is in.
    expect(h.store.jobs.create(job('粤B50001'), advisor).result.bay).toBe('P3');
    expect(h.store.arrivals.open()).toEqual([expect.objectContaining({ id: moved.id, jobId: expect.any(Number) })]);
  });

  it('closes vehicles left in the drive when the business day ends', () => {
    checkIn('粤B60001');
    h.clock.set('2026-11-25T01:00:00Z');
    h.store.closeEarlierDays();
    expect(h.store.arrivals.open()).toEqual([]);
  });
});

describe('migration 9', () => {
  it('gives every vehicle already in pre-inspection an arrival at its job start, and checked-in appointments their arrival', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 8);
    const insert = db.prepare(
      `INSERT INTO jobs (business_day, plate, model, surname, title, services, promised_at, wash, bay, stage, stage_started_at, public_id, tracking_token, created_at)
       VALUES ('2026-11-24', ?, 'Civic', '李', '女士', '["maintenance"]', '2026-11-24T08:00:00Z', 0, ?, ?, '2026-11-24T01:00:00.000Z', ?, ?, '2026-11-24T01:00:00.000Z')`,
    );
    insert.run('粤B10001', 'P4', 'reception', 'p1', 'a'.repeat(32));
    insert.run('粤B10002', null, 'repair', 'p2', 'b'.repeat(32));
    db.prepare(
      `INSERT INTO tickets (business_day, service, number, ticket_class, status, issued_at, tracking_token)
       VALUES ('2026-11-24', 'maintenance', 'A001', 'appointment', 'done', '2026-11-24T00:55:00.000Z', ?)`,
    ).run('c'.repeat(32));
    const appointment = db.prepare(
      `INSERT INTO appointments (code, service, scheduled_at, checked_in_ticket_id, created_at) VALUES (?, 'maintenance', ?, ?, ?)`,
    );
    appointment.run('APPT0001', '2026-11-24T01:00:00.000Z', 1, '2026-11-23T01:00:00.000Z');
    appointment.run('APPT0002', '2026-11-24T02:00:00.000Z', null, '2026-11-23T01:00:00.000Z');
    migrate(db, MIGRATIONS, 9);
    // The old job's bay P4 is not carried over: it was never a bay of the store.
    expect(db.prepare('SELECT plate, bay, source, arrived_at, job_id, left_at FROM arrivals').all()).toEqual([
      { plate: '粤B10001', bay: null, source: 'job', arrived_at: '2026-11-24T01:00:00.000Z', job_id: 1, left_at: null },
    ]);
    // Appointments checked in before the upgrade are arrived, at their ticket's time; the rest are booked.
    expect(db.prepare('SELECT code, status, arrived_at FROM appointments ORDER BY id').all()).toEqual([
      { code: 'APPT0001', status: 'arrived', arrived_at: '2026-11-24T00:55:00.000Z' },
      { code: 'APPT0002', status: 'booked', arrived_at: null },
    ]);
    db.close();
  });
});
