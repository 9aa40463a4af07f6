/**
 * The open-loop load generator of the fan-out bench, in its own process so its CPU is its own:
 * `tsx bench/fanout-load.ts '<json options>'`. Request k is scheduled at start + k / rate and
 * sent then whether or not earlier answers came back (no coordinated omission: a slow hub does
 * not slow the offered load), and its latency is measured from its scheduled time, so time it
 * spent waiting to be sent (a late timer, a busy generator) counts against the hub's figure
 * rather than vanishing. Prints one JSON line: answers by status, the latency histogram, and
 * the generator's own CPU seconds.
 *
 * The mix, per three slots at one of the advisors' counters: a kiosk issues a ticket; the
 * advisor calls the next (finishing the one they served); the advisor starts serving the
 * ticket they were given, once the call's answer is back (a start is skipped and counted when
 * the answer comes only after the counter's next call was sent). The queue stays the same
 * length however slow the hub is: a slow answer does not turn starts into more issues.
 */
import { Agent, request } from 'node:http';
import { Histogram } from './histogram.ts';

export interface LoadOptions {
  url: string;
  kiosk: string;
  advisors: string[];
  /** Requests offered per second. */
  rate: number;
  seconds: number;
  keyPrefix: string;
  /** Beyond this many unanswered requests, a due request is counted as not sent. */
  maxInFlight?: number;
}

export interface LoadReport {
  offered: number;
  notSent: number;
  /** Starts not sent: their call was answered only after the counter's next call was sent, or called nobody. */
  startsSkipped: number;
  statuses: Record<string, number>;
  /** Latency from scheduled send time to answer (Histogram JSON). */
  http: number[];
  /** The same for the answers refused with 503 (load shedding) alone. */
  shed: number[];
  cpuSeconds: number;
  wallSeconds: number;
  /** How late the generator's timer fired at worst, ms (its own lag, included in `http`). */
  worstTimerLagMs: number;
}

const REQUEST_TIMEOUT_MS = 10_000;
/**
 * Kept-alive connections, at most 64: about what a store's kiosks, desks and browsers hold
 * open. Unbounded, a stalled hub gets thousands of new connections whose SYNs overflow its
 * listen backlog and are retried by the kernel seconds later, which measures TCP, not the hub.
 * Requests waiting here for a connection still count from their scheduled time.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, path: string, token: string, body: unknown): Promise<{ status: number; body: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve) => {
    const req = request(
      `${url}${path}`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${token}` },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    // An answer later than this is counted as a timeout (status 0) at its scheduled time + 10 s.
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy());
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(payload);
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const interval = 1000 / options.rate;
  const total = Math.round(options.rate * options.seconds);
  const maxInFlight = options.maxInFlight ?? 2000;
  const http = new Histogram();
  const shed = new Histogram();
  const statuses: Record<string, number> = {};
  /** Per counter, the ticket its latest call-next called, until the advisor starts it. */
  const lastCalled = new Map<number, number>();
  /** Per counter, the latest call-next sent: only its answer names the ticket to start. */
  const latestCall = new Map<number, number>();
  /** Per counter, a start whose slot came before the call's answer: sent when the answer comes. */
  const waitingStart = new Map<number, { k: number; scheduledAt: number }>();
  const services = ['maintenance', 'repair', 'pickup'];
  let inFlight = 0;
  let notSent = 0;
  let startsSkipped = 0;
  let worstTimerLagMs = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const answered: Promise<void>[] = [];

  const dispatch = (scheduledAt: number, sent: Promise<{ status: number; body: string }>, onAnswer?: (status: number, body: string) => void): void => {
    inFlight += 1;
    answered.push(
      sent.then((answer) => {
        inFlight -= 1;
        http.add(performance.now() - scheduledAt);
        if (answer.status === 503) shed.add(performance.now() - scheduledAt);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        onAnswer?.(answer.status, answer.body);
      }),
    );
  };
  const sendStart = (counter: number, ticketId: number, k: number, scheduledAt: number): void => {
    if (inFlight >= maxInFlight) return void (notSent += 1);
    dispatch(
      scheduledAt,
      post(options.url, `/api/tickets/${ticketId}/start`, options.advisors[counter]!, { idempotencyKey: `fanout-${options.keyPrefix}-${k}` }),
    );
  };

  const send = (k: number, scheduledAt: number): void => {
    const phase = k % 3;
    const counter = Math.floor(k / 3) % options.advisors.length;
    const advisor = options.advisors[counter]!;
    const key = `fanout-${options.keyPrefix}-${k}`;
    if (phase === 2) {
      // The advisor starts the ticket they were given; one whose call has not answered yet waits
      // for it, its latency still counted from this slot (the advisor is waiting on the hub).
      const ticketId = lastCalled.get(counter);
      lastCalled.delete(counter);
      if (ticketId === undefined) waitingStart.set(counter, { k, scheduledAt });
      else sendStart(counter, ticketId, k, scheduledAt);
      return;
    }
    if (inFlight >= maxInFlight) {
      notSent += 1;
      return;
    }
    if (phase === 1) {
      // A start still waiting for the previous call's answer would now come after this call has
      // finished its ticket (a 409): it is skipped and counted instead.
      if (waitingStart.delete(counter)) startsSkipped += 1;
      lastCalled.delete(counter);
      latestCall.set(counter, k);
      dispatch(
        scheduledAt,
        post(options.url, `/api/counters/${counter + 1}/call-next`, advisor, { heldOutcome: 'served', idempotencyKey: key }),
        (status, body) => {
          if (latestCall.get(counter) !== k) return;
          const waiting = waitingStart.get(counter);
          waitingStart.delete(counter);
          if (status !== 200) {
            if (waiting) startsSkipped += 1; // nobody was called (204) or the call was refused
            return;
          }
          const ticketId = (JSON.parse(body) as { id: number }).id;
          if (waiting) sendStart(counter, ticketId, waiting.k, waiting.scheduledAt);
          else lastCalled.set(counter, ticketId);
        },
      );
      return;
    }
    dispatch(scheduledAt, post(options.url, '/api/tickets', options.kiosk, { service: services[k % services.length], idempotencyKey: key }));
  };

  let next = 0;
  await new Promise<void>((done) => {
    const tick = (): void => {
      const now = performance.now();
      while (next < total && started + next * interval <= now) {
        const scheduledAt = started + next * interval;
        worstTimerLagMs = Math.max(worstTimerLagMs, now - scheduledAt);
        send(next, scheduledAt);
        next += 1;
      }
      if (next >= total) return done();
      setTimeout(tick, Math.max(0, started + next * interval - performance.now()));
    };
    tick();
  });
  // Starts sent when their call answered join the list late: wait for the list as it grows.
  for (let i = 0; i < answered.length; i++) await answered[i];
  const cpu = process.cpuUsage(cpuBefore);
  return {
    offered: total,
    notSent,
    startsSkipped,
    statuses,
    http: http.toJSON(),
    shed: shed.toJSON(),
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    wallSeconds: (performance.now() - started) / 1000,
    worstTimerLagMs,
  };
}

if (process.argv[1]?.endsWith('fanout-load.ts')) {
  const report = await runLoad(JSON.parse(process.argv[2]!) as LoadOptions);
  console.log(JSON.stringify(report));
  process.exit(0);
}
