/**
 * Wait estimates on simulated busy mornings, replayed through the real hub store (SQLite file,
 * injected clock). Each scenario varies what real mornings vary — an arrival peak after opening
 * (24 an hour, then 14, then 8: non-homogeneous Poisson), log-normal service times per service,
 * advisors of different pace, a counter paused for a break, complaints that go first, counters
 * serving only some services, a cold start with only yesterday's history — and is seeded.
 *
 * Previous days are simulated first so the hub has the store's own history to learn from; then
 * each measured morning compares, ticket by ticket, the estimate given at issue with the real
 * wait (issue → first call), and the naive paper calculation (people ahead × mean service time
 * ÷ open counters, the mean taken from the same history) on the same tickets.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_STORE, StoreConfig } from '../shared/src/services.ts';
import type { Actor } from '../hub/src/auth.ts';
import { openDatabase } from '../hub/src/db/database.ts';
import { percentile } from '../hub/src/domain/day-stats.ts';
import { DEFAULT_HEAD_STARTS } from '../hub/src/domain/queue.ts';
import { estimateWait, type QueueModel } from '../hub/src/domain/wait-estimate.ts';
import { HubStore } from '../hub/src/store/hub-store.ts';
import { seeded } from './random.ts';

const MIN = 60_000;
const DAY = 86_400_000;
const FIRST_OPEN = Date.parse('2026-11-24T00:00:00Z'); // 08:00 in Shanghai

/** Median minutes and log-spread at the counter per service. */
const SERVICE_TIMES: Record<string, { median: number; sigma: number }> = {
  maintenance: { median: 10, sigma: 0.45 },
  repair: { median: 18, sigma: 0.5 },
  pickup: { median: 6, sigma: 0.4 },
  complaint: { median: 15, sigma: 0.5 },
};

export interface Scenario {
  name: string;
  /** Days of history before the measured mornings. */
  historyDays: number;
  counters: { id: string; services: string[]; pace: number }[];
  /** Arrivals per hour for each hour after opening. */
  perHour: number[];
  mix: [string, number][];
  /** A counter goes on a break at this many minutes after opening, for about `minutes`. */
  pause?: { counter: string; atMinute: number; minutes: number };
}

const MIX: [string, number][] = [
  ['maintenance', 0.5],
  ['repair', 0.3],
  ['pickup', 0.2],
];
const ADVISORS = [
  { id: '1', services: [], pace: 0.85 },
  { id: '2', services: [], pace: 1 },
  { id: '3', services: [], pace: 1.2 },
];
const PEAK = [24, 14, 8];

export const SCENARIOS: Scenario[] = [
  { name: 'busy morning', historyDays: 5, counters: ADVISORS, perHour: PEAK, mix: MIX },
  { name: 'paused counter', historyDays: 5, counters: ADVISORS, perHour: PEAK, mix: MIX, pause: { counter: '2', atMinute: 50, minutes: 20 } },
  {
    name: 'priority arrivals',
    historyDays: 5,
    counters: ADVISORS,
    perHour: PEAK,
    mix: [
      ['maintenance', 0.45],
      ['repair', 0.27],
      ['pickup', 0.18],
      ['complaint', 0.1],
    ],
  },
  {
    name: 'counters serving subsets',
    historyDays: 5,
    counters: [
      { id: '1', services: ['maintenance', 'repair'], pace: 0.9 },
      { id: '2', services: ['maintenance', 'repair'], pace: 1.1 },
      { id: '3', services: ['pickup'], pace: 1 },
    ],
    perHour: PEAK,
    mix: MIX,
  },
  { name: 'cold start (yesterday only)', historyDays: 1, counters: ADVISORS, perHour: PEAK, mix: MIX },
];

/** Errors within a morning are correlated (one long repair delays everyone behind it): measure several. */
const MEASURED_MORNINGS = 5;

export interface ScenarioReport {
  name: string;
  tickets: number;
  actualMedian: number;
  actualMax: number;
  mae: number;
  medianAbs: number;
  p90Abs: number;
  bias: number;
  naiveMae: number;
  firstTenMae: number;
  naiveFirstTenMae: number;
  inRange: number;
}

interface Measured {
  estimate: number;
  low: number;
  high: number;
  naive: number;
  actual: number;
  order: number;
}

function logNormal(random: () => number, median: number, sigma: number): number {
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return median * Math.exp(sigma * z);
}

