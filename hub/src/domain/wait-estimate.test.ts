import { describe, expect, it } from 'vitest';
import { estimateWaitSeconds, expectedDurations } from './wait-estimate.ts';

describe('expectedDurations', () => {
  it('averages the most recent samples per service and falls back to the default', () => {
    const samples = [
      { service: 'repair', seconds: 100 },
      { service: 'repair', seconds: 300 },
      { service: 'repair', seconds: 500 },
    ];
    expect(expectedDurations(samples, ['repair', 'pickup'], 480, 2)).toEqual({ repair: 400, pickup: 480 });
  });

  it('ignores instant finishes and tickets left open for hours', () => {
    const samples = [
      { service: 'repair', seconds: 2 },
      { service: 'repair', seconds: 600 },
      { service: 'repair', seconds: 90_000 },
    ];
    expect(expectedDurations(samples, ['repair'], 480)).toEqual({ repair: 600 });
  });
});

describe('estimateWaitSeconds', () => {
  const expected = { repair: 600, pickup: 120 };
  it('hands the tickets ahead to whichever counter frees up first', () => {
    const ahead = [{ service: 'repair' }, { service: 'repair' }, { service: 'pickup' }];
    // Two idle counters: repair→1 (free at 600), repair→2 (600), pickup→1 (720); next free: 600.
    expect(estimateWaitSeconds({ ahead, inProgress: [], ableCounters: ['1', '2'], expected, defaultSeconds: 480 })).toBe(600);
    expect(estimateWaitSeconds({ ahead: [], inProgress: [], ableCounters: ['1', '2'], expected, defaultSeconds: 480 })).toBe(0);
  });

  it('adds what is left of services in progress at those counters only', () => {
    const inProgress = [
      { counterId: '1', service: 'repair', elapsedSeconds: 200 },
      { counterId: '9', service: 'repair', elapsedSeconds: 0 },
    ];
    expect(estimateWaitSeconds({ ahead: [], inProgress, ableCounters: ['1'], expected, defaultSeconds: 480 })).toBe(400);
    // An idle able counter means no wait at all.
    expect(estimateWaitSeconds({ ahead: [], inProgress, ableCounters: ['1', '2'], expected, defaultSeconds: 480 })).toBe(0);
  });

  it('assumes an overrunning service needs a tenth of its expected time more', () => {
    const inProgress = [{ counterId: '1', service: 'repair', elapsedSeconds: 5000 }];
    expect(estimateWaitSeconds({ ahead: [], inProgress, ableCounters: ['1'], expected, defaultSeconds: 480 })).toBe(60);
  });

  it('gives no estimate when no open counter can call the ticket', () => {
    expect(estimateWaitSeconds({ ahead: [], inProgress: [], ableCounters: [], expected, defaultSeconds: 480 })).toBeNull();
  });
});
