/**
 * Kill the hub at any moment, many times: issue and call tickets in a loop with idempotency
 * keys while SIGKILLing and restarting the real hub process, retrying unanswered requests with
 * the same key as a real client would. Afterwards every acknowledged change exists exactly
 * once and no ticket number was issued twice.
 */
import { describe, expect, it } from 'vitest';
import { HubProcess } from './helpers/hub-process.ts';

const RESTARTS = 20;

interface Attempt {
  kind: 'issue' | 'call';
  /** The exact request, so a retry sends the same one. */
  path: string;
  body: Record<string, string | undefined>;
  acked: { number: string; id: number } | null | undefined;
}

describe('crash safety', () => {
  it(`loses and duplicates nothing across ${RESTARTS} SIGKILLs`, { timeout: 240_000 }, async () => {
    const hub = new HubProcess();
    await hub.start();
    let admin = await hub.login();
    let kiosk = await hub.enrol(admin, 'kiosk');
    // A desk device calls at both counters (an advisor holds one ticket at one counter at a time).
    let advisor = await hub.enrol(admin, 'desk');
    const attempts: Attempt[] = [];
    let retried = 0;

    const send = async (attempt: Attempt): Promise<void> => {
      const answer = await hub.post(attempt.path, attempt.body, attempt.kind === 'issue' ? kiosk : advisor);
      if (answer.status === 201 || answer.status === 200) attempt.acked = { number: answer.body.number, id: answer.body.id };
      else if (answer.status === 204) attempt.acked = null;
      else throw new Error(`unexpected ${answer.status}: ${JSON.stringify(answer.body)}`);
    };

    for (let round = 0; round < RESTARTS; round++) {
      // A burst of requests; the hub is killed somewhere in the middle of it.
      const killAfterMs = 20 + Math.floor(Math.random() * 150);
      const killer = new Promise<void>((resolve) => setTimeout(() => void hub.kill().then(resolve), killAfterMs));
      const burst = (async () => {
        for (let i = 0; i < 40; i++) {
          const idempotencyKey = `crash-${round}-${i}-${process.pid}`;
          const attempt: Attempt =
            i % 3 === 2
              ? { kind: 'call', path: `/api/counters/${(i % 2) + 1}/call-next`, body: { idempotencyKey, heldOutcome: 'served' }, acked: undefined }
              : { kind: 'issue', path: '/api/tickets', body: { service: ['maintenance', 'repair', 'complaint'][i % 3]!, idempotencyKey }, acked: undefined };
          attempts.push(attempt);
          try {
            await send(attempt);
          } catch {
            return; // connection refused or reset: the hub is down
          }
        }
      })();
      await Promise.all([killer, burst]);
      await hub.start();
      // Sessions and device tokens survive restarts; log in again only to prove it works.
      if (round === RESTARTS - 1) {
        admin = await hub.login();
        kiosk = await hub.enrol(admin, 'kiosk');
        advisor = await hub.enrol(admin, 'desk');
      }
      // Retry whatever got no answer, with the same key.
      for (const attempt of attempts.filter((a) => a.acked === undefined)) {
        retried += 1;
        await send(attempt);
      }
    }

    expect(attempts.filter((a) => a.acked === undefined)).toEqual([]);
    // The kills really landed mid-burst: some requests went unanswered and were retried.
    expect(retried).toBeGreaterThan(0);
    const tickets = (await hub.get('/api/tickets', advisor)).body as { id: number; number: string; status: string }[];
    const issues = attempts.filter((a) => a.kind === 'issue');
    expect(issues.length).toBeGreaterThan(RESTARTS);
    // Exactly once: one ticket per issue key, with the number the client was given.
    expect(tickets).toHaveLength(issues.length);
    for (const attempt of issues) {
      const stored = tickets.filter((t) => t.id === attempt.acked!.id);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.number).toBe(attempt.acked!.number);
    }
    expect(new Set(tickets.map((t) => t.number)).size).toBe(tickets.length);
    // Every acknowledged call left its ticket called or finished, never waiting.
    for (const call of attempts.filter((a) => a.kind === 'call' && a.acked)) {
      expect(tickets.find((t) => t.id === call.acked!.id)?.status).toMatch(/^(called|done)$/);
    }
    await hub.stop();
  });
});
