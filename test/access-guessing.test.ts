/**
 * Issue #12 item 2: PINs and pairing codes cannot be guessed, even from 100 LAN addresses
 * (loopback source addresses 127.0.0.2…, against the real hub process). Prints the expected
 * time to guess a 6-digit admin PIN and an outstanding pairing code from the limits the hub
 * actually enforced (accepted failures, then its Retry-After).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubProcess } from './helpers/hub-process.ts';
import { lanHost, postFrom, type Answer } from './helpers/from-address.ts';

let hub: HubProcess;
let admin: string;
let n = 0;
const key = (): string => `guess-${process.pid}-${++n}`;
const YEAR_MS = 365 * 24 * 3_600_000;

beforeAll(async () => {
  hub = new HubProcess();
  await hub.start();
  admin = await hub.login();
});

afterAll(async () => {
  await hub?.stop();
});

const login = (from: string, pin: string): Promise<Answer> => postFrom(from, `${hub.url}/api/login`, { pin });
const audit = async (): Promise<{ action: string; detail: string | null }[]> => (await hub.get('/api/audit?limit=1000', admin)).body;

/**
 * Wrong guesses from 100 addresses, round-robin, until the hub refuses every address: returns
 * how many it checked (401) and the Retry-After of its last refusal.
 */
async function sprayUntilRefused(
  post: (from: string, guess: number) => Promise<Answer>,
  wrongStatus: number,
): Promise<{ checked: number; retryAfterS: number }> {
  let checked = 0;
  let refusedInARow = 0;
  let retryAfterS = 0;
  for (let i = 0; refusedInARow < 100 && i < 5000; i++) {
    const answer = await post(lanHost(100 + (i % 100)), i);
    if (answer.status === wrongStatus) {
      checked++;
      refusedInARow = 0;
    } else {
      expect(answer.status).toBe(429);
      retryAfterS = Number(answer.headers['retry-after']);
      refusedInARow++;
    }
  }
  return { checked, retryAfterS };
}

describe('PIN login', () => {
  it('refuses admin and manager PINs shorter than 6 digits', async () => {
    for (const role of ['admin', 'manager']) {
      const short = await hub.post('/api/staff', { name: `short ${role}`, role, pin: '482915'.slice(0, 5), idempotencyKey: key() }, admin);
      expect(short.status).toBe(400);
      expect(JSON.stringify(short.body)).toMatch(/6/);
    }
    const advisor = await hub.post('/api/staff', { name: 'advisor four', role: 'advisor', pin: '4826', idempotencyKey: key() }, admin);
    expect(advisor.status).toBe(201);
  });

  it("never lets one person's successful login clear another's failures at the same address", async () => {
    const from = lanHost(1);
    const failures: number[] = [];
    for (let i = 0; i < 4; i++) failures.push((await login(from, `99990${i}`)).status);
    expect(failures).toEqual([401, 401, 401, 401]);
    expect((await login(from, '135790')).status).toBe(200); // an insider logs in from the same address
    expect((await login(from, '999909')).status).toBe(401);
    const locked = await login(from, '999910');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('audits failed and refused logins', async () => {
    const actions = (await audit()).map((a) => a.action);
    expect(actions).toContain('staff.login-failed');
    expect(actions).toContain('staff.login-refused');
    const failed = (await audit()).find((a) => a.action === 'staff.login-failed')!;
    expect(failed.detail).toContain('127.0.0.3');
  });

  it('holds against 100 addresses: a hub-wide budget, a manager alert, and over a year to guess a 6-digit PIN', async () => {
    const { checked, retryAfterS } = await sprayUntilRefused((from, i) => login(from, String(500000 + i)), 401);
    // Once the budget is spent even the right PIN is refused, so guessing gains nothing.
    expect((await login(lanHost(250), '135790')).status).toBe(429);
    expect(checked).toBeLessThan(100);
    expect(retryAfterS).toBeGreaterThan(0);
    // From then on the hub checks one more guess per Retry-After interval, whatever the addresses.
    const expectedGuesses = 1_000_000 / 2;
    const expectedMs = (expectedGuesses - checked) * retryAfterS * 1000;
    console.log(
      `[access] 6-digit admin PIN from 100 addresses: ${checked} guesses checked before the hub-wide lock, then 1 per ${retryAfterS} s → expected ${(expectedMs / YEAR_MS).toFixed(2)} years`,
    );
    expect(expectedMs).toBeGreaterThan(YEAR_MS);

    const alerts = (await hub.get('/api/alerts', admin)).body as { kind: string; audience: string }[];
    expect(alerts).toContainEqual(expect.objectContaining({ kind: 'access_attempts', audience: 'manager' }));
  });
});

describe('pairing codes', () => {
  it('hold past their lifetime against 100 addresses, and every attempt is audited', async () => {
    const made = await hub.post('/api/devices/pairing-codes', { name: 'new kiosk', role: 'kiosk', idempotencyKey: key() }, admin);
    expect(made.status).toBe(201);
    const code = made.body.code as string;
    const lifetimeMs = Date.parse(made.body.expiresAt) - Date.now();
    const wrong = (i: number): string => String((Number(code) + 1 + i) % 100_000_000).padStart(8, '0');
    const { checked, retryAfterS } = await sprayUntilRefused((from, i) => postFrom(from, `${hub.url}/api/devices/pair`, { code: wrong(i) }), 401);
    expect((await postFrom(lanHost(251), `${hub.url}/api/devices/pair`, { code })).status).toBe(429);
    const expectedMs = (100_000_000 / 2 - checked) * retryAfterS * 1000;
    console.log(
      `[access] 8-digit pairing code from 100 addresses: ${checked} guesses checked, then 1 per ${retryAfterS} s → expected ${(expectedMs / YEAR_MS).toFixed(1)} years (code lives ${Math.round(lifetimeMs / 60_000)} min)`,
    );
    expect(expectedMs).toBeGreaterThan(lifetimeMs);
    const actions = (await audit()).map((a) => a.action);
    expect(actions).toContain('device.pair-failed');
    expect(actions).toContain('device.pair-refused');
  });
});
