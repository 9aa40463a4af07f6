/**
 * Issue #12 item 5: pages work from a LAN host name, stay current, and refuse foreign hosts.
 * Chromium resolves `hub.store.lan` to 127.0.0.1 (--host-resolver-rules), so the page runs at
 * a non-localhost http origin — not a secure context, exactly like a store PC opening the hub's
 * LAN address. Real hub process, real Chromium, real socket.io clients.
 */
import { chromium, type Browser } from 'playwright-core';
import { request as httpRequest } from 'node:http';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, screenshot } from './helpers/browser.ts';
import { startedHub, type HubProcess } from './helpers/hub-process.ts';

const LAN_NAME = 'hub.store.lan';
let hub: HubProcess;
let admin: string;
let kiosk: string;
let browser: Browser;
let n = 0;
const key = (): string => `pages-${process.pid}-${++n}`;

beforeAll(async () => {
  ({ hub, admin, kiosk } = await startedHub({ entry: 'all-in-one', env: { HUB_ALLOWED_HOSTS: LAN_NAME } }));
  await hub.staff(admin, 'advisor', '258013');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', `--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1`],
  });
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

/** A raw GET with any Host header (fetch will not send a foreign one). */
function getWithHost(path: string, host: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${hub.url}${path}`, { headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a staff page at a LAN host name', () => {
  it('logs in, writes, and shows "signed out" when the session ends elsewhere', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const lanUrl = `http://${LAN_NAME}:${hub.port}`;
    await page.goto(`${lanUrl}/desk`);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    const ticket = (await hub.post('/api/tickets', { service: 'maintenance', idempotencyKey: key() }, kiosk)).body as { number: string };
    await page.locator('input[name="pin"]').fill('258013');
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('[data-counter="1"]').click();
    await page.locator('[data-action="call-next"]').click();
    await expect.poll(() => page.getByTestId('called-number').textContent()).toBe(ticket.number);

    const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('staff.session') ?? '{}') as { token?: string }).token);
    expect((await hub.post('/api/logout', {}, token)).status).toBe(200);
    await page.locator('[data-state="signed-out"]').waitFor({ timeout: 5000 });
    expect(await page.locator('[data-state="signed-out"]').textContent()).toContain('退出登录');
    await screenshot(page, 'access', 'signed-out-at-lan-name');
    await page.close();
  });
});

describe('caching', () => {
  it('serves HTML no-cache and hashed assets immutable', async () => {
    const html = await fetch(`${hub.url}/desk`);
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const asset = /\/assets\/[^"']+\.js/.exec(await html.text())![0];
    const script = await fetch(`${hub.url}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toMatch(/max-age=31536000/);
    expect(script.headers.get('cache-control')).toMatch(/immutable/);
  });
});

describe('hosts and origins', () => {
  it('refuses a foreign Host header (DNS rebinding) and serves its own names', async () => {
    expect((await getWithHost('/api/queue', 'evil.example')).status).toBe(421);
    expect((await getWithHost('/api/queue', `${LAN_NAME}:${hub.port}`)).status).toBe(200);
    expect((await getWithHost('/api/queue', `localhost:${hub.port}`)).status).toBe(200);
  });

  it('refuses a socket from a foreign Origin and takes one from its own', async () => {
    const connects = (origin: string): Promise<boolean> =>
      new Promise((resolve) => {
        const socket = io(hub.url, { transports: ['websocket'], reconnection: false, extraHeaders: { origin }, origin } as never);
        socket.once('connect', () => {
          socket.close();
          resolve(true);
        });
        socket.once('connect_error', () => {
          socket.close();
          resolve(false);
        });
      });
    expect(await connects('http://evil.example')).toBe(false);
    expect(await connects(`http://${LAN_NAME}:${hub.port}`)).toBe(true);
  });

  it('audits refused hosts and socket origins', async () => {
    const actions = ((await hub.get('/api/audit?limit=1000', admin)).body as { action: string }[]).map((a) => a.action);
    expect(actions).toContain('http.unknown-host');
    expect(actions).toContain('socket.refused');
  });

  it('puts CSP and nosniff on /, /api/docs and /printer', async () => {
    for (const path of ['/', '/api/docs', '/printer']) {
      const answer = await fetch(`${hub.url}${path}`);
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('content-security-policy'), path).toContain("default-src 'self'");
      expect(answer.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });
});

describe('schemas', () => {
  it('refuse NUL and lone surrogates in names and free text, and oversized device reports', async () => {
    for (const name of ['bad\u0000name', 'bad\ud800name']) {
      const staff = await hub.post('/api/staff', { name, role: 'advisor', pin: '864209', idempotencyKey: key() }, admin);
      expect(staff.status, JSON.stringify(name)).toBe(400);
    }
    const health = await hub.post(
      '/api/devices/health',
      { devices: [{ name: 'scanner', kind: 'scanner', connected: true, lastSeen: 'x'.repeat(1_000_000), errors: 0, lastError: null }] },
      kiosk,
    );
    expect([400, 413]).toContain(health.status);
  });
});
