/**
 * Estimated wait until a ticket is called, as a point and an 80 % range. Pure.
 *
 * The queue is replayed many times with random service times drawn from each service's learned
 * log-normal model (see service-durations.ts): every counter that is open, paused (back after
 * the pause's usual length) or busy (what is left of its current service) calls, in the hub's
 * calling order, the next ticket it is allowed to serve, at its advisor's pace. Tickets of a
 * head-start class (complaints, appointments) that are likely to arrive soon enough to overtake
 * this ticket are drawn from their usual arrival rate. The median of the replays is the
 * estimate, their 10th–90th percentiles the range. The whole queue is replayed at once, so one
 * set of replays answers for every waiting ticket (runs × queue length steps). The random
 * numbers have a fixed seed, so the same queue always gives the same answer.
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

const MAX_RUNS = 240;
const MIN_RUNS = 60;
/** Fixed: the same queue always gives the same answer, and successive snapshots share their random numbers so estimates do not jitter. */
const SEED = 0x5eed_2026;

/** One ticket's estimate: the queue ahead of it replayed (the tickets behind it cannot delay it). */
export function estimateWait(ticket: WaitingTicket, model: QueueModel, options: EstimateOptions = {}): WaitEstimate | null {
  const order = callingOrder(model.headStarts);
  const ahead = model.waiting.filter((w) => w.id !== ticket.id && order(w, ticket) < 0);
  return estimateWaits({ ...model, waiting: ahead }, [ticket], options).get(ticket.id) ?? null;
}

/**
 * Estimates for every waiting ticket and for each probe (a would-be ticket issued now, which
 * takes no counter time: "how long would a new ticket wait?"), from one set of replays of the
 * whole queue. Cost: runs × queue length, not runs × queue length² as replaying per ticket was.
 */
export function estimateWaits(model: QueueModel, probes: readonly WaitingTicket[] = [], options: EstimateOptions = {}): Map<number, WaitEstimate | null> {
  const order = callingOrder(model.headStarts);
  const isProbe = new Set(probes.map((p) => p.id));
  const targets = [...model.waiting, ...probes].sort(order);
  const slots = new Slots(model);
  // In calling order, a target's place is its row in the results: replays write them in sequence.
  const base = lineup(
    model,
    slots,
    targets.map((ticket, place) => ({ ticket, arrives: 0, target: place, probe: isProbe.has(ticket.id) })),
  );
  const horizons = arrivalHorizons(model, targets);
  const runs = options.runs ?? Math.max(MIN_RUNS, Math.min(MAX_RUNS, Math.round(12_000 / (targets.length + 4))));
  const results = new Float64Array(runs * targets.length); // [run * targets + place]
  const random = seededRandom(SEED);
  for (let run = 0; run < runs; run++) {
    const arrivals = drawArrivals(model, horizons, random);
    const candidates = arrivals.length === 0 ? base : withArrivals(base, targets, arrivals, order, model, slots);
    replay(candidates, model, slots, random, results.subarray(run * targets.length, (run + 1) * targets.length));
  }

  const coverage = options.coverage ?? 0.8;
  const estimates = new Map<number, WaitEstimate | null>();
  const times = new Float64Array(runs);
  targets.forEach((ticket, place) => {
    const able = model.counters.some((c) => c.state !== 'closed' && counterCanCall(c, ticket));
    if (!able) {
      estimates.set(ticket.id, null); // nobody will call it: no honest estimate
      return;
    }
    for (let run = 0; run < runs; run++) times[run] = results[run * targets.length + place]!;
    estimates.set(ticket.id, summarise(times, coverage));
  });
  return estimates;
}

function summarise(times: Float64Array, coverage: number): WaitEstimate | null {
  times.sort();
  const at = (q: number): number => times[Math.min(times.length - 1, Math.max(0, Math.round(q * (times.length - 1))))]!;
  let finite = times.length;
  while (finite > 0 && !Number.isFinite(times[finite - 1]!)) finite--;
  if (finite < times.length / 2) return null;
  return { seconds: at(0.5), low: at((1 - coverage) / 2), high: Math.min(at((1 + coverage) / 2), times[finite - 1]!) };
}

