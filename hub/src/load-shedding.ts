/**
 * Load shedding (issue #17 item 2): when the hub's event loop falls behind, it answers the
 * excess at once with 503, `Retry-After` and the stable code `overloaded` instead of queueing
 * requests for seconds. Pressure is measured by `@fastify/under-pressure` (mean event-loop delay
 * and, when asked for, event-loop utilisation, sampled every `sampleIntervalMs`); which request
 * is refused under which pressure is decided here:
 *
 *  - never: `GET /api/health` — monitoring must see the hub, and it costs next to nothing.
 *    (Socket.io pushes do not go through Fastify and are never shed either.)
 *  - essential, refused last: a ticket issued at a kiosk or by a desk, offline tickets handed
 *    over, and the counters' calls and ticket actions — what a customer in front of a kiosk or an
 *    advisor at a counter is waiting for. Refused only when the delay passes `essentialDelayMs`,
 *    never for utilisation alone: a saturated but still answering hub serves them late rather
 *    than not at all. The station retries them with the same idempotency key after Retry-After.
 *  - everything else (queue and store reads, reports, settings, pages, logins): refused as soon
 *    as either limit is passed, which frees the loop for the essential requests.
 *
 * The defaults are conservative (a 500 ms mean delay over a whole second, utilisation not
 * checked) so that a shared 2-core test machine never sheds in the normal test suite; a hub on
 * a machine of its own can set tighter limits (README "Load shedding"). `HUB_SHED=off` turns it
 * off.
 */
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '../../shared/src/protocol.ts';

export interface SheddingLimits {
  /** Mean event-loop delay (ms) over a sample above which ordinary requests are refused. */
  eventLoopDelayMs: number;
  /** …and above which essential requests are refused too. */
  essentialDelayMs: number;
  /** Event-loop utilisation (0–1) above which ordinary requests are refused; 0: not checked. */
  eventLoopUtilization: number;
  /** How often pressure is sampled. */
  sampleIntervalMs: number;
  /** What `Retry-After` says, in whole seconds. */
  retryAfterSeconds: number;
  /**
   * The most one turn of the event loop may spend on requests (ms) before the rest read in that
   * turn are refused (ordinary ones past this, essential ones past `essentialDelayMs`); 0: off.
   * Catches at once what a sampled delay sees only a sample later: a burst read in one turn.
   */
  turnBudgetMs: number;
}

export const DEFAULT_SHEDDING: SheddingLimits = {
  eventLoopDelayMs: 500,
  essentialDelayMs: 2000,
  eventLoopUtilization: 0,
  sampleIntervalMs: 1000,
  retryAfterSeconds: 2,
  turnBudgetMs: 0,
};

/** HUB_SHED (off), HUB_SHED_DELAY_MS, HUB_SHED_ESSENTIAL_DELAY_MS, HUB_SHED_UTILIZATION, HUB_SHED_SAMPLE_MS, HUB_SHED_RETRY_AFTER_S, HUB_SHED_TURN_MS. */
export function sheddingFromEnv(env: NodeJS.ProcessEnv): SheddingLimits | null {
  if (env.HUB_SHED === 'off') return null;
  const number = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) throw new Error(`${name}: a number from ${min} to ${max}`);
    return value;
  };
  return {
    eventLoopDelayMs: number('HUB_SHED_DELAY_MS', DEFAULT_SHEDDING.eventLoopDelayMs, 1, 60_000),
    essentialDelayMs: number('HUB_SHED_ESSENTIAL_DELAY_MS', DEFAULT_SHEDDING.essentialDelayMs, 1, 60_000),
    eventLoopUtilization: number('HUB_SHED_UTILIZATION', DEFAULT_SHEDDING.eventLoopUtilization, 0, 1),
    sampleIntervalMs: number('HUB_SHED_SAMPLE_MS', DEFAULT_SHEDDING.sampleIntervalMs, 10, 60_000),
    retryAfterSeconds: Math.round(number('HUB_SHED_RETRY_AFTER_S', DEFAULT_SHEDDING.retryAfterSeconds, 1, 3600)),
    turnBudgetMs: number('HUB_SHED_TURN_MS', DEFAULT_SHEDDING.turnBudgetMs, 0, 60_000),
  };
}

export type RouteClass = 'never' | 'essential' | 'ordinary';

const ESSENTIAL = new Set([
  'POST /api/tickets',
  'POST /api/tickets/offline',
  'POST /api/tickets/:id/:action',
  'POST /api/tickets/:id/transfer',
  'POST /api/tickets/:id/resume',
  'POST /api/counters/:counterId/call-next',
  'POST /api/counters/:counterId/call',
  'POST /api/counters/:counterId/recall',
  'POST /api/counters/:counterId/no-show',
]);

/** How a route is treated under pressure, by method and route pattern (not the raw URL). */
export function routeClass(method: string, route: string | undefined): RouteClass {
  if (method === 'GET' && route === '/api/health') return 'never';
  return ESSENTIAL.has(`${method} ${route}`) ? 'essential' : 'ordinary';
}

