/** A store's busy hours through its own API (testHub, manual clock): what the group tests ship. */
import pg from 'pg';
import { GroupShipper } from '../../hub/src/shipping/shipper.ts';
import { advisor, kiosk, type TestHub } from '../../hub/src/store/test-support.ts';

/** Deterministic pseudo-random numbers: the estimator's mulberry32, as the benches use. */
import { seededRandom as random } from '../../hub/src/domain/wait-estimate.ts';

export { random };

const SERVICES = ['maintenance', 'repair', 'bodypaint'];

/**
 * `rounds` rounds of: a few tickets (with plates and phones), each called after a random wait,
 * then served or a no-show; some jobs delivered on time or late. Ends with the clock well past
 * the greeting limit of the last ticket, so "still waiting" counts the same anywhere.
 */
export function busyHours(h: TestHub, rounds: number, seed: number): void {
  const rnd = random(seed);
  for (let r = 0; r < rounds; r++) {
    const ids: number[] = [];
    const n = 1 + Math.floor(rnd() * 3);
    for (let i = 0; i < n; i++) {
      const phone = `1380013${String(Math.floor(rnd() * 10_000)).padStart(4, '0')}`;
      const t = h.store.tickets.issue(
        {
          service: SERVICES[Math.floor(rnd() * SERVICES.length)]!,
          plate: `粤B${String(10_000 + r).slice(-5)}`,
          phone,
          notifyConsent: true,
          idempotencyKey: h.key(),
        },
        kiosk,
      ).result;
      ids.push(t.id);
      h.clock.advance(Math.floor(rnd() * 20_000));
    }
    for (let i = 0; i < ids.length; i++) {
      h.clock.advance(Math.floor(rnd() * 90_000) + 1_000);
      const called = h.store.tickets.callNext('1', h.key(), advisor).result;
      if (!called) break;
      h.clock.advance(5_000);
      if (rnd() < 0.15) {
        // A no-show is called three times.
        for (const action of ['recall', 'recall', 'no-show'] as const) {
          h.clock.advance(60_000);
          h.store.tickets.act(called.id, action, h.key(), advisor);
        }
      } else {
        h.store.tickets.act(called.id, 'start', h.key(), advisor);
        h.clock.advance(60_000);
        h.store.tickets.act(called.id, 'finish', h.key(), advisor);
        if (rnd() < 0.5) {
          const score = (): number => 1 + Math.floor(rnd() * 5);
          h.store.submitSurvey(
            {
              ticketToken: called.trackingToken,
              scores: { overall: score(), advisor: score(), speed: score(), lounge: score() },
              comment: '王先生很满意',
              idempotencyKey: h.key(),
            },
            kiosk,
          );
        }
      }
    }
    if (rnd() < 0.3) {
      const promised = new Date(h.clock.now().getTime() + (rnd() < 0.5 ? 30 : -30) * 60_000 + 60 * 60_000).toISOString();
      const job = h.store.jobs.create(
        {
          plate: `粤A${String(20_000 + r).slice(-5)}`,
          model: 'X',
          surname: '张',
          title: '先生',
          services: ['maintenance'],
          promisedAt: promised,
          wash: false,
          idempotencyKey: h.key(),
        },
        advisor,
      ).result;
      for (const to of ['waiting', 'repair', 'qc', 'ready'] as const) h.store.jobs.move(job.id, to, h.key(), advisor);
      h.clock.advance(60 * 60_000);
      h.store.jobs.move(job.id, 'delivered', h.key(), advisor);
    }
    h.clock.advance(Math.floor(rnd() * 120_000));
  }
  // One ticket left waiting (never called), then time passes: it counts against the greeting rate.
  h.store.tickets.issue({ service: 'repair', idempotencyKey: h.key() }, kiosk);
  h.clock.advance(10 * 60_000);
}

export function shipperFor(h: TestHub, url: string, storeId: string, options: { batchSize?: number } = {}): GroupShipper {
  return new GroupShipper({
    db: h.db,
    url,
    storeId,
    hubId: h.store.hubId,
    dayOf: (at) => h.store.ctx.businessDay(new Date(at)),
    storeFacts: () => ({
      greetingLimitSeconds: h.store.ctx.config.alerts.greetingLimitSeconds,
      timeZone: h.store.ctx.config.timeZone,
      appointmentWindow: h.store.ctx.config.queue.appointmentWindow,
    }),
    batchSize: options.batchSize ?? 500,
    idleMs: 50,
    backoffMs: 50,
    maxBackoffMs: 400,
  });
}

/** Ships until the store's log is all acknowledged. */
export async function drain(shipper: GroupShipper): Promise<void> {
  while ((await shipper.shipBatch()) > 0) {
    // next batch
  }
}

export async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function pool(url: string): pg.Pool {
  const p = new pg.Pool({ connectionString: url, max: 2 });
  // Idle connections die when the test stops PostgreSQL: the next query opens a new one.
  p.on('error', () => undefined);
  return p;
}
