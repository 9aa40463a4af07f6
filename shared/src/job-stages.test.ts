import { describe, expect, it } from 'vitest';
import { canMove, DEFAULT_STAGE_MINUTES, estimateReadyAt, isOverdue } from './job-stages.ts';

const MIN = 60_000;

describe('job stages', () => {
  it('follows the shop floor and allows the parts detour', () => {
    const job = { wash: true };
    expect(canMove('reception', 'waiting', job).ok).toBe(true);
    expect(canMove('waiting', 'repair', job).ok).toBe(true);
    expect(canMove('repair', 'parts', job).ok).toBe(true);
    expect(canMove('parts', 'repair', job).ok).toBe(true);
    expect(canMove('repair', 'qc', job).ok).toBe(true);
    expect(canMove('qc', 'wash', job).ok).toBe(true);
    expect(canMove('wash', 'ready', job).ok).toBe(true);
    expect(canMove('ready', 'delivered', job).ok).toBe(true);
  });

  it('skips the wash when the customer did not want one, and refuses to wash it', () => {
    expect(canMove('qc', 'ready', { wash: false }).ok).toBe(true);
    expect(canMove('qc', 'wash', { wash: false })).toMatchObject({ ok: false, reason: expect.stringContaining('did not ask for a wash') });
  });

  it('refuses jumps and moves out of delivered with a reason', () => {
    expect(canMove('reception', 'ready', { wash: false })).toMatchObject({ ok: false, reason: 'a job in reception can move to waiting, not ready' });
    expect(canMove('delivered', 'ready', { wash: false })).toMatchObject({ ok: false, reason: 'a job in delivered is finished' });
  });

  it('flags a stage over its expected minutes', () => {
    expect(isOverdue('reception', 0, 20 * MIN, DEFAULT_STAGE_MINUTES)).toBe(false);
    expect(isOverdue('reception', 0, 21 * MIN, DEFAULT_STAGE_MINUTES)).toBe(true);
    expect(isOverdue('delivered', 0, 9e9, DEFAULT_STAGE_MINUTES)).toBe(false);
  });

  it('estimates readiness from the rest of this stage and the stages ahead', () => {
    const m = DEFAULT_STAGE_MINUTES;
    // In repair for 30 of 90 minutes, then qc (20) and wash (20).
    expect(estimateReadyAt({ stage: 'repair', stageStartedAt: 0, wash: true }, 30 * MIN, m)).toBe(30 * MIN + (60 + 20 + 20) * MIN);
    expect(estimateReadyAt({ stage: 'repair', stageStartedAt: 0, wash: false }, 30 * MIN, m)).toBe(30 * MIN + (60 + 20) * MIN);
    // Waiting for parts: the rest of parts, then a repair, qc.
    expect(estimateReadyAt({ stage: 'parts', stageStartedAt: 0, wash: false }, 0, m)).toBe((120 + 90 + 20) * MIN);
    expect(estimateReadyAt({ stage: 'ready', stageStartedAt: 0, wash: false }, 5 * MIN, m)).toBe(5 * MIN);
  });
});