/** Under-pressure reports the first limit passed: `eventLoopDelay` (ms) or `eventLoopUtilization` (0–1). */
export function shouldShed(cls: RouteClass, type: string, value: number | undefined, limits: SheddingLimits): boolean {
  if (cls === 'never') return false;
  if (cls === 'ordinary') return true;
  return type === 'eventLoopDelay' && (value ?? 0) > limits.essentialDelayMs;
}

export const OVERLOADED: ApiError = { error: 'overloaded', message: 'the hub is overloaded; retry after the time in Retry-After' };

/** under-pressure samples the loop's delay every 10 ms. */
const DELAY_RESOLUTION_MS = 10;

/**
 * Watches for a stopped loop (a long GC pause, a starved CPU, SIGSTOP) by how late a timer of
 * its own fires, because under-pressure can miss one: its sample resets Node's delay histogram,
 * which also forgets the histogram's last tick, so when the sample's timer runs before the
 * histogram's after a stall the stall is never recorded; and a request read on waking is handled
 * before any timer runs. A stall counts as the mean delay it would add to one sample
 * (late / (samples per interval + 1)), so the limits mean what they mean for under-pressure.
 * `pressure()` also counts the tick overdue right now: a request that meets a loop still
 * catching up is judged on it, whichever of the loop's phases runs first.
 */
export function stallWatch(limits: SheddingLimits, now: () => number = () => performance.now()): { tick(): void; pressure(): number } {
  const perSample = limits.sampleIntervalMs / DELAY_RESOLUTION_MS + 1;
  let lastTick = now();
  let lastStall = 0;
  return {
    tick() {
      const at = now();
      // Like a sample: what the last tick found holds until the next one runs.
      lastStall = Math.max(0, at - lastTick - limits.sampleIntervalMs) / perSample;
      lastTick = at;
    },
    pressure() {
      const overdue = Math.max(0, now() - lastTick - limits.sampleIntervalMs) / perSample;
      return Math.max(overdue, lastStall);
    },
  };
}

/**
 * How long the current turn of the event loop has been running, from the first request read in
 * it: requests read in one turn are handled one after another before anything else runs, so the
 * last of a burst waits for all before it. The turn ends when the loop moves on (setImmediate).
 */
export function turnWatch(
  now: () => number = () => performance.now(),
  afterTurn: (run: () => void) => void = (run) => void setImmediate(run),
): { spent(): number } {
  let startedAt: number | null = null;
  return {
    spent() {
      const at = now();
      if (startedAt === null) {
        startedAt = at;
        afterTurn(() => (startedAt = null));
      }
      return at - startedAt;
    },
  };
}

export async function installLoadShedding(app: FastifyInstance, limits: SheddingLimits): Promise<void> {
  // Start-up work (migrations, routes, the API document) blocks the loop once; that is not
  // overload. Nothing is refused until two samples after the hub is ready.
  let armedAt = Infinity;
  const watch = stallWatch(limits);
  const ticker = setInterval(() => watch.tick(), limits.sampleIntervalMs);
  ticker.unref();
  app.addHook('onReady', async () => {
    armedAt = Date.now() + 2 * limits.sampleIntervalMs;
  });
  app.addHook('onClose', async () => clearInterval(ticker));
  const refuse = (reply: FastifyReply): void => {
    void reply.status(503).header('retry-after', String(limits.retryAfterSeconds)).send(OVERLOADED);
  };
  /** Refused: armed, the delay past `limit`, and the request of a class refused at that delay. */
  const refusedAt = (request: FastifyRequest, delay: number, limit: number): boolean =>
    Date.now() >= armedAt && delay > limit && shouldShed(routeClass(request.method, request.routeOptions.url), 'eventLoopDelay', delay, limits);
  app.addHook('onRequest', (request, reply, done) => {
    if (refusedAt(request, watch.pressure(), limits.eventLoopDelayMs)) return refuse(reply);
    done();
  });
  if (limits.turnBudgetMs > 0) {
    // Checked just before the handler, when the handlers before it in this turn have run.
    const turn = turnWatch();
    app.addHook('preHandler', (request, reply, done) => {
      if (refusedAt(request, turn.spent(), limits.turnBudgetMs)) return refuse(reply);
      done();
    });
  }
  await app.register(underPressure, {
    maxEventLoopDelay: limits.eventLoopDelayMs,
    maxEventLoopUtilization: limits.eventLoopUtilization,
    eventLoopUtilizationMode: 'interval',
    sampleInterval: limits.sampleIntervalMs,
    retryAfter: limits.retryAfterSeconds,
    pressureHandler: (request, reply, type, value) => {
      if (Date.now() < armedAt || !shouldShed(routeClass(request.method, request.routeOptions.url), type, value, limits)) return;
      // Sent here: under-pressure then lets the request go on, and Fastify stops at a sent reply.
      refuse(reply);
    },
  });
}
