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
 * ticket they were given (an issue instead when that answer has not come back yet).
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
  const lastCalled = new Map<number, number>();
  const services = ['maintenance', 'repair', 'pickup'];
  let inFlight = 0;
  let notSent = 0;
  let worstTimerLagMs = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const answered: Promise<void>[] = [];

  const send = (k: number, scheduledAt: number): void => {
    if (inFlight >= maxInFlight) {
      notSent += 1;
      return;
    }
    const phase = k % 3;
    const counter = Math.floor(k / 3) % options.advisors.length;
    const advisor = options.advisors[counter]!;
    const key = `fanout-${options.keyPrefix}-${k}`;
    let sent: Promise<{ status: number; body: string }>;
    const ticketId = lastCalled.get(counter);
    if (phase === 1) {
      sent = post(options.url, `/api/counters/${counter + 1}/call-next`, advisor, { heldOutcome: 'served', idempotencyKey: key });
    } else if (phase === 2 && ticketId !== undefined) {
      lastCalled.delete(counter);
      sent = post(options.url, `/api/tickets/${ticketId}/start`, advisor, { idempotencyKey: key });
    } else {
      sent = post(options.url, '/api/tickets', options.kiosk, { service: services[k % services.length], idempotencyKey: key });
    }
    inFlight += 1;
    answered.push(
      sent.then((answer) => {
        inFlight -= 1;
        http.add(performance.now() - scheduledAt);
        if (answer.status === 503) shed.add(performance.now() - scheduledAt);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        if (phase === 1 && answer.status === 200) lastCalled.set(counter, (JSON.parse(answer.body) as { id: number }).id);
      }),
    );
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
  await Promise.all(answered);
  const cpu = process.cpuUsage(cpuBefore);
  return {
    offered: total,
    notSent,
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
