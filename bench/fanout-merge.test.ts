import { describe, expect, it } from 'vitest';
import type { ClientsReport } from './fanout-clients.ts';
import { bottleneck, mergeScreens } from './fanout.ts';
import { Histogram } from './histogram.ts';

const histogram = (...ms: number[]): number[] => {
  const h = new Histogram();
  for (const m of ms) h.add(m);
  return h.toJSON();
};

const report = (over: Partial<ClientsReport>): ClientsReport => ({
  sockets: 0,
  received: 0,
  outOfOrder: 0,
  missing: 0,
  deliveries: [],
  lastArrivals: [],
  apply: [],
  snapshots: 0,
  cpuSeconds: 0,
  ...over,
});

describe('the screens spread over processes', () => {
  it('times each event to the last socket of any process, and adds up the rest', () => {
    const merged = mergeScreens([
      report({
        sockets: 255,
        received: 510,
        deliveries: histogram(5, 15),
        lastArrivals: [
          [1, 1000, 1040],
          [2, 2000, 2005],
        ],
        snapshots: 5,
        cpuSeconds: 9,
      }),
      report({
        sockets: 255,
        received: 509,
        missing: 1,
        outOfOrder: 2,
        deliveries: histogram(25),
        lastArrivals: [
          [1, 1000, 1010],
          [2, 2000, 2030],
        ],
        snapshots: 5,
        cpuSeconds: 11,
      }),
    ]);
    // Event 1 reached its last socket in the first process (40 ms), event 2 in the second (30 ms).
    expect(merged.lastClient.count).toBe(2);
    expect(merged.lastClient.percentile(50)).toBeCloseTo(30, 0);
    expect(merged.lastClient.percentile(100)).toBeCloseTo(40, 0);
    expect(merged.deliveries.count).toBe(3);
    expect(merged.deliveries.percentile(100)).toBeCloseTo(25, 0);
    expect([merged.sockets, merged.received, merged.missing, merged.outOfOrder, merged.snapshots]).toEqual([510, 1019, 1, 2, 10]);
    expect([merged.cpuSeconds, merged.busiestCpuSeconds, merged.processes]).toEqual([20, 11, 2]);
  });
});

describe('who the figures belong to', () => {
  const quiet = { hub: 0.6, generator: 0.1, screens: 0.5, busiestScreens: 0.3 };
  it('names the hub when nothing else was near its limit', () => {
    expect(bottleneck(quiet, 0.5, 2)).toMatch(/figures are the hub’s/);
  });
  it('says when a process of the harness, or the whole machine, was full instead', () => {
    expect(bottleneck({ ...quiet, screens: 0.95, busiestScreens: 0.95 }, 0.5, 4)).toMatch(/^a screens process near a full core/);
    expect(bottleneck({ ...quiet, screens: 1.3, busiestScreens: 0.65 }, 0.5, 2)).toMatch(/used 2\.00 of the machine's 2 cores/);
    expect(bottleneck(quiet, 2.5, 2)).toMatch(/oversubscribed/);
  });
});
