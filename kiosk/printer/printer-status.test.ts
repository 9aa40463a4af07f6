import { describe, expect, it } from 'vitest';
import { faultOf, isStatusByte, parseStatus, statusReplies } from './printer-status.ts';

describe('printer status', () => {
  it('recognises the fixed bit pattern 0xx1xx10 of status replies', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x16)).toBe(true);
    expect(isStatusByte(0x7e)).toBe(true);
    expect(isStatusByte(0x00)).toBe(false);
    expect(isStatusByte(0x13)).toBe(false);
    expect(isStatusByte(0x92)).toBe(false);
  });

  it('reads an online printer with paper as fault-free', () => {
    const r = statusReplies({});
    const status = parseStatus({ printer: r[1], offline: r[2], error: r[3], paper: r[4] });
    expect(status).toEqual({ online: true, coverOpen: false, paperEnd: false, paperNearEnd: false, error: false });
    expect(faultOf(status)).toBeNull();
  });

  it.each([
    [{ paperEnd: true }, 'paper_end'],
    [{ coverOpen: true }, 'cover_open'],
  ] as const)('reads %o as %s', (state, fault) => {
    const r = statusReplies(state);
    expect(faultOf(parseStatus({ printer: r[1], offline: r[2], error: r[3], paper: r[4] }))).toBe(fault);
  });

  it('treats paper near end as a warning, not a fault', () => {
    const r = statusReplies({ paperNearEnd: true });
    const status = parseStatus({ printer: r[1], offline: r[2], error: r[3], paper: r[4] });
    expect(status.paperNearEnd).toBe(true);
    expect(faultOf(status)).toBeNull();
  });

  it('rejects bytes that are not status replies', () => {
    expect(() => parseStatus({ printer: 0x41, offline: 0x12, error: 0x12, paper: 0x12 })).toThrow(/not a DLE EOT status byte/);
  });
});
