import { describe, expect, it } from 'vitest';
import { businessDay, formatTicketNumber } from './numbering.ts';

describe('businessDay', () => {
  // Asia/Shanghai is UTC+8 all year.
  it('is the local date once the store has opened', () => {
    expect(businessDay(new Date('2026-11-24T00:00:00Z'), 'Asia/Shanghai', '08:00')).toBe('2026-11-24'); // 08:00 local
    expect(businessDay(new Date('2026-11-24T15:59:00Z'), 'Asia/Shanghai', '08:00')).toBe('2026-11-24'); // 23:59 local
  });

  it('still belongs to the previous day before opening time', () => {
    expect(businessDay(new Date('2026-11-23T23:59:00Z'), 'Asia/Shanghai', '08:00')).toBe('2026-11-23'); // 07:59 local
    expect(businessDay(new Date('2026-11-24T16:30:00Z'), 'Asia/Shanghai', '08:00')).toBe('2026-11-24'); // 00:30 local next day
  });

  it('uses the store zone, not the machine zone', () => {
    const at = new Date('2026-07-01T06:30:00Z');
    expect(businessDay(at, 'Asia/Shanghai', '07:00')).toBe('2026-07-01'); // 14:30
    expect(businessDay(at, 'America/New_York', '07:00')).toBe('2026-06-30'); // 02:30
  });

  it('crosses month and year ends', () => {
    expect(businessDay(new Date('2026-12-31T23:00:00Z'), 'Asia/Shanghai', '08:00')).toBe('2026-12-31'); // 07:00 Jan 1st
  });
});

describe('formatTicketNumber', () => {
  it('pads to three digits and grows beyond', () => {
    expect(formatTicketNumber('A', 7)).toBe('A007');
    expect(formatTicketNumber('H', 999)).toBe('H999');
    expect(formatTicketNumber('B', 1000)).toBe('B1000');
  });

  it('rejects sequences that are not positive integers', () => {
    expect(() => formatTicketNumber('A', 0)).toThrow(RangeError);
    expect(() => formatTicketNumber('A', 1.5)).toThrow(RangeError);
  });
});
