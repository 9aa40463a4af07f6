/**
 * Saving the store's settings: what the hub uses in memory follows what the database holds, also
 * when the save is rolled back after the new settings were written (a full disk at commit, a
 * hook that fails — here a hook on the settings event stands in for any failure after the write).
 */
import { describe, expect, it } from 'vitest';
import { advisor, testHub } from './test-support.ts';

const manager = { ...advisor, role: 'manager' as const };

describe('saving settings', () => {
  it('keeps the settings in use unchanged when the save rolls back', () => {
    const h = testHub();
    const before = h.store.ctx.config;
    h.store.ctx.onEvent((event) => {
      if (event.type === 'settings.updated') throw new Error('disk full');
    });
    const changed = { ...before, stageMinutes: { ...before.stageMinutes, wash: before.stageMinutes.wash + 7 } };
    expect(() => h.store.updateSettings(changed, h.key(), manager)).toThrow('disk full');
    expect(h.store.ctx.config.stageMinutes.wash).toBe(before.stageMinutes.wash);
    const saved = h.db.prepare('SELECT config FROM settings WHERE id = 1').get() as { config: string } | undefined;
    expect(saved).toBeUndefined();
  });

  it('uses the new settings at once when the save commits (control)', () => {
    const h = testHub();
    const before = h.store.ctx.config;
    const changed = { ...before, stageMinutes: { ...before.stageMinutes, wash: before.stageMinutes.wash + 7 } };
    h.store.updateSettings(changed, h.key(), manager);
    expect(h.store.ctx.config.stageMinutes.wash).toBe(before.stageMinutes.wash + 7);
    const saved = JSON.parse((h.db.prepare('SELECT config FROM settings WHERE id = 1').get() as { config: string }).config) as typeof before;
    expect(saved.stageMinutes.wash).toBe(before.stageMinutes.wash + 7);
  });
});
