/**
 * Estimated wait until a ticket is called, as a point and an 80 % range. Pure.
 *
 * The queue is replayed many times with random service times drawn from each service's learned
 * log-normal model (see service-durations.ts): every counter that is open, paused (back after
 * the pause's usual length) or busy (what is left of its current service) calls, in the hub's
 * calling order, the next ticket it is allowed to serve, at its advisor's pace. Tickets of a
 * head-start class (complaints, appointments) that are likely to arrive soon enough to overtake
 * this ticket are drawn from their usual arrival rate. The median of the replays is the
 * estimate, their 10th–90th percentiles the range. The random numbers are seeded by the ticket,
 * so the same queue always gives the same answer.
 */
import { callingOrder, counterCanCall, type HeadStarts, type TicketClass, type WaitingTicket } from './queue.ts';

export interface Duration {
  /** Median seconds. */
  median: number;
  /** Standard deviation of the log of the duration. */
  sigma: number;
  /** Effective samples behind the model: fewer means a wider range (the model itself is uncertain). */
  weight?: number;
}

export interface CounterNow {
  id: string;
  /** Service ids it calls; empty means all. */
  services: readonly string[];
  state: 'open' | 'paused' | 'closed';
  /** For a paused counter: how long it has been paused and how long its pauses usually last. */
  pause?: { elapsedSeconds: number; usualSeconds: number };
  /** The ticket it holds (called or serving). */
  busy?: { service: string; elapsedSeconds: number } | null;
  /** Its advisor's pace: 1.2 means services take 20 % longer than usual. */
  pace?: number;
}

export interface OvertakingRate {
  service: string;
  ticketClass: Exclude<TicketClass, 'walkin'>;
  perMinute: number;
}

export interface QueueModel {
  /** Epoch milliseconds. */
  now: number;
  waiting: readonly WaitingTicket[];
  counters: readonly CounterNow[];
  durations: Readonly<Record<string, Duration>>;
  /** For a service with no model. */
  fallback: Duration;
  headStarts: HeadStarts;
  overtaking?: readonly OvertakingRate[];
}

/** Seconds: the median of the replays and the range holding `coverage` of them. */
export interface WaitEstimate {
  seconds: number;
  low: number;
  high: number;
}

export interface EstimateOptions {
  runs?: number;
  /** Share of replays inside the range. */
  coverage?: number;
}

const RUNS = 240;

export function estimateWait(ticket: WaitingTicket, model: QueueModel, options: EstimateOptions = {}): WaitEstimate | null {
  const able = model.counters.filter((c) => c.state !== 'closed' && counterCanCall(c, ticket));
  if (able.length === 0) return null; // nobody will call it: no honest estimate
  const order = callingOrder(model.headStarts);
  const ahead = model.waiting.filter((w) => w.id !== ticket.id && order(w, ticket) < 0);
  const base = [...ahead, ticket].sort(order).map((t) => candidate(t, 0, model.counters));
  const random = seededRandom(ticket.id * 7919 + Math.floor(ticket.issuedAt / 1000));
  // Long queues cost more per replay but vary less in relative terms: fewer replays suffice.
  const runs = options.runs ?? Math.max(60, Math.min(RUNS, Math.round(6000 / (base.length + 4))));
  const results: number[] = [];
  for (let run = 0; run < runs; run++) results.push(replay(ticket, base, model, order, random));
  results.sort((a, b) => a - b);
  const coverage = options.coverage ?? 0.8;
  const at = (q: number): number => results[Math.min(results.length - 1, Math.max(0, Math.round(q * (results.length - 1))))]!;
  const finite = results.filter(Number.isFinite);
  if (finite.length < results.length / 2) return null;
  return { seconds: at(0.5), low: at((1 - coverage) / 2), high: Math.min(at((1 + coverage) / 2), finite[finite.length - 1]!) };
}

interface Candidate {
  ticket: WaitingTicket;
  /** Seconds from now until it is in the queue (0 for those already waiting). */
  arrives: number;
  /** Per counter (same order as the model's): may it call this ticket? */
  callableBy: boolean[];
}

function candidate(ticket: WaitingTicket, arrives: number, counters: readonly CounterNow[]): Candidate {
  return { ticket, arrives, callableBy: counters.map((c) => counterCanCall(c, ticket)) };
}

