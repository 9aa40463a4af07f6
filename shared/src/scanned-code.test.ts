import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyScan, MAX_SCAN_LENGTH } from './scanned-code.ts';

describe('classifyScan', () => {
  it('recognises the codes the product prints', () => {
    expect(classifyScan('http://192.168.1.10:8080/t/0123456789abcdef0123456789abcdef')).toEqual({ kind: 'ticket', token: '0123456789abcdef0123456789abcdef' });
    expect(classifyScan('J000123')).toEqual({ kind: 'job', jobId: 123 });
    expect(classifyScan('APPT:AB12CD34')).toEqual({ kind: 'appointment', code: 'AB12CD34' });
    expect(classifyScan('AB12CD34')).toEqual({ kind: 'appointment', code: 'AB12CD34' });
  });

  it('rejects control characters (the BadBarcode attack), long input and unknown shapes with a reason', () => {
    expect(classifyScan('J0001\u001b[2J')).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('control') });
    expect(classifyScan('A'.repeat(MAX_SCAN_LENGTH + 1))).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('longer') });
    expect(classifyScan("'; DROP TABLE tickets; --")).toMatchObject({ kind: 'rejected' });
    expect(classifyScan('http://evil.example/t/../../etc')).toMatchObject({ kind: 'rejected' });
    expect(classifyScan(42)).toEqual({ kind: 'rejected', reason: 'not text' });
  });

  it('never throws and always says what it found, over 10 000 random and malformed inputs', () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
      fc.constantFrom('J', 'J0', 'APPT:', 'http://x/t/', '\u0000', '\r\n'),
      fc.anything(),
    );
    fc.assert(
      fc.property(hostile, (input) => {
        const result = classifyScan(input);
        expect(['appointment', 'ticket', 'job', 'rejected']).toContain(result.kind);
        if (result.kind === 'rejected') expect(result.reason.length).toBeGreaterThan(0);
        if (result.kind === 'appointment') expect(result.code).toMatch(/^[A-Z0-9]{6,16}$/);
      }),
      { numRuns: 10_000 },
    );
  });
});
