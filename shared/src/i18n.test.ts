import { describe, expect, it } from 'vitest';
import { LANGUAGES, MESSAGES, translator, type MessageKey } from './i18n.ts';

describe('i18n', () => {
  it('interpolates values in each language', () => {
    expect(translator('zh-CN')('ticket.ahead', { count: 3 })).toBe('前面还有 3 位等候');
    expect(translator('zh-TW')('display.nowCalling', { number: 'A012', counter: '3號服務台' })).toBe('請 A012 號到 3號服務台');
    expect(translator('en')('kiosk.ahead', { count: 2 })).toBe('2 ahead of you');
  });

  it('has no placeholder left unfilled in any language, for every key', () => {
    const placeholders = (template: string): string[] => [...template.matchAll(/{{\s*([\w.]+)\s*}}/g)].map((m) => m[1]!).sort();
    const keys = Object.keys(MESSAGES['zh-CN']) as MessageKey[];
    expect(keys.length).toBeGreaterThan(100);
    for (const key of keys) {
      // The source language names the values a caller passes; every translation uses exactly those.
      const names = placeholders(MESSAGES['zh-CN'][key]);
      const values = Object.fromEntries(names.map((name) => [name, `«${name}»`]));
      for (const lang of LANGUAGES) {
        expect(placeholders(MESSAGES[lang][key]), `${lang} ${key}`).toEqual(names);
        const text = translator(lang)(key, values);
        expect(text, `${lang} ${key}`).not.toMatch(/{{|}}/);
        for (const name of names) expect(text, `${lang} ${key} shows ${name}`).toContain(`«${name}»`);
      }
    }
  });
});