/** Services numbered, so a replay keeps its per-service draws in an array. */
class Slots {
  private readonly ids = new Map<string, number>();
  readonly durations: Duration[] = [];
  constructor(private readonly model: QueueModel) {
    for (const rate of model.overtaking ?? []) this.of(rate.service);
  }
  of(service: string): number {
    let slot = this.ids.get(service);
    if (slot === undefined) {
      slot = this.durations.length;
      this.ids.set(service, slot);
      this.durations.push(this.model.durations[service] ?? this.model.fallback);
    }
    return slot;
  }
}

interface Entry {
  ticket: WaitingTicket;
  /** Seconds from now until it is in the queue (0 for those already waiting). */
  arrives: number;
  /** Place in the results, or -1 for a simulated arrival. */
  target: number;
  /** A would-be ticket: its call is recorded but takes no counter time. */
  probe: boolean;
}

/** Everyone a replay may call, in calling order, as flat arrays (the replay loop runs runs × queue length times). */
interface Lineup {
  size: number;
  arrives: Float64Array;
  /** [entry * counters + counter]: 1 when that counter may call that entry. */
  callable: Uint8Array;
  target: Int32Array;
  probe: Uint8Array;
  slot: Int32Array;
}

function lineup(model: QueueModel, slots: Slots, entries: readonly Entry[]): Lineup {
  const n = entries.length;
  const counters = model.counters;
  const result: Lineup = {
    size: n,
    arrives: new Float64Array(n),
    callable: new Uint8Array(n * counters.length),
    target: new Int32Array(n),
    probe: new Uint8Array(n),
    slot: new Int32Array(n),
  };
  entries.forEach((e, i) => {
    result.arrives[i] = e.arrives;
    result.target[i] = e.target;
    result.probe[i] = e.probe ? 1 : 0;
    result.slot[i] = slots.of(e.ticket.service);
    counters.forEach((c, k) => (result.callable[i * counters.length + k] = counterCanCall(c, e.ticket) ? 1 : 0));
  });
  return result;
}

/** The base line-up with this replay's arrivals slotted in where the calling order puts them. */
function withArrivals(
  base: Lineup,
  targets: readonly WaitingTicket[],
  arrivals: Entry[],
  order: (a: WaitingTicket, b: WaitingTicket) => number,
  model: QueueModel,
  slots: Slots,
): Lineup {
  arrivals.sort((a, b) => order(a.ticket, b.ticket));
  const extra = lineup(model, slots, arrivals);
  const width = model.counters.length;
  const n = base.size + extra.size;
  const line: Lineup = {
    size: n,
    arrives: new Float64Array(n),
    callable: new Uint8Array(n * width),
    target: new Int32Array(n),
    probe: new Uint8Array(n),
    slot: new Int32Array(n),
  };
  const copy = (from: Lineup, i: number, to: number): void => {
    line.arrives[to] = from.arrives[i]!;
    line.target[to] = from.target[i]!;
    line.probe[to] = from.probe[i]!;
    line.slot[to] = from.slot[i]!;
    line.callable.set(from.callable.subarray(i * width, (i + 1) * width), to * width);
  };
  let a = 0;
  let to = 0;
  for (let place = 0; place < base.size; place++) {
    while (a < arrivals.length && order(arrivals[a]!.ticket, targets[place]!) < 0) copy(extra, a++, to++);
    copy(base, place, to++);
  }
  while (a < arrivals.length) copy(extra, a++, to++);
  return line;
}

/**
 * Per overtaking rate: seconds from now during which an arrival of that class could still be
 * called before one of the targets (later ones come after every target in calling order).
 */