export function runScenario(scenario: Scenario, seed = 42, measuredDays = MEASURED_MORNINGS): ScenarioReport {
  const random = seeded(seed);
  const config = StoreConfig.parse({
    ...DEFAULT_STORE,
    counters: scenario.counters.map((c) => ({ id: c.id, name: DEFAULT_STORE.counters[0]!.name, services: c.services })),
  });
  let now = FIRST_OPEN;
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'bench-wait-')), 'hub.sqlite'));
  const store = new HubStore(db, config, { now: () => new Date(now) });
  const kiosk: Actor = { kind: 'device', id: 1, name: 'kiosk', role: 'kiosk' };
  const advisors: Actor[] = scenario.counters.map((c, i) => ({ kind: 'staff', id: i + 1, name: `advisor ${c.id}`, role: 'advisor' }));
  let keys = 0;
  const key = (): string => `bench-${++keys}`;
  const measured: Measured[] = [];

  for (let day = -scenario.historyDays; day < measuredDays; day++) {
    const open = FIRST_OPEN + day * DAY;
    now = open;
    // Thinning: candidate arrivals at the peak rate, kept with probability rate(t) / peak.
    const peak = Math.max(...scenario.perHour) / 60;
    const arrivals: { at: number; service: string }[] = [];
    for (let t = open; ;) {
      t += (-Math.log(1 - random()) / peak) * MIN;
      const hour = Math.floor((t - open) / (60 * MIN));
      if (hour >= scenario.perHour.length) break;
      if (random() < scenario.perHour[hour]! / 60 / peak) {
        let pick = random();
        arrivals.push({ at: t, service: scenario.mix.find(([, share]) => (pick -= share) < 0)?.[0] ?? scenario.mix[0]![0] });
      }
    }

    type Event = { at: number; kind: 'arrive' | 'free' | 'pause' | 'resume'; index: number; counter: string };
    const events: Event[] = arrivals.map((a, index) => ({ at: a.at, kind: 'arrive', index, counter: '' }));
    if (scenario.pause) events.push({ at: open + scenario.pause.atMinute * MIN, kind: 'pause', index: -1, counter: scenario.pause.counter });
    const busy = new Map<string, number>();
    const paused = new Set<string>();
    const pauseDue = new Set<string>();
    const issued = new Map<number, { estimate: number | null; low: number; high: number; naive: number; order: number }>();
    const history = db
      .prepare(`SELECT AVG((julianday(finished_at) - julianday(first_called_at)) * 1440) AS m FROM tickets WHERE status = 'done' AND business_day < ?`)
      .pluck()
      .get(store.tickets.today()[0]?.businessDay ?? '9999') as number | null;
    const meanMinutes = history ?? config.queue.defaultServiceMinutes;

    const index = (counter: string): number => scenario.counters.findIndex((c) => c.id === counter);
    const startPause = (counter: string): void => {
      pauseDue.delete(counter);
      paused.add(counter);
      store.tickets.setCounterState(counter, 'paused', 'break', key(), advisors[index(counter)]!);
      events.push({ at: now + logNormal(random, scenario.pause!.minutes, 0.25) * MIN, kind: 'resume', index: -1, counter });
    };
    const callIfFree = (counter: string): void => {
      if (busy.has(counter) || paused.has(counter)) return;
      if (pauseDue.has(counter)) return startPause(counter);
      const i = index(counter);
      const called = store.tickets.callNext(counter, key(), advisors[i]!).result;
      if (!called) return;
      const time = SERVICE_TIMES[called.service] ?? SERVICE_TIMES.maintenance!;
      const minutes = logNormal(random, time.median * scenario.counters[i]!.pace, time.sigma);
      busy.set(counter, called.id);
      events.push({ at: now + minutes * MIN, kind: 'free', index: -1, counter });
    };

    while (events.length) {
      events.sort((a, b) => a.at - b.at);
      const event = events.shift()!;
      now = event.at;
      if (event.kind === 'arrive') {
        const ticket = store.tickets.issue({ service: arrivals[event.index]!.service, idempotencyKey: key() }, kiosk).result;
        const openCounters = store.tickets.counterStatuses().filter((c) => c.state === 'open').length;
        issued.set(ticket.id, {
          estimate: ticket.estimatedWaitMinutes,
          low: ticket.estimatedWaitRange?.low ?? 0,
          high: ticket.estimatedWaitRange?.high ?? 0,
          naive: openCounters ? (ticket.ahead * meanMinutes) / openCounters : NaN,
          order: event.index,
        });
        for (const c of scenario.counters) callIfFree(c.id);
      } else if (event.kind === 'free') {
        store.tickets.act(busy.get(event.counter)!, 'finish', key(), advisors[index(event.counter)]!);
        busy.delete(event.counter);
        callIfFree(event.counter);
      } else if (event.kind === 'pause') {
        pauseDue.add(event.counter);
        callIfFree(event.counter);
      } else {
        paused.delete(event.counter);
        store.tickets.setCounterState(event.counter, 'open', undefined, key(), advisors[index(event.counter)]!);
        callIfFree(event.counter);
      }
    }
    if (day < 0) continue;
    for (const ticket of store.tickets.today()) {
      const at = issued.get(ticket.id);
      if (!at || at.estimate === null || !ticket.firstCalledAt || Number.isNaN(at.naive)) continue;
      const actual = (Date.parse(ticket.firstCalledAt) - Date.parse(ticket.issuedAt)) / MIN;
      measured.push({ estimate: at.estimate, low: at.low, high: at.high, naive: at.naive, actual, order: at.order });
    }
  }
  db.close();

  const abs = (list: Measured[], pick: (m: Measured) => number): number[] => list.map((m) => Math.abs(pick(m) - m.actual)).sort((a, b) => a - b);
  const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
  const errors = abs(measured, (m) => m.estimate);
  const firstTen = measured.filter((m) => m.order < 10);
  const actuals = measured.map((m) => m.actual).sort((a, b) => a - b);
  return {
    name: scenario.name,
    tickets: measured.length,
    actualMedian: percentile(actuals, 50) ?? NaN,
    actualMax: actuals[actuals.length - 1] ?? NaN,
    mae: mean(errors),
    medianAbs: percentile(errors, 50) ?? NaN,
    p90Abs: percentile(errors, 90) ?? NaN,
    bias: mean(measured.map((m) => m.estimate - m.actual)),
    naiveMae: mean(abs(measured, (m) => m.naive)),
    firstTenMae: mean(abs(firstTen, (m) => m.estimate)),
    naiveFirstTenMae: mean(abs(firstTen, (m) => m.naive)),
    inRange: measured.filter((m) => m.actual >= m.low && m.actual <= m.high).length / measured.length,
  };
}

