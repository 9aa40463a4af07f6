/**
 * The lounge display and the phone tracking page in Chromium: calls announced and listed,
 * waits, the progress board paging through vehicles, each screen size screenshotted, resync
 * after a hub restart, and proof that no phone number or full plate reaches either page — not
 * in the DOM, not in any payload they receive.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STORE_INPUT } from '../shared/src/services.ts';
import { launchChromium, screenshot } from './helpers/browser.ts';
import { startedHub, type HubProcess } from './helpers/hub-process.ts';

let hub: HubProcess;
let browser: Browser;
let admin: string;
let kiosk: string;
let advisor: string;
let desk: string;
let n = 0;
const key = (): string => `display-${process.pid}-${++n}`;
const PLATES = [
  '粤B13579',
  '粤B23456',
  '粤BD34567',
  '京A45678',
  '沪C56789',
  '粤B67890',
  '粤B78901',
  '粤B89012',
  '浙A90123',
  '粤B01234',
  '苏E11223',
  '粤B33445',
];
const PHONE = '13987654321';
const models = ['凯美瑞', '雅阁', 'Model Y', '朗逸', '卡罗拉', '思域', '帕萨特', '天籁', '轩逸', '速腾', '迈腾', '汉兰达'];

/** Everything a page received as data: API answers and WebSocket frames (not its own code). */
function recordPayloads(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', (r) => {
    if (!r.url().includes('/assets/'))
      void r
        .text()
        .then((body) => seen.push(body))
        .catch(() => undefined);
  });
  page.on('websocket', (ws) => ws.on('framereceived', (f) => seen.push(String(f.payload))));
  return seen;
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'display-'));
  writeFileSync(join(dir, 'store.json'), JSON.stringify({ ...DEFAULT_STORE_INPUT, display: { ...DEFAULT_STORE_INPUT.display, pageSeconds: 3 } }));
  ({ hub, admin, kiosk } = await startedHub({ env: { STORE_CONFIG: join(dir, 'store.json') } }));
  advisor = await hub.staff(admin, 'advisor', '4321');
  // A desk device calls at any counter (an advisor holds one ticket at one counter at a time).
  desk = await hub.enrol(admin, 'desk');
  const workshop = await hub.staff(admin, 'workshop', '8765');
  // Twelve vehicles in every state the board shows.
  for (const [i, plate] of PLATES.entries()) {
    const ticket = (await hub.post('/api/tickets', { service: 'maintenance', plate, phone: PHONE, notifyConsent: true, idempotencyKey: key() }, kiosk)).body;
    const promised = new Date(Date.now() + (i === 2 ? -3_600_000 : (i + 1) * 1_800_000)).toISOString();
    const job = (
      await hub.post(
        '/api/jobs',
        {
          ticketId: ticket.id,
          plate,
          model: models[i],
          surname: '王李张刘陈杨黄赵吴周徐孙'[i],
          title: i % 2 ? '女士' : '先生',
          phone: PHONE,
          notifyConsent: true,
          services: ['maintenance'],
          promisedAt: promised,
          wash: i % 3 === 0,
          idempotencyKey: key(),
        },
        advisor,
      )
    ).body;
    const moves = i === 0 ? ['waiting', 'repair', 'qc', 'wash', 'ready'] : i === 1 ? ['waiting', 'repair'] : i < 6 ? ['waiting', 'repair'].slice(0, i % 3) : [];
    for (const to of moves) await hub.post(`/api/jobs/${job.id}/stage`, { to, idempotencyKey: key() }, workshop);
    if (i === 1) await hub.post(`/api/jobs/${job.id}/additional-work`, { note: '刹车片磨损', idempotencyKey: key() }, workshop);
  }
  // One call before any page opens, so every layout has a number to show.
  await hub.post('/api/counters/3/call-next', { idempotencyKey: key(), heldOutcome: 'served' }, desk);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('lounge display', () => {
  it('announces calls in turn, lists the last five, shows waits and the progress board', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const payloads = recordPayloads(page);
    await page.goto(`${hub.url}/display`);
    await page.getByTestId('connection').filter({ hasText: '已连接' }).waitFor();
    await page.locator('[data-plate="粤B·***79"]').waitFor();

    // Several calls arriving together are announced one after the other.
    const called: string[] = [];
    for (const counter of ['1', '2', '3']) {
      const answer = await hub.post(`/api/counters/${counter}/call-next`, { idempotencyKey: key(), heldOutcome: 'served' }, desk);
      called.push(answer.body.number);
    }
    const captions = new Set<string>();
    for (let i = 0; i < 120 && captions.size < 2; i++) {
      const text = (await page.getByTestId('caption').textContent()) ?? '';
      if (text) captions.add(text);
      await page.waitForTimeout(250);
    }
    expect([...captions][0]).toBe(`请 ${called[0]} 号到 1号服务台`);
    expect([...captions][1]).toBe(`请 ${called[1]} 号到 2号服务台`);
    await expect.poll(() => page.getByTestId('recent-calls').locator('li').count()).toBe(4);
    await screenshot(page, 'display', '1920x1080-zh-CN');

    // Board: ready, see-your-advisor and delayed highlights; paging through twelve vehicles.
    expect(await page.locator('.vehicle.ready .badge').first().textContent()).toBe('可以取车了');
    await expect.poll(() => page.locator('.board .page').textContent()).toMatch(/^第 1\/\d 页$/);
    const firstPage = await page.locator('.vehicle .plate').allTextContents();
    await expect.poll(() => page.locator('.board .page').textContent(), { timeout: 6000 }).toMatch(/^第 2\/\d 页$/);
    const secondPage = await page.locator('.vehicle .plate').allTextContents();
    expect(secondPage.some((p) => !firstPage.includes(p))).toBe(true);
    await screenshot(page, 'display', '1920x1080-page-2');
    expect(await page.locator('footer [data-service="maintenance"]').textContent()).toMatch(/保养 \d+/);

    // Privacy: nothing the page received or shows holds a full plate or a phone number.
    const everything = [...payloads, await page.content()].join('\n');
    for (const plate of PLATES) expect(everything).not.toContain(plate);
    expect(everything).not.toContain(PHONE);
    expect(everything).not.toMatch(/trackingToken/);
    await page.close();
  });

  it.each([
    [3840, 2160, 'zh-CN'],
    [1080, 1920, 'zh-CN'],
    [1920, 1080, 'en'],
    [1920, 1080, 'zh-TW'],
  ])('lays out at %i×%i in %s', async (width, height, lang) => {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(`${hub.url}/display?lang=${lang}`);
    await page.locator('.vehicle').first().waitFor();
    await page.getByTestId('now-calling-number').waitFor();
    // Nothing spills off screen: the page never scrolls.
    const overflow = await page.evaluate(() => [document.documentElement.scrollWidth - innerWidth, document.documentElement.scrollHeight - innerHeight]);
    expect(overflow).toEqual([0, 0]);
    // Every plate on one line, whole (an 8-character new-energy plate included): a plate that
    // wraps runs into the next vehicle's row.
    const plates = await page.$$eval('.vehicle .plate', (els) =>
      els.map((el) => {
        const fontSize = parseFloat(getComputedStyle(el).fontSize);
        return { text: el.textContent, oneLine: el.getBoundingClientRect().height <= fontSize * 1.6, whole: el.scrollWidth <= el.clientWidth + 1 };
      }),
    );
    expect(plates.length).toBeGreaterThan(0);
    expect(plates.filter((p) => !p.oneLine || !p.whole)).toEqual([]);
    // Legible from 5 m: the called number is at least a tenth of the screen height.
    const box = await page.getByTestId('now-calling-number').boundingBox();
    expect(box!.height).toBeGreaterThan(height / 10);
    await screenshot(page, 'display', `${width}x${height}-${lang}`);
    await page.close();
  });

  it('resyncs by itself after the hub restarts', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${hub.url}/display`);
    await page.getByTestId('connection').filter({ hasText: '已连接' }).waitFor();
    await hub.kill();
    await page.getByTestId('connection').filter({ hasText: '正在重新连接' }).waitFor();
    await hub.start();
    const fresh = (await hub.post('/api/tickets', { service: 'pickup', idempotencyKey: key() }, kiosk)).body;
    await hub.post('/api/counters/3/call', { ticketId: fresh.id, reason: 'restart test', heldOutcome: 'served', idempotencyKey: key() }, desk);
    await expect.poll(() => page.getByTestId('now-calling-number').textContent(), { timeout: 15_000 }).toBe(fresh.number);
    await page.close();
  });
});

describe('phone tracking page', () => {
  it("shows one vehicle's stages, ETA and ready notice at phone width, updating by push, and nothing private", async () => {
    const jobs = (await hub.get('/api/jobs', advisor)).body as { id: number; plate: string; trackingToken: string; stage: string }[];
    const job = jobs.find((j) => j.plate === PLATES[1])!;
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const payloads = recordPayloads(page);
    await page.goto(`${hub.url}/t/${job.trackingToken}`);
    await page.getByTestId('job-view').waitFor();
    expect(await page.locator('.notice.advisor').textContent()).toBe('请找您的服务顾问');
    expect(await page.locator('.timeline li.now .name').textContent()).toBe('维修中');
    await screenshot(page, 'track', 'job-in-repair');
    await hub.post(`/api/jobs/${job.id}/additional-work/answer`, { approved: true, idempotencyKey: key() }, advisor);
    await hub.post(`/api/jobs/${job.id}/stage`, { to: 'qc', idempotencyKey: key() }, advisor);
    await expect.poll(() => page.locator('.timeline li.now .name').textContent(), { timeout: 5000 }).toBe('质检');
    expect(await page.locator('.notice.advisor').count()).toBe(0);
    await screenshot(page, 'track', 'job-in-qc');
    const everything = [...payloads, await page.content()].join('\n');
    expect(everything).not.toContain(PLATES[1]);
    expect(everything).not.toContain(PHONE);
    // Only this vehicle: other masked plates never appear.
    expect(everything).not.toContain('粤B·***79');
    await page.close();
  });

  it('shows a ticket place in the queue before a job exists, and a clear message for an unknown code', async () => {
    const ticket = (await hub.post('/api/tickets', { service: 'enquiry', idempotencyKey: key() }, kiosk)).body;
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    await page.goto(`${hub.url}/t/${ticket.trackingToken}`);
    await expect.poll(() => page.getByTestId('ticket-view').textContent()).toContain(`您的号码 ${ticket.number}`);
    await screenshot(page, 'track', 'ticket-waiting');
    await page.goto(`${hub.url}/t/${'0'.repeat(32)}`);
    await expect.poll(() => page.locator('.missing').textContent()).toBe('未找到此二维码对应的车辆或号票');
    await page.close();
  });
});
