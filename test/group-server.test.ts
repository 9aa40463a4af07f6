/**
 * Issue #18 §2: the group server over a real PostgreSQL — login, the per-store and total
 * figures (equal to each store's own), CSV, the page; and a real hub process shipping to it,
 * killed with SIGKILL while it ships and restarted.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateGroup } from '../group/src/schema.ts';
import { createGroupServer } from '../group/src/server.ts';
import { testHub } from '../hub/src/store/test-support.ts';
import { busyHours, drain, pool, shipperFor, waitFor } from './helpers/group-scenario.ts';
import { launchChromium, screenshot } from './helpers/browser.ts';
import { DEFAULT_ADMIN_PIN, HubProcess } from './helpers/hub-process.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';

const DAY = '2026-11-24';
const TOKEN = 'group-admin-token-0123456789';
const LAN_NAME = 'reports.group.lan';
let pgServer: TestPostgres;
let db: pg.Pool;
let server: ReturnType<typeof createGroupServer>;

beforeAll(async () => {
  pgServer = await startPostgres();
  db = pool(pgServer.url);
  await migrateGroup(db);
  server = createGroupServer(db, { adminToken: TOKEN });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await db?.end();
  pgServer?.destroy();
});

const auth = { authorization: `Bearer ${TOKEN}` };

describe('group server', () => {
  it('answers the admin only, checks the range, and reports each store as the store itself does', async () => {
    const hubs = [testHub(), testHub(), testHub()];
    hubs.forEach((h, i) => busyHours(h, 12 + i * 4, 20 + i));
    for (const [i, h] of hubs.entries()) {
      const s = shipperFor(h, pgServer.url, `store-${i + 1}`);
      await drain(s);
      await s.stop();
    }

    expect((await server.inject({ method: 'GET', url: `/api/group/stats?from=${DAY}&to=${DAY}` })).statusCode).toBe(401);
    expect(
      (await server.inject({ method: 'GET', url: `/api/group/stats?from=${DAY}&to=${DAY}`, headers: { authorization: 'Bearer wrong-token-0123456789' } }))
        .statusCode,
    ).toBe(401);
    expect((await server.inject({ method: 'POST', url: '/api/group/login', headers: auth })).json()).toEqual({ ok: true });
    const bad = await server.inject({ method: 'GET', url: `/api/group/stats?from=${DAY}&to=2026-11-01`, headers: auth });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('to');
    expect((await server.inject({ method: 'GET', url: `/api/group/stats?from=24.11.2026&to=${DAY}`, headers: auth })).statusCode).toBe(400);

    const res = await server.inject({ method: 'GET', url: `/api/group/stats?from=2026-11-23&to=2026-11-25`, headers: auth });
    expect(res.statusCode).toBe(200);
    const stats = res.json();
    expect(stats.stores.map((s: { storeId: string }) => s.storeId)).toEqual(['store-1', 'store-2', 'store-3']);
    for (const [i, h] of hubs.entries()) {
      const own = h.store.rangeStats('2026-11-23', '2026-11-25').total;
      const group = stats.stores[i];
      expect({
        issued: group.issued,
        called: group.called,
        noShows: group.noShows,
        waitP50Seconds: group.waitP50Seconds,
        waitP90Seconds: group.waitP90Seconds,
        greetingRate: group.greetingRate,
        onTimeDelivery: group.onTimeDelivery,
        satisfaction: group.satisfaction,
        byService: group.byService,
      }).toEqual({
        issued: own.issued,
        called: own.called,
        noShows: own.noShows,
        waitP50Seconds: own.waitP50Seconds,
        waitP90Seconds: own.waitP90Seconds,
        greetingRate: own.greetingRate,
        onTimeDelivery: own.onTimeDelivery,
        satisfaction: own.satisfaction,
        byService: own.byService,
      });
    }
    // The total is over every ticket of every store (its percentiles too, not an average of them).
    const all = hubs.map((h) => h.store.dayStats(DAY));
    expect(stats.total.issued).toBe(all.reduce((n, d) => n + d.issued, 0));
    expect(stats.total.greeting.counted).toBe(all.reduce((n, d) => n + d.greeting.counted, 0));
    expect(stats.total.waitP90Seconds).toBeGreaterThanOrEqual(Math.min(...all.map((d) => d.waitP90Seconds!)));
    expect(stats.total.waitP90Seconds).toBeLessThanOrEqual(Math.max(...all.map((d) => d.waitP90Seconds!)));

    const csv = await server.inject({ method: 'GET', url: `/api/group/stats.csv?from=${DAY}&to=${DAY}`, headers: auth });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'store,issued,called,served,no_shows,wait_p50_s,wait_p90_s,greeting_rate,on_time_delivery_rate,delivered,appointment_share,appointment_no_shows,satisfaction_overall,survey_responses',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2))).toEqual([
      ['store-1', String(all[0]!.issued)],
      ['store-2', String(all[1]!.issued)],
      ['store-3', String(all[2]!.issued)],
      ['total', String(stats.total.issued)],
    ]);

    const page = await server.inject({ method: 'GET', url: '/group' });
    expect(page.body).toContain('<html lang="zh-CN">');
    expect(page.body).toMatch(/<script type="module"[^>]* src="\/assets\/group-[\w-]+\.js"/);
  });

  it('the /group page: a person logs in with the token, picks dates and reads every store side by side, in charts and a table (zh-CN)', async () => {
    // The stores shipped by the first test; what the page shows is checked against the API.
    const expected = (await server.inject({ method: 'GET', url: '/api/group/stats?from=2026-11-23&to=2026-11-25', headers: auth })).json();
    expect(expected.stores.length).toBe(3);
    await server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.server.address() as { port: number };
    const browser = await launchChromium({ lanName: LAN_NAME });
    try {
      for (const [width, height] of [
        [1366, 768],
        [1920, 1080],
      ] as const) {
        const page = await browser.newPage({ viewport: { width, height }, locale: 'zh-CN' });
        await page.goto(`http://${LAN_NAME}:${port}/group`);
        await expect.poll(() => page.title()).toBe('集团服务报表');
        await page.getByLabel('管理员令牌').fill('not-the-token-0123456789');
        await page.getByRole('button', { name: '登录' }).click();
        await expect.poll(() => page.getByRole('alert').textContent()).toBe('令牌不正确，请核对后重新输入。');
        await screenshot(page, 'group', `login-wrong-token-${width}x${height}`);

        await page.getByLabel('管理员令牌').fill(TOKEN);
        await page.getByRole('button', { name: '登录' }).click();
        await page.getByLabel('开始日期').fill('2026-11-23');
        await page.getByLabel('结束日期').fill('2026-11-25');
        await page.getByRole('button', { name: '查询' }).click();
        const summary = page.getByTestId('summary');
        await expect.poll(() => summary.textContent()).toBe(`2026-11-23 至 2026-11-25，3 家门店，共发券 ${expected.total.issued} 张`);

        // The table: a row per store and the total, every figure as the API gives it.
        const rows = await page
          .getByRole('table', { name: '各门店指标' })
          .locator('tbody tr')
          .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
        expect(rows.map((r) => r.slice(0, 3))).toEqual([
          ...expected.stores.map((s: { storeId: string; issued: number; called: number }) => [s.storeId, String(s.issued), String(s.called)]),
          ['合计', String(expected.total.issued), String(expected.total.called)],
        ]);
        expect(rows[0]![7]).toBe(`${(expected.stores[0].greetingRate * 100).toFixed(1)}%`);
        const headers = await page.getByRole('table').locator('thead th').allTextContents();
        expect(headers.slice(0, 8)).toEqual(['指标', '发券数', '已叫号', '已服务', '过号', '等候中位数', '等候 P90', '及时接待率']);

        // Both charts are drawn (coloured pixels on their canvases) and side by side on screen.
        for (const id of ['chart-stores', 'chart-days']) {
          const inked = await page
            .getByTestId(id)
            .locator('canvas')
            .evaluate((c: HTMLCanvasElement) => {
              const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
              let n = 0;
              for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
              return n;
            });
          expect(inked, id).toBeGreaterThan(2000);
        }
        const [a, b] = [await page.getByTestId('chart-stores').boundingBox(), await page.getByTestId('chart-days').boundingBox()];
        expect(a!.y).toBe(b!.y);
        expect(a!.x + a!.width).toBeLessThan(b!.x);
        expect(await page.getByRole('heading', { name: '每日走势（全部门店）' }).isVisible()).toBe(true);
        // Nothing wider than the window.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await screenshot(page, 'group', `report-${width}x${height}`);
        await page.getByRole('table').scrollIntoViewIfNeeded();
        await screenshot(page, 'group', `report-table-${width}x${height}`);

        // Dates the wrong way round: a sentence saying what to do, no figures.
        await page.getByLabel('开始日期').fill('2026-11-25');
        await page.getByLabel('结束日期').fill('2026-11-01');
        await page.getByRole('button', { name: '查询' }).click();
        await expect.poll(() => page.getByRole('alert').textContent()).toBe('日期范围无效：结束日期须不早于开始日期，且相隔不超过 366 天。');
        expect(await summary.count()).toBe(0);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }, 90_000);

  it('a real hub process ships with GROUP_DATABASE_URL and STORE_ID, shows it in /api/health, and after a SIGKILL and restart every event is in the group once', async () => {
    const hub = new HubProcess({ env: { GROUP_DATABASE_URL: pgServer.url, STORE_ID: 'store-live' } });
    try {
      await hub.start();
      const admin = await hub.login();
      const kiosk = await hub.enrol(admin, 'kiosk');
      let n = 0;
      const issue = async (count: number): Promise<void> => {
        for (let i = 0; i < count; i++) {
          const r = await hub.post('/api/tickets', { service: 'maintenance', plate: '粤B12345', idempotencyKey: `group-live-${++n}` }, kiosk);
          expect(r.status, JSON.stringify(r.body)).toBe(201);
        }
      };
      await issue(20);
      // Killed with no warning while it ships (whether a batch was in flight is up to timing).
      await hub.kill();
      await hub.start();
      await issue(10);
      const health = async () => (await hub.get('/api/health')).body;
      await waitFor(async () => {
        const h = await health();
        return h.group?.lag === 0 && h.group.shippedSeq === h.seq;
      }, 'the hub to catch up');
      const h = await health();
      expect(h.group).toMatchObject({ storeId: 'store-live', lastError: null, lag: 0 });
      const counts = await db.query<{ rows: number; distinct: number; issued: number }>(
        `SELECT COUNT(*)::int AS rows, COUNT(DISTINCT seq)::int AS distinct, (COUNT(*) FILTER (WHERE type = 'ticket.issued'))::int AS issued
         FROM events WHERE store_id = 'store-live'`,
      );
      expect(counts.rows[0]).toEqual({ rows: h.seq, distinct: h.seq, issued: 30 });

      // The manager console shows it, in its settings.
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
        await page.goto(`${hub.url}/manager`);
        await page.locator('input[name="pin"]').fill(DEFAULT_ADMIN_PIN);
        await page.getByRole('button', { name: '登录' }).click();
        await page.locator('[data-tab="settings"]').click();
        const line = page.locator('[data-testid="group-shipping"]');
        await line.waitFor();
        // Logging in is itself an event, which may not be shipped yet when the page asks.
        const shown = /^集团数据同步（门店 store-live）：已同步至第 (\d+) 条，待同步 (\d+) 条。$/.exec((await line.textContent()) ?? '');
        expect(shown).not.toBeNull();
        expect(Number(shown![1])).toBeGreaterThanOrEqual(h.seq);
        expect(Number(shown![1]) + Number(shown![2])).toBeLessThanOrEqual((await health()).seq);
        await screenshot(page, 'group', 'manager-settings-shipping');
      } finally {
        await browser.close();
      }
    } finally {
      await hub.stop();
    }
  }, 60_000);
});
