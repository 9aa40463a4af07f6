/**
 * Issue #16 §1 with the injected clock (09:00 Shanghai, 2026-11-24): slot capacity and
 * levelling proposals, move and cancel, arrival matching by code and by plate, no-shows, the
 * day's figures, reminders due, and a GB18030 CSV import with bad rows and a re-import.
 */
import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CreateAppointmentRequest } from '../../../shared/src/protocol.ts';
import { DEFAULT_STORE } from '../../../shared/src/services.ts';
import { advisor, kiosk, testHub, type TestHub } from './test-support.ts';

let h: TestHub;
beforeEach(() => {
  h = testHub({ appointments: { slotCapacity: { maintenance: 2 }, defaultSlotCapacity: 1, firstSlot: '09:00', lastSlot: '12:00', reminderHoursBefore: 24 } });
});

/** Local Shanghai time on the test day. */
const at = (hhmm: string, day = '2026-11-24'): string => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
const book = (hhmm: string, extra: Partial<CreateAppointmentRequest> = {}) =>
  h.store.appointments.book({ service: 'maintenance', scheduledAt: at(hhmm), idempotencyKey: h.key(), ...extra }, advisor);

describe('slot capacity and levelling', () => {
  it('refuses a full slot and proposes the nearest least-loaded slots with room', () => {
    book('10:00', { plate: '粤B10001' });
    book('10:10', { plate: '粤B10002' });
    book('10:30', { plate: '粤B10003' });
    expect(() => book('10:20', { plate: '粤B10004' })).toThrow(expect.objectContaining({ status: 409, code: 'slot_full' }));
    h.clock.set(at('09:10')); // the 09:00 slot has begun: never proposed
    const slots = h.store.appointments.slots('2026-11-24', 'maintenance', at('10:20'));
    expect(slots.slots.map((s) => [s.start, s.load, s.state])).toEqual([
      [at('09:00'), 0, 'free'],
      [at('09:30'), 0, 'free'],
      [at('10:00'), 2, 'full'],
      [at('10:30'), 1, 'busy'],
      [at('11:00'), 0, 'free'],
      [at('11:30'), 0, 'free'],
      [at('12:00'), 0, 'free'],
    ]);
    // 09:30 and 11:00 are one step away and empty; 10:30 is next door but half full.
    expect(slots.proposals).toEqual([at('09:30'), at('10:30'), at('11:00')]);
    // Another service has its own capacity (the default, 1 here).
    expect(h.store.appointments.book({ service: 'repair', scheduledAt: at('10:00'), idempotencyKey: h.key() }, advisor).result.status).toBe('booked');
  });

  it('frees the place of a cancelled appointment and checks capacity again on a move', () => {
    const first = book('10:00').result;
    book('10:00');
    const other = book('11:00').result;
    expect(() => h.store.appointments.move(other.id, at('10:15'), undefined, h.key(), advisor)).toThrow(expect.objectContaining({ code: 'slot_full' }));
    h.store.appointments.cancel(first.id, '客户改期', h.key(), advisor);
    expect(h.store.appointments.move(other.id, at('10:15'), undefined, h.key(), advisor).result.scheduledAt).toBe(at('10:15'));
    expect(() => h.store.appointments.move(first.id, at('11:00'), undefined, h.key(), advisor)).toThrow(
      expect.objectContaining({ code: 'appointment_closed' }),
    );
  });

  it('refuses the same plate twice for the same service and time', () => {
    book('10:00', { plate: '粤B10001' });
    expect(() => book('10:00', { plate: '粤B10001' })).toThrow(expect.objectContaining({ code: 'appointment_duplicate' }));
  });

  it('refuses settings whose capacity names a service the store does not have', () => {
    const settings = { ...DEFAULT_STORE, appointments: { ...DEFAULT_STORE.appointments, slotCapacity: { tyres: 3 } } };
    expect(() => h.store.updateSettings(settings, h.key(), advisor)).toThrow(expect.objectContaining({ code: 'invalid_settings' }));
  });
});

