import { describe, expect, it } from 'vitest';
import {
  capacityOf,
  daySlots,
  isNoShow,
  matchByPlate,
  onTime,
  proposeSlots,
  remindersDue,
  slotLoads,
  slotOf,
  slotState,
  zonedInstant,
  type SlotLoad,
} from './appointment-slots.ts';

const TZ = 'Asia/Shanghai';
const settings = { slotCapacity: { maintenance: 2 }, defaultSlotCapacity: 1, firstSlot: '09:00', lastSlot: '11:30' };
/** 2026-11-24 local HH:MM in Shanghai as epoch ms. */
const at = (hhmm: string): number => Date.parse(`2026-11-24T${hhmm}:00+08:00`);
const iso = (hhmm: string): string => new Date(at(hhmm)).toISOString();

describe('slots and capacity', () => {
  it('lays out the day in local half hours and finds the slot of any instant', () => {
    expect(zonedInstant('2026-11-24', 9 * 60, TZ)).toBe(at('09:00'));
    expect(daySlots('2026-11-24', settings, TZ)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'].map(at));
    expect(slotOf(at('10:29') + 59_000, TZ)).toBe(at('10:00'));
    expect(slotOf(at('10:30'), TZ)).toBe(at('10:30'));
    // A zone with a half-hour offset still gets local half hours.
    expect(slotOf(Date.parse('2026-11-24T10:10:00+05:30'), 'Asia/Kolkata')).toBe(Date.parse('2026-11-24T10:00:00+05:30'));
  });

  it('takes the capacity set per service, else the default', () => {
    expect(capacityOf(settings, 'maintenance')).toBe(2);
    expect(capacityOf(settings, 'repair')).toBe(1);
  });

  it('counts each service in its own slots and says free, busy or full', () => {
    const bookings = [
      { service: 'maintenance', at: at('09:00') },
      { service: 'maintenance', at: at('09:10') },
      { service: 'repair', at: at('09:00') },
      { service: 'maintenance', at: at('10:00') },
    ];
    const loads = slotLoads(daySlots('2026-11-24', settings, TZ), bookings, 'maintenance', 2, TZ);
    expect(loads.map((l) => l.load)).toEqual([2, 0, 1, 0, 0, 0]);
    expect(loads.map(slotState)).toEqual(['full', 'free', 'busy', 'free', 'free', 'free']);
  });
});

describe('levelling proposals', () => {
  const loads = (values: number[], capacity = 2): SlotLoad[] =>
    ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'].map((h, i) => ({ start: iso(h), load: values[i]!, capacity }));

  it('proposes the nearest least-loaded slots with room, in time order, never the past', () => {
    // 10:00 is full; 09:30 is half full, 10:30 empty, 11:00 empty, 09:00 empty but already past.
    const proposed = proposeSlots(loads([0, 1, 2, 0, 0, 2]), at('10:00'), at('09:10'));
    expect(proposed).toEqual([iso('09:30'), iso('10:30'), iso('11:00')]);
  });

  it('prefers an empty slot one step further to a nearly full one next door', () => {
    const proposed = proposeSlots(loads([0, 0, 4, 3, 0, 0], 4), at('10:00'), at('08:00'), 1);
    expect(proposed).toEqual([iso('09:30')]);
    const later = proposeSlots(loads([4, 3, 4, 3, 0, 0], 4), at('10:00'), at('08:00'), 1);
    expect(later).toEqual([iso('11:00')]);
  });

  it('proposes nothing when the day is full', () => {
    expect(proposeSlots(loads([2, 2, 2, 2, 2, 2]), at('10:00'), at('08:00'))).toEqual([]);
  });
});

describe('arrival, no-show and reminders (injected times)', () => {
  const window = { earlyMinutes: 30, lateMinutes: 15 };

  it('is on time inside the window and a no-show once the late window has passed without arrival', () => {
    expect(onTime(iso('10:00'), at('09:30'), window)).toBe(true);
    expect(onTime(iso('10:00'), at('09:29'), window)).toBe(false);
    expect(onTime(iso('10:00'), at('10:15'), window)).toBe(true);
    expect(onTime(iso('10:00'), at('10:16'), window)).toBe(false);
    expect(isNoShow({ scheduledAt: iso('10:00'), status: 'booked' }, at('10:15'), 15)).toBe(false);
    expect(isNoShow({ scheduledAt: iso('10:00'), status: 'booked' }, at('10:16'), 15)).toBe(true);
    expect(isNoShow({ scheduledAt: iso('10:00'), status: 'arrived' }, at('12:00'), 15)).toBe(false);
  });

  it('matches a plate to its booked appointment nearest to now', () => {
    const todays = [
      { id: 1, plate: '粤B12345', scheduledAt: iso('09:00'), status: 'arrived' as const },
      { id: 2, plate: '粤B12345', scheduledAt: iso('15:00'), status: 'booked' as const },
      { id: 3, plate: '粤B12345', scheduledAt: iso('10:30'), status: 'booked' as const },
      { id: 4, plate: '粤B99999', scheduledAt: iso('10:00'), status: 'booked' as const },
    ];
    expect(matchByPlate(todays, '粤B12345', at('10:00'))?.id).toBe(3);
    expect(matchByPlate(todays, '粤B77777', at('10:00'))).toBeNull();
  });

  it('says which appointments are due their day-before reminder at a given time, once', () => {
    const base = { status: 'booked' as const, phone: '13800138000', remindedAt: null };
    const list = [
      { ...base, id: 1, scheduledAt: '2026-11-25T02:00:00Z' }, // tomorrow 10:00 local
      { ...base, id: 2, scheduledAt: '2026-11-25T07:00:00Z' }, // tomorrow 15:00 local
      { ...base, id: 3, scheduledAt: '2026-11-25T02:00:00Z', phone: null },
      { ...base, id: 4, scheduledAt: '2026-11-25T02:00:00Z', remindedAt: '2026-11-24T02:00:00Z' },
      { ...base, id: 5, scheduledAt: '2026-11-25T02:00:00Z', status: 'cancelled' as const },
    ];
    expect(remindersDue(list, Date.parse('2026-11-24T01:59:59Z'), 24).map((a) => a.id)).toEqual([]);
    expect(remindersDue(list, Date.parse('2026-11-24T02:00:00Z'), 24).map((a) => a.id)).toEqual([1]);
    expect(remindersDue(list, Date.parse('2026-11-24T07:30:00Z'), 24).map((a) => a.id)).toEqual([1, 2]);
    expect(remindersDue(list, Date.parse('2026-11-25T02:00:00Z'), 24).map((a) => a.id)).toEqual([2]); // past its time: no reminder
  });
});
