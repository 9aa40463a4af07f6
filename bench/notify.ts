/**
 * Message outbox figures (issue #15): what writing the message costs the change that causes it,
 * how fast the dispatcher drains a backlog to a webhook (signed, over local HTTP), and how long
 * a committed change takes to reach the receiver with the hub's 1 s dispatch timer.
 */
import { createHub } from '../hub/src/app.ts';
import { Dispatcher } from '../hub/src/notify/dispatcher.ts';
import { FakeWebhookReceiver } from '../hub/src/notify/fake-providers.ts';
import { advisor, testHub, type TestHub } from '../hub/src/store/test-support.ts';

const SECRET = 'bench-webhook-secret-0123456789';
const fmt = (n: number, digits = 1): string => n.toFixed(digits);
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

function jobs(h: TestHub, count: number): number[] {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const plate = `粤B${String(10000 + i)}`;
    const job = h.store.jobs.create(
      {
        plate,
        model: 'Camry',
        surname: '王',
        title: '先生',
        phone: `138${String(i).padStart(8, '0')}`,
        notifyConsent: true,
        services: ['maintenance'],
        promisedAt: '2026-11-24T08:00:00Z',
        wash: false,
        idempotencyKey: h.key(),
      },
      advisor,
    ).result;
    for (const to of ['waiting', 'repair', 'qc'] as const) h.store.jobs.move(job.id, to, h.key(), advisor);
    ids.push(job.id);
  }
  return ids;
}

/** Milliseconds per `job.move` to ready, with the outbox writing a message or not. */
function moveCost(h: TestHub, ids: number[]): number {
  const started = performance.now();
  for (const id of ids) h.store.jobs.move(id, 'ready', h.key(), advisor);
  return (performance.now() - started) / ids.length;
}

export async function runNotifyBench(count = 300): Promise<string[]> {
  const lines: string[] = [];
  const receiver = new FakeWebhookReceiver(SECRET);
  await receiver.start();
  try {
    const quiet = { start: '00:00', end: '00:00' };
    const plain = testHub();
    const withOutbox = testHub({ notify: { webhook: { url: receiver.url, secret: SECRET }, quietHours: quiet, maxPerPhonePerHour: 60 } });
    const costPlain = moveCost(plain, jobs(plain, count));
    const costOutbox = moveCost(withOutbox, jobs(withOutbox, count));
    lines.push(`notify: job.move to ready ${fmt(costPlain, 3)} ms without a channel, ${fmt(costOutbox, 3)} ms writing its message (${count} jobs)`);

    const dispatcher = new Dispatcher(withOutbox.store.outbox, withOutbox.clock, () => ({
      ...withOutbox.store.ctx.config.notify,
      timeZone: withOutbox.store.ctx.config.timeZone,
      openingTime: withOutbox.store.ctx.config.openingTime,
    }));
    const started = performance.now();
    while (receiver.received.length < count) await dispatcher.run();
    const seconds = (performance.now() - started) / 1000;
    lines.push(
      `notify: backlog of ${count} drained in ${fmt(seconds, 2)} s = ${fmt(count / seconds, 0)} messages/s (signed webhook, local HTTP, one at a time)`,
    );

    // Commit → receiver on the real timer (1 s): what a customer waits beyond the provider.
    const t = testHub({ notify: { webhook: { url: receiver.url, secret: SECRET }, quietHours: quiet, maxPerPhonePerHour: 60 } });
    const hub = await createHub({ db: t.db, config: t.store.ctx.config, alertIntervalMs: 0, autoCallIntervalMs: 0 });
    const ids = jobs(t, 30);
    const latencies: number[] = [];
    for (const [i, id] of ids.entries()) {
      // Commits land at spread-out phases of the timer, as real changes do.
      await new Promise((r) => setTimeout(r, (i * 131) % 1000));
      const before = receiver.received.length;
      const committed = performance.now();
      hub.store.jobs.move(id, 'ready', t.key(), advisor);
      while (receiver.received.length === before) await new Promise((r) => setTimeout(r, 2));
      latencies.push(performance.now() - committed);
    }
    await hub.close();
    lines.push(
      `notify: commit → receiver p50 ${fmt(pct(latencies, 50), 0)} ms, p90 ${fmt(pct(latencies, 90), 0)} ms, max ${fmt(Math.max(...latencies), 0)} ms (1 s dispatch timer, ${ids.length} messages)`,
    );
  } finally {
    await receiver.stop();
  }
  return lines;
}
