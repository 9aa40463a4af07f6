import { describe, expect, it } from 'vitest';
import { LANGUAGES, translator } from './i18n.ts';

describe('i18n', () => {
  it('interpolates values in each language', () => {
    expect(translator('zh-CN')('ticket.ahead', { count: 3 })).toBe('前面还有 3 位等候');
    expect(translator('zh-TW')('display.nowCalling', { number: 'A012', counter: '3號服務台' })).toBe('請 A012 號到 3號服務台');
    expect(translator('en')('kiosk.ahead', { count: 2 })).toBe('2 ahead of you');
  });

  it('has no placeholder left unfilled in any language', () => {
    for (const lang of LANGUAGES) {
      expect(translator(lang)('ticket.issuedAt', { time: '09:41' })).not.toMatch(/{{/);
    }
  });
});
