/**
 * The manager's figures from a seeded day, through the real store and SQLite, compared with
 * values worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { statsCsv } from '../api/stats-csv.ts';
import { testHub } from './test-support.ts';
import type { Actor } from '../auth.ts';

const kiosk: Actor = { kind: 'device', id: 1, name: 'kiosk', role: 'kiosk' };

describe('statistics of a seeded day', () => {
  it('matches the hand-worked figures', () => {
    const h = testHub({}, '2026-11-24T01:00:00Z'); // 09:00 local
    h.store.auth.bootstrapAdmin('111111');
    const boss = h.store.auth.resolve(h.store.auth.login('111111')!.token);
    const li = h.store.auth.createStaff({ name: '李娜', role: 'advisor', pin: '2222', idempotencyKey: h.key() }, boss).result;
    const wang = h.store.auth.createStaff({ name: '王强', role: 'advisor', pin: '3333', idempotencyKey: h.key() }, boss).result;
    const asLi: Actor = { kind: 'staff', id: li.id, name: li.name, role: 'advisor' };
    const asWang: Actor = { kind: 'staff', id: wang.id, name: wang.name, role: 'advisor' };
    const at = (local: string): void => h.clock.set(`2026-11-24T${local.length === 5 ? `${local}:00` : local}+08:00`);
    const issue = (service: string) => h.store.tickets.issue({ service, idempotencyKey: h.key() }, kiosk).result;
    const call = (counter: string, actor: Actor) => h.store.tickets.callNext(counter, h.key(), actor).result!;
    const serve = (id: number, actor: Actor) => h.store.tickets.act(id, 'start', h.key(), actor);

    // 09:00 A001, 09:00:30 greeted by Li (30 s). 09:10 A002, 09:12 greeted by Wang (120 s).
    at('09:00');
    issue('maintenance');
    at('09:00:30');
    serve(call('1', asLi).id, asLi);
    at('09:10');
    issue('maintenance');
    at('09:12');
    call('2', asWang);
    // 10:05 B001 greeted at 10:05:45 by Li (45 s); 10:30 B002 never called (still waiting at 11:30: 60 min).
    at('10:05');
    issue('repair');
    at('10:05:45');
    call('1', asLi);
    at('10:30');
    issue('repair');

    // Two vehicles delivered: one on time, one late.
    const job = (plate: string, promised: string) =>
      h.store.jobs.create(
        {
          plate,
          model: 'X',
          surname: '王',
          title: '先生',
          services: ['maintenance'],
          promisedAt: `2026-11-24T${promised}:00+08:00`,
          wash: false,
          idempotencyKey: h.key(),
        },
        asLi,
      ).result;
    const onTime = job('粤B10001', '12:00');
    const late = job('粤B10002', '11:00');
    for (const j of [onTime, late]) for (const to of ['waiting', 'repair', 'qc', 'ready'] as const) h.store.jobs.move(j.id, to, h.key(), asLi);
    at('11:30');
    h.store.jobs.move(onTime.id, 'delivered', h.key(), asLi);
    h.store.jobs.move(late.id, 'delivered', h.key(), asLi);

    const day = h.store.dayStats('2026-11-24');
    expect(day.issued).toBe(4);
    expect(day.called).toBe(3);
    // A001 was served (started, then finished by the next call); A002 and B001 are still called.
    expect(day.served).toBe(1);
    // Greeted within 60 s: 30 s and 45 s; late: A002 (120 s) and B002 (never called, 60 min) → 2 of 4.
    expect(day.greeting).toEqual({ counted: 4, inTime: 2 });
    expect(day.greetingRate).toBeCloseTo(2 / 4, 10);
    // Waits of the day 30, 120, 45 s: median 45 s, p90 120 s.
    expect(day.waitP50Seconds).toBe(45);
    expect(day.waitP90Seconds).toBe(120);
    expect(day.byService.maintenance).toEqual({ issued: 2, called: 2, p50WaitSeconds: 30, p90WaitSeconds: 120 });
    expect(day.byService.repair).toEqual({ issued: 2, called: 1, p50WaitSeconds: 45, p90WaitSeconds: 45 });
    expect(day.arrivalsByHour).toEqual({ '09': 2, '10': 2 });
    expect(day.ticketsPerAdvisor).toEqual({ 李娜: 2, 王强: 1 });
    expect(day.onTimeDelivery).toEqual({ delivered: 2, onTime: 1, rate: 0.5 });

    const range = h.store.rangeStats('2026-11-23', '2026-11-25');
    expect(range.days.map((d) => [d.day, d.issued])).toEqual([
      ['2026-11-23', 0],
      ['2026-11-24', 4],
      ['2026-11-25', 0],
    ]);
    expect(range.total.issued).toBe(4);
    expect(range.total.greetingRate).toBeCloseTo(2 / 4, 10);

    // Every published CSV figure, as worked out above.
    const csv = statsCsv(range.days)
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    const header = csv[0]!.split(',');
    const row = Object.fromEntries(csv[2]!.split(',').map((v, i) => [header[i], v]));
    expect(row).toEqual({
      date: '2026-11-24',
      issued: '4',
      called: '3',
      served: '1',
      no_shows: '0',
      expired: '0',
      greeting_rate: '0.500',
      wait_p50_s: '45',
      wait_p90_s: '120',
      on_time_delivery_rate: '0.500',
      delivered: '2',
      preinspection_congestion: '0',
      preinspection_dwell: '0',
      greeting_alerts: '0',
      appointments_booked: '0',
      appointments_arrived: '0',
      appointments_on_time: '0',
      appointment_no_shows: '0',
      appointment_share: '0.000', // four visits, none booked
      complaint_cases: '0',
      complaint_first_contact_median_min: '',
      complaint_close_median_min: '',
      complaint_replied_late: '0',
    });
  });

  it('adds the day’s appointments (预约率, on time, no-shows) and complaint cases to the range and its CSV', () => {
    const h = testHub({}, '2026-11-24T01:00:00Z'); // 09:00 local
    const advisor: Actor = { kind: 'staff', id: 1, name: 'Li', role: 'advisor' };
    const book = (utc: string, plate: string) =>
      h.store.appointments.book({ service: 'maintenance', scheduledAt: `2026-11-24T${utc}:00Z`, plate, idempotencyKey: h.key() }, advisor).result;
    const onTime = book('02:00', '粤B20001'); // 10:00
    const cancelled = book('02:30', '粤B20002'); // 10:30
    book('03:00', '粤B20003'); // 11:00, never comes
    const complaint = h.store.cases.open({ topic: '异响', idempotencyKey: h.key() }, advisor).result;
    h.clock.set('2026-11-24T01:20:00Z');
    h.store.cases.note(complaint.id, '已致电', true, h.key(), advisor);
    h.clock.set('2026-11-24T01:30:00Z');
    h.store.appointments.cancel(cancelled.id, undefined, h.key(), advisor);
    h.clock.set('2026-11-24T02:00:00Z');
    h.store.cases.close(complaint.id, '已解决', h.key(), advisor);
    h.clock.set('2026-11-24T02:05:00Z');
    h.store.tickets.issue({ appointmentCode: onTime.code, idempotencyKey: h.key() }, kiosk);
    h.clock.set('2026-11-24T02:10:00Z');
    h.store.tickets.issue({ service: 'repair', idempotencyKey: h.key() }, kiosk);
    h.clock.set('2026-11-24T03:16:00Z');
    h.store.appointments.markNoShows();

    const range = h.store.rangeStats('2026-11-24', '2026-11-25');
    expect(range.days[0]!.appointments).toMatchObject({ booked: 2, arrived: 1, onTime: 1, noShows: 1, cancelled: 1, arrivals: 2, appointmentShare: 0.5 });
    expect(range.days[0]!.cases).toEqual({ opened: 1, closed: 1, firstContactMedianMinutes: 20, closeMedianMinutes: 60, repliedLate: 0 });
    expect(range.days[1]!.appointments).toMatchObject({ booked: 0, arrivals: 0, appointmentShare: null });
    expect(range.total.appointments).toMatchObject({ booked: 2, arrived: 1, noShows: 1, appointmentShare: 0.5 });
    expect(range.total.cases).toMatchObject({ opened: 1, closeMedianMinutes: 60 });

    const [header, first] = statsCsv(range.days)
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    const row = Object.fromEntries(first!.split(',').map((v, i) => [header!.split(',')[i], v]));
    expect(row).toMatchObject({
      appointments_booked: '2',
      appointments_arrived: '1',
      appointments_on_time: '1',
      appointment_no_shows: '1',
      appointment_share: '0.500',
      complaint_cases: '1',
      complaint_first_contact_median_min: '20',
      complaint_close_median_min: '60',
      complaint_replied_late: '0',
    });
  });
});