/** One possible future: seconds until `ticket` is called. */
function replay(
  ticket: WaitingTicket,
  base: readonly Candidate[],
  model: QueueModel,
  order: (a: WaitingTicket, b: WaitingTicket) => number,
  random: () => number,
): number {
  // Each replay draws how this morning's services run compared with the model's median: the
  // less history, the more the model itself may be off.
  const shift = new Map<string, number>();
  const serviceSeconds = (service: string, pace: number): number => {
    const d = model.durations[service] ?? model.fallback;
    let s = shift.get(service);
    if (s === undefined) {
      s = normal(random) * Math.max(0.08, d.sigma / Math.sqrt(1 + (d.weight ?? 0)));
      shift.set(service, s);
    }
    return d.median * pace * Math.exp(s + d.sigma * normal(random));
  };

  let candidates = base as Candidate[]; // copied before the first arrival is added
  for (const rate of model.overtaking ?? []) {
    const lead = (model.headStarts[rate.ticketClass] - model.headStarts[ticket.ticketClass]) * 60;
    if (lead <= 0 || rate.perMinute <= 0) continue;
    // Arrivals from now until the last moment one could still be called before this ticket.
    const until = (ticket.issuedAt - model.now) / 1000 + lead;
    for (let t = exponential(random, rate.perMinute / 60); t < until; t += exponential(random, rate.perMinute / 60)) {
      if (candidates === base) candidates = [...base];
      const arrival = { id: -1 - candidates.length, number: '', service: rate.service, ticketClass: rate.ticketClass, issuedAt: model.now + t * 1000 };
      candidates.push(candidate(arrival, t, model.counters));
    }
  }
  if (candidates !== base) candidates.sort((a, b) => order(a.ticket, b.ticket));
  const taken = new Uint8Array(candidates.length + 1);
  let firstOpen = 0;

  const counters = model.counters;
  const freeAt = counters.map((c) => {
    if (c.state === 'closed') return Infinity;
    let at = 0;
    if (c.state === 'paused') at = remaining(c.pause?.usualSeconds ?? 600, 0.5, c.pause?.elapsedSeconds ?? 0, random);
    if (c.busy) {
      const d = model.durations[c.busy.service] ?? model.fallback;
      at += remaining(d.median * (c.pace ?? 1), d.sigma, c.busy.elapsedSeconds, random);
    }
    return at;
  });

  for (;;) {
    let counter = -1;
    let now = Infinity;
    for (let i = 0; i < freeAt.length; i++) {
      if (freeAt[i]! < now) {
        now = freeAt[i]!;
        counter = i;
      }
    }
    if (counter < 0) return Infinity;
    // The first in calling order that is here and that this counter may call; else the next to arrive.
    let next = -1;
    let nextArrival = Infinity;
    while (taken[firstOpen]) firstOpen++;
    for (let i = firstOpen; i < candidates.length; i++) {
      const c = candidates[i]!;
      if (taken[i] || !c.callableBy[counter]) continue;
      if (c.arrives <= now) {
        next = i;
        break;
      }
      if (c.arrives < nextArrival) nextArrival = c.arrives;
    }
    if (next < 0) {
      freeAt[counter] = nextArrival; // idle until someone it may serve arrives, if anyone will
      continue;
    }
    const chosen = candidates[next]!;
    if (chosen.ticket === ticket) return now;
    taken[next] = 1;
    freeAt[counter] = now + serviceSeconds(chosen.ticket.service, counters[counter]!.pace ?? 1);
  }
}

/** Seconds left of something that has already lasted `elapsed`: drawn from the model beyond that point. */
function remaining(median: number, sigma: number, elapsed: number, random: () => number): number {
  for (let i = 0; i < 40; i++) {
    const total = median * Math.exp(sigma * normal(random));
    if (total > elapsed) return total - elapsed;
  }
  // Far past anything usual: assume a little more, not nothing.
  return median * 0.15;
}

/** Whole minutes as shown to a customer; a ticket with people ahead never shows 0. */
export function shownMinutes(estimate: WaitEstimate, ahead: number): { minutes: number; low: number; high: number } {
  const floorMinutes = ahead > 0 ? 1 : 0;
  const minutes = Math.max(floorMinutes, Math.round(estimate.seconds / 60));
  // Ends rounded to the nearest minute (nearest five for long waits: "约 25–35 分钟" rather than a
  // false precision of "27–33"), so rounding neither widens nor narrows the 80 % on average.
  const step = estimate.high >= 20 * 60 ? 5 : 1;
  let low = Math.max(floorMinutes, Math.round(estimate.low / 60 / step) * step);
  let high = Math.round(estimate.high / 60 / step) * step;
  low = Math.min(low, minutes);
  high = Math.max(high, minutes, low + (minutes > 0 ? step : 0));
  return { minutes, low, high };
}

/** mulberry32: small, fast and repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function exponential(random: () => number, perSecond: number): number {
  return -Math.log(1 - random()) / perSecond;
}