/** Milliseconds of one estimate for the last of `waiting` walk-ins at three busy counters. */
function estimateCostMs(waiting: number): number {
  const now = FIRST_OPEN;
  const queue = Array.from({ length: waiting }, (_, i) => ({
    id: i + 1,
    number: '',
    service: MIX[i % 3]![0],
    ticketClass: 'walkin' as const,
    issuedAt: now - (waiting - i) * MIN,
  }));
  const model: QueueModel = {
    now,
    waiting: queue,
    counters: ADVISORS.map((c) => ({ id: c.id, services: c.services, state: 'open' as const, busy: { service: 'repair', elapsedSeconds: 100 } })),
    durations: Object.fromEntries(Object.entries(SERVICE_TIMES).map(([service, t]) => [service, { median: t.median * 60, sigma: t.sigma, weight: 50 }])),
    fallback: { median: 480, sigma: 0.55 },
    headStarts: DEFAULT_HEAD_STARTS,
  };
  for (let i = 0; i < 10; i++) estimateWait(queue[waiting - 1]!, model);
  const started = performance.now();
  for (let i = 0; i < 50; i++) estimateWait(queue[waiting - 1]!, model);
  return (performance.now() - started) / 50;
}

const fmt = (n: number): string => n.toFixed(1);
const mark = (ok: boolean): string => (ok ? 'ok' : 'MISSED');

/** One block of lines per scenario, each figure with its goal beside it. */
export function runWaitEstimateBench(seed = 42): string[] {
  const lines: string[] = [];
  for (const scenario of SCENARIOS) {
    const r = runScenario(scenario, seed);
    const ratio = r.mae / r.naiveMae;
    lines.push(
      `wait estimate — ${r.name}: ${r.tickets} tickets over ${MEASURED_MORNINGS} mornings, real wait median ${fmt(r.actualMedian)} min, max ${fmt(r.actualMax)} min`,
      `  error: mean ${fmt(r.mae)} min, median ${fmt(r.medianAbs)}, p90 ${fmt(r.p90Abs)}, bias ${r.bias >= 0 ? '+' : ''}${fmt(r.bias)} min`,
      `  vs paper calculation (ahead × mean ÷ counters) ${fmt(r.naiveMae)} min: ratio ${ratio.toFixed(2)} (goal ≤ 0.80) ${mark(ratio <= 0.8)}`,
      `  first ten tickets of the day: ${fmt(r.firstTenMae)} min vs paper ${fmt(r.naiveFirstTenMae)} min (goal: not worse) ${mark(r.firstTenMae <= r.naiveFirstTenMae)}`,
      `  real wait inside the shown 80 % range: ${(r.inRange * 100).toFixed(0)} % (goal 75–85 %) ${mark(r.inRange >= 0.75 && r.inRange <= 0.85)}`,
    );
  }
  lines.push('  (anchor: an ML estimator on a bank queue reached MAE 3.35 min, Kyritsis & Deriaz 2019)');
  lines.push(`  cost of one estimate (queue replays): ${[20, 200].map((n) => `${fmt(estimateCostMs(n))} ms with ${n} waiting`).join(', ')}`);
  return lines;
}
