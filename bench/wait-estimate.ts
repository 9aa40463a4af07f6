/**
 * Replays a simulated busy day through the real hub store (SQLite file, injected clock) and
 * measures how far each ticket's estimated wait, given at issue time, was from its actual wait.
 * Arrivals peak mid-morning (non-homogeneous Poisson), four counters, service times log-normal
 * per service. Prints the median and p90 absolute error.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_STORE, StoreConfig } from '../shared/src/services.ts';
import type { Actor } from '../hub/src/auth.ts';
import { openDatabase } from '../hub/src/db/database.ts';
import { percentile } from '../hub/src/domain/day-stats.ts';
import { HubStore } from '../hub/src/store/hub-store.ts';
import { logNormal, seeded } from './random.ts';

const MIN = 60_000;
const OPEN = Date.parse('2026-11-24T00:00:00Z'); // 08:00 in Shanghai
const CLOSE = OPEN + 10 * 60 * MIN;

/** Mean minutes at the counter per service. */
const SERVICE_MINUTES: Record<string, number> = { maintenance: 9, repair: 14, bodypaint: 12, warranty: 12, accident: 16, pickup: 5, enquiry: 6, complaint: 18 };
const MIX: [string, number][] = [
  ['maintenance', 0.4],
  ['repair', 0.2],
  ['pickup', 0.15],
  ['enquiry', 0.08],
  ['bodypaint', 0.06],
  ['warranty', 0.05],
  ['accident', 0.04],
  ['complaint', 0.02],
];

/** Arrivals per minute at time t: a base rate with a mid-morning peak around 10:00. */
function rate(t: number): number {
  const hoursFrom10 = (t - (OPEN + 2 * 60 * MIN)) / (60 * MIN);
  return 0.12 + 0.45 * Math.exp(-(hoursFrom10 * hoursFrom10) / 0.8);
}

export interface EstimateReport {
  tickets: number;
  medianAbsErrorMinutes: number;
  p90AbsErrorMinutes: number;
  meanSignedErrorMinutes: number;
  medianActualWaitMinutes: number;
}

export function runWaitEstimateBench(seed = 42, counters = 4): EstimateReport {
  const random = seeded(seed);
  const config = StoreConfig.parse({
    ...DEFAULT_STORE,
    counters: Array.from({ length: counters }, (_, i) => ({ id: String(i + 1), name: DEFAULT_STORE.counters[0]!.name, services: [] })),
  });
  let now = OPEN;
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'bench-')), 'hub.sqlite'));
  const store = new HubStore(db, config, { now: () => new Date(now) });
  const kiosk: Actor = { kind: 'device', id: 1, name: 'kiosk', role: 'kiosk' };
  const advisors: Actor[] = config.counters.map((c, i) => ({ kind: 'staff', id: i + 1, name: `advisor ${c.id}`, role: 'advisor' }));
  let keys = 0;
  const key = (): string => `bench-${++keys}`;

  // Thinning: candidate arrivals at the peak rate, kept with probability rate(t)/peak.
  const peak = 0.6;
  const arrivals: { at: number; service: string }[] = [];
  for (let t = OPEN; ; ) {
    t += (-Math.log(1 - random()) / peak) * MIN;
    if (t >= CLOSE - 60 * MIN) break;
    if (random() < rate(t) / peak) {
      let pick = random();
      const service = MIX.find(([, share]) => (pick -= share) < 0)?.[0] ?? 'maintenance';
      arrivals.push({ at: t, service });
    }
  }

  const estimates = new Map<number, number>();
  const busyUntil = new Map<string, { until: number; ticketId: number }>();
  const events: { at: number; kind: 'arrive' | 'free'; index: number; counter?: string }[] = arrivals.map((a, index) => ({ at: a.at, kind: 'arrive', index }));
  const counterIds = config.counters.map((c) => c.id);

  const callIfFree = (counterId: string): void => {
    if (busyUntil.has(counterId)) return;
    const i = counterIds.indexOf(counterId);
    const called = store.tickets.callNext(counterId, key(), advisors[i]!).result;
    if (!called) return;
    const minutes = logNormal(random, SERVICE_MINUTES[called.service] ?? 8, 0.5);
    busyUntil.set(counterId, { until: now + minutes * MIN, ticketId: called.id });
    events.push({ at: now + minutes * MIN, kind: 'free', index: -1, counter: counterId });
  };

  while (events.length) {
    events.sort((a, b) => a.at - b.at);
    const event = events.shift()!;
    now = event.at;
    if (event.kind === 'arrive') {
      const arrival = arrivals[event.index]!;
      const ticket = store.tickets.issue({ service: arrival.service, idempotencyKey: key() }, kiosk).result;
      if (ticket.estimatedWaitMinutes !== null) estimates.set(ticket.id, ticket.estimatedWaitMinutes);
      for (const c of counterIds) callIfFree(c);
    } else {
      const held = busyUntil.get(event.counter!)!;
      store.tickets.act(held.ticketId, 'finish', key(), advisors[counterIds.indexOf(event.counter!)]!);
      busyUntil.delete(event.counter!);
      callIfFree(event.counter!);
    }
  }

  const errors: number[] = [];
  const actuals: number[] = [];
  for (const ticket of store.tickets.today()) {
    const estimate = estimates.get(ticket.id);
    if (estimate === undefined || !ticket.firstCalledAt) continue;
    const actual = (Date.parse(ticket.firstCalledAt) - Date.parse(ticket.issuedAt)) / MIN;
    errors.push(estimate - actual);
    actuals.push(actual);
  }
  db.close();
  const abs = errors.map(Math.abs).sort((a, b) => a - b);
  return {
    tickets: errors.length,
    medianAbsErrorMinutes: percentile(abs, 50) ?? NaN,
    p90AbsErrorMinutes: percentile(abs, 90) ?? NaN,
    meanSignedErrorMinutes: errors.reduce((s, e) => s + e, 0) / errors.length,
    medianActualWaitMinutes: percentile([...actuals].sort((a, b) => a - b), 50) ?? NaN,
  };
}