function arrivalHorizons(model: QueueModel, targets: readonly WaitingTicket[]): number[] {
  return (model.overtaking ?? []).map((rate) => {
    let until = 0;
    for (const t of targets) {
      const lead = (model.headStarts[rate.ticketClass] - model.headStarts[t.ticketClass]) * 60;
      if (lead > 0) until = Math.max(until, (t.issuedAt - model.now) / 1000 + lead);
    }
    return rate.perMinute > 0 ? until : 0;
  });
}

/** Head-start tickets that arrive in this replay soon enough to overtake someone. */
function drawArrivals(model: QueueModel, horizons: readonly number[], random: () => number): Entry[] {
  const arrivals: Entry[] = [];
  (model.overtaking ?? []).forEach((rate, r) => {
    const until = horizons[r]!;
    for (let t = exponential(random, rate.perMinute / 60); t < until; t += exponential(random, rate.perMinute / 60)) {
      const ticket = { id: -1 - arrivals.length, number: '', service: rate.service, ticketClass: rate.ticketClass, issuedAt: model.now + t * 1000 };
      arrivals.push({ ticket, arrives: t, target: -1, probe: false });
    }
  });
  return arrivals;
}

/** One possible future: writes into `calledAt[place]` the seconds until each target is called. */
function replay(line: Lineup, model: QueueModel, slots: Slots, random: () => number, calledAt: Float64Array): void {
  // Each replay draws how this morning's services run compared with the model's median: the
  // less history, the more the model itself may be off.
  const shift = new Float64Array(slots.durations.length).fill(NaN);
  const serviceSeconds = (slot: number, pace: number): number => {
    const d = slots.durations[slot]!;
    let s = shift[slot]!;
    if (Number.isNaN(s)) s = shift[slot] = normal(random) * Math.max(0.08, d.sigma / Math.sqrt(1 + (d.weight ?? 0)));
    return d.median * pace * Math.exp(s + d.sigma * normal(random));
  };

  let left = calledAt.length;
  calledAt.fill(Infinity);
  const taken = new Uint8Array(line.size);
  const counters = model.counters;
  const width = counters.length;
  // Per counter: nothing before this index is still for it (taken, or not its to call).
  const firstFor = new Int32Array(width);
  const freeAt = new Float64Array(width);
  counters.forEach((c, k) => {
    if (c.state === 'closed') return void (freeAt[k] = Infinity);
    let at = 0;
    if (c.state === 'paused') at = remaining(c.pause?.usualSeconds ?? 600, 0.5, c.pause?.elapsedSeconds ?? 0, random);
    if (c.busy) {
      const d = model.durations[c.busy.service] ?? model.fallback;
      at += remaining(d.median * (c.pace ?? 1), d.sigma, c.busy.elapsedSeconds, random);
    }
    freeAt[k] = at;
  });
  const pace = Float64Array.from(counters, (c) => c.pace ?? 1);

  while (left > 0) {
    let counter = -1;
    let now = Infinity;
    for (let k = 0; k < width; k++) {
      if (freeAt[k]! < now) {
        now = freeAt[k]!;
        counter = k;
      }
    }
    if (counter < 0) return; // nobody left to call the rest: they stay at Infinity
    // The first in calling order that is here and that this counter may call; else the next to arrive.
    let next = -1;
    let nextArrival = Infinity;
    let i = firstFor[counter]!;
    while (i < line.size && (taken[i] || !line.callable[i * width + counter])) i++;
    firstFor[counter] = i;
    for (; i < line.size; i++) {
      if (taken[i] || !line.callable[i * width + counter]) continue;
      const arrives = line.arrives[i]!;
      if (arrives <= now) {
        next = i;
        break;
      }
      if (arrives < nextArrival) nextArrival = arrives;
    }
    if (next < 0) {
      freeAt[counter] = nextArrival; // idle until someone it may serve arrives, if anyone will
      continue;
    }
    taken[next] = 1;
    const target = line.target[next]!;
    if (target >= 0) {
      calledAt[target] = now;
      left--;
    }
    if (!line.probe[next]) freeAt[counter] = now + serviceSeconds(line.slot[next]!, pace[counter]!);
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
