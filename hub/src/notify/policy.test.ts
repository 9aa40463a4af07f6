import { describe, expect, it } from 'vitest';
import { backoffMs, decide, quietUntil, rateLimitedUntil, type PolicySettings } from './policy.ts';

const settings: PolicySettings = {
  timeZone: 'Asia/Shanghai',
  openingTime: '08:00',
  closingTime: '22:00',
  quietHours: { start: '21:00', end: '08:00' },
  maxPerPhonePerHour: 3,
};
/** Shanghai wall clock on 2026-11-24 (UTC+8). */
const at = (hhmm: string): number => Date.parse(`2026-11-24T${hhmm}:00+08:00`);
const customer = (type: Parameters<typeof decide>[0]['type'], createdAt: number) => ({ type, audience: 'customer' as const, createdAt });

describe('quiet hours', () => {
  it('hold customer messages from 21:00 to 08:00 store time and say when they end', () => {
    expect(quietUntil(at('20:59'), settings)).toBeNull();
    expect(quietUntil(at('21:00'), settings)).toBe(Date.parse('2026-11-25T08:00:00+08:00'));
    expect(quietUntil(at('03:30'), settings)).toBe(at('08:00'));
    expect(quietUntil(at('08:00'), settings)).toBeNull();
    expect(decide(customer('ticket.called', at('21:10')), at('21:10'), [], settings)).toEqual({
      kind: 'wait',
      until: Date.parse('2026-11-25T08:00:00+08:00'),
      reason: 'quiet_hours',
    });
  });

  it('let "ready for pickup" through while the store is open, not after it closed', () => {
    expect(decide(customer('job.ready', at('21:30')), at('21:30'), [], settings)).toEqual({ kind: 'send' });
    expect(decide(customer('job.ready', at('22:30')), at('22:30'), [], settings)).toMatchObject({ kind: 'wait', reason: 'quiet_hours' });
    expect(decide(customer('job.delivered', at('21:30')), at('21:30'), [], settings)).toMatchObject({ kind: 'wait', reason: 'quiet_hours' });
  });

  it('never hold staff alerts', () => {
    expect(decide({ type: 'staff.alert', audience: 'staff', createdAt: at('23:00') }, at('23:00'), [], settings)).toEqual({ kind: 'send' });
  });
});

describe('rate limit per phone', () => {
  it('allows maxPerPhonePerHour in any hour and names when the next may go', () => {
    const now = at('10:00');
    const sent = [at('09:10'), at('09:30'), at('09:50')];
    expect(rateLimitedUntil(sent.slice(0, 2), now, 3)).toBeNull();
    expect(rateLimitedUntil(sent, now, 3)).toBe(at('10:10'));
    expect(rateLimitedUntil([at('08:30'), ...sent.slice(1)], now, 3)).toBeNull();
    expect(decide(customer('job.ready', now), now, sent, settings)).toEqual({ kind: 'wait', until: at('10:10'), reason: 'rate_limited' });
  });
});

describe('retries', () => {
  it('back off exponentially from 30 s, capped at 10 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000]);
  });

  it('give up on a message past its useful age', () => {
    expect(decide(customer('ticket.called', at('09:00')), at('12:01'), [], settings)).toEqual({ kind: 'give_up', reason: 'expired' });
    expect(decide(customer('job.ready', at('09:00')), at('12:01'), [], settings)).toEqual({ kind: 'send' });
  });
});