describe('arrival, no-shows and figures', () => {
  it('checks in by code at the kiosk, by plate at the kiosk, and by plate at the gate; the rest become no-shows', () => {
    const byCode = book('09:00', { plate: '粤B20001', code: 'APPT0001' }).result;
    const byPlate = book('09:00', { plate: '粤B20002' }).result;
    const atGate = book('09:30', { plate: '粤B20003' }).result;
    const missed = book('09:30', { plate: '粤B20004' }).result;
    h.clock.set(at('09:05'));
    const coded = h.store.tickets.issue({ appointmentCode: 'APPT0001', idempotencyKey: h.key() }, kiosk).result;
    const plated = h.store.tickets.issue({ service: 'maintenance', plate: '粤B20002', idempotencyKey: h.key() }, kiosk).result;
    expect([coded.ticketClass, plated.ticketClass]).toEqual(['appointment', 'appointment']);
    h.clock.set(at('10:00')); // 30 minutes late: arrived, but not on time
    h.store.arrivals.register({ plate: '粤B20003', source: 'guard', idempotencyKey: h.key() }, advisor);
    h.store.tickets.issue({ service: 'repair', plate: '粤B29999', idempotencyKey: h.key() }, kiosk); // a walk-in
    expect(h.store.appointments.markNoShows().result).toBe(1);
    const status = Object.fromEntries(h.store.appointmentsOn('2026-11-24').map((a) => [a.id, a.status]));
    expect(status).toEqual({ [byCode.id]: 'arrived', [byPlate.id]: 'arrived', [atGate.id]: 'arrived', [missed.id]: 'no_show' });
    expect(h.store.appointments.figures('2026-11-24')).toEqual({
      day: '2026-11-24',
      booked: 4,
      arrived: 3,
      onTime: 2,
      noShows: 1,
      cancelled: 0,
      arrivals: 4, // three tickets and the gate arrival without one
      appointmentShare: 3 / 4,
      onTimeRate: 2 / 3,
      loadByHour: expect.any(Array),
    });
  });

  it("gives the day's load per hour against what its slots can take over all services", () => {
    // Slots 09:00–12:00: maintenance takes 2 per slot, every other service 1 (the settings above).
    const perSlot = DEFAULT_STORE.services.reduce((sum, s) => sum + (s.id === 'maintenance' ? 2 : 1), 0);
    book('09:00');
    book('09:30');
    book('09:30', { service: 'repair' });
    book('11:00');
    const cancelled = book('11:30').result;
    h.store.appointments.cancel(cancelled.id, undefined, h.key(), advisor);
    expect(h.store.appointments.figures('2026-11-24').loadByHour).toEqual([
      { hour: '09', booked: 3, capacity: 2 * perSlot },
      { hour: '10', booked: 0, capacity: 2 * perSlot },
      { hour: '11', booked: 1, capacity: 2 * perSlot }, // the cancelled one does not load the hour
      { hour: '12', booked: 0, capacity: perSlot }, // 12:00 is the last slot
    ]);
  });

  it('waits for the late window before calling it a no-show', () => {
    book('10:00', { plate: '粤B30001' });
    h.clock.set(at('10:15'));
    expect(h.store.appointments.markNoShows().result).toBe(0);
    h.clock.set(at('10:16'));
    expect(h.store.appointments.markNoShows().result).toBe(1);
  });

  it('says which appointments are due their day-before reminder, once each, only with consent', () => {
    const tomorrow = h.store.appointments.book(
      { service: 'maintenance', scheduledAt: at('10:00', '2026-11-25'), phone: '13800138000', notifyConsent: true, idempotencyKey: h.key() },
      advisor,
    ).result;
    book('11:00'); // no phone: nobody to remind
    book('11:30', { phone: '13800138001' }); // no consent: not to be messaged
    h.clock.set(at('09:59', '2026-11-24'));
    expect(h.store.appointments.dueReminders()).toEqual([]);
    h.clock.set(at('10:00', '2026-11-24'));
    expect(h.store.appointments.dueReminders().map((a) => a.id)).toEqual([tomorrow.id]);
    h.store.appointments.markReminded(tomorrow.id);
    expect(h.store.appointments.dueReminders()).toEqual([]);
  });
});

describe('CSV import from the DMS', () => {
  const csv = [
    '预约单号,预约时间,服务类型,车牌号,客户姓名,联系电话,备注',
    'DMS0001,2026-11-24 10:00,保养,粤B40001,张先生,13800138001,"换机油,检查刹车"',
    'DMS0002,2026/11/24 10:30,维修,粤B40002,李女士,,异响',
    'DMS0003,2026-11-24 25:00,保养,粤B40003,王先生,,',
    'DMS0004,2026-11-24 11:00,洗车,粤B40004,赵先生,,',
    'DMS0005,2026-11-24 11:00,保养,ABC,钱女士,12345,',
  ].join('\r\n');
  const gb18030 = iconv.encode(csv, 'gb18030').toString('base64');

  it('previews a GB18030 file with an error per bad field, imports the good rows, and skips them on re-import', () => {
    const preview = h.store.appointments.import(gb18030, false, h.key(), advisor).result;
    expect(preview.encoding).toBe('gb18030');
    expect(preview.rows.map((r) => [r.row, r.service, r.plate, r.customerName, r.status])).toEqual([
      [2, 'maintenance', '粤B40001', '张先生', 'new'],
      [3, 'repair', '粤B40002', '李女士', 'new'],
    ]);
    expect(preview.errors.map((e) => [e.row, e.field])).toEqual([
      [4, 'scheduledAt'],
      [5, 'service'],
      [6, 'plate'],
      [6, 'phone'],
    ]);
    expect(preview.created).toBe(0);
    expect(h.store.appointmentsOn('2026-11-24')).toEqual([]);

    const imported = h.store.appointments.import(gb18030, true, h.key(), advisor);
    expect(imported.result.created).toBe(2);
    expect(h.store.appointmentsOn('2026-11-24').map((a) => [a.code, a.scheduledAt, a.note, a.source])).toEqual([
      ['DMS0001', at('10:00'), '换机油,检查刹车', 'import'],
      ['DMS0002', at('10:30'), '异响', 'import'],
    ]);

    const again = h.store.appointments.import(gb18030, true, h.key(), advisor).result;
    expect(again.created).toBe(0);
    expect(again.rows.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(h.store.appointmentsOn('2026-11-24')).toHaveLength(2);
  });

  it('reads a UTF-8 file with a BOM and English headers, and flags rows past capacity without losing them', () => {
    const utf8 =
      '\uFEFFcode,scheduledAt,service,plate\nEN000001,2026-11-24 09:00,maintenance,粤B50001\nEN000002,2026-11-24 09:10,maintenance,粤B50002\nEN000003,2026-11-24 09:20,maintenance,粤B50003\n';
    const preview = h.store.appointments.import(Buffer.from(utf8).toString('base64'), false, h.key(), advisor).result;
    expect(preview.encoding).toBe('utf-8');
    expect(preview.rows.map((r) => [r.status, r.overCapacity])).toEqual([
      ['new', false],
      ['new', false],
      ['new', true],
    ]);
    expect(h.store.appointments.import(Buffer.from(utf8).toString('base64'), true, h.key(), advisor).result.created).toBe(3);
  });
});
