/**
 * Issue #16 §1 in the browser: an advisor books at the desk for tomorrow. The chart shows each
 * 30-minute slot's load; a full slot is refused with a polite sentence and the nearest
 * least-loaded slots are proposed; a proposal books; the booking is moved and another cancelled.
 * 1366x768 from a LAN host name; screenshots in test-artifacts/drive/.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { DEFAULT_STORE_INPUT } from '../../shared/src/services.ts';
import { businessDay } from '../../shared/src/time.ts';
import { CHROMIUM, screenshot } from '../helpers/browser.ts';
import { HubProcess } from '../helpers/hub-process.ts';
import { developerText, key } from './fixtures.ts';

const LAN_NAME = 'hub.store.lan';
let hub: HubProcess;
let browser: Browser;
let admin: string;
let page: Page;
const tomorrow = businessDay(new Date(Date.now() + 86_400_000), 'Asia/Shanghai', '08:00');
const at = (hhmm: string): string => new Date(`${tomorrow}T${hhmm}:00+08:00`).toISOString();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'drive-booking-'));
  const config = join(dir, 'store.json');
  writeFileSync(config, JSON.stringify({ ...DEFAULT_STORE_INPUT, appointments: { slotCapacity: { maintenance: 2 }, firstSlot: '08:30', lastSlot: '12:00' } }));
  hub = new HubProcess({ entry: 'all-in-one', env: { HUB_ALLOWED_HOSTS: LAN_NAME, STORE_CONFIG: config } });
  await hub.start();
  admin = await hub.login();
  await hub.post('/api/staff', { name: '李娜', role: 'advisor', pin: '2580', idempotencyKey: key() }, admin);
  await hub.post('/api/staff', { name: '赵经理', role: 'manager', pin: '471100', idempotencyKey: key() }, admin);
  for (const [time, plate] of [
    ['10:00', '粤B70001'],
    ['10:10', '粤B70002'],
    ['10:30', '粤B70003'],
  ] as const) {
    const booked = await hub.post('/api/appointments', { service: 'maintenance', scheduledAt: at(time), plate, idempotencyKey: key() }, admin);
    expect(booked.status).toBe(201);
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', `--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1`],
  });
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on('pageerror', (err) => console.error('desk page error:', err));
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

const bar = (hhmm: string) => page.locator(`[data-testid="slot-chart"] [data-slot="${hhmm}"]`);
const status = () => page.getByTestId('appointment-book').getByRole('status');

describe('booking at the desk', () => {
  it('shows the day as a chart, refuses the full slot politely and proposes the nearest least-loaded ones', async () => {
    await page.goto(`http://${LAN_NAME}:${hub.port}/desk`);
    await page.locator('input[name="pin"]').fill('2580');
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('[data-counter="1"]').click();
    await page.locator('[data-action="appointments"]').click();
    await page.locator('input[name="day"]').fill(tomorrow);
    await expect.poll(() => bar('10:00').getAttribute('data-state')).toBe('full');
    expect(await page.locator('[data-testid="slot-chart"] [data-slot]').count()).toBe(8); // 08:30 … 12:00
    expect(await bar('10:00').textContent()).toContain('2/2');
    expect(await bar('10:30').getAttribute('data-state')).toBe('busy');

    // Typed straight into the full slot: refused, with proposals.
    await page.locator('input[name="time"]').fill('10:00');
    await page.locator('input[name="plate"]').fill('粤B70009');
    await page.locator('[data-action="book"]').click();
    await expect.poll(() => status().textContent()).toBe('这个时段已约满，请选择下方推荐的时段');
    const proposals = page.getByTestId('proposals');
    await expect.poll(() => proposals.locator('[data-proposal]').allTextContents()).toEqual(['09:00', '09:30', '10:30']);
    await screenshot(page, 'drive', 'booking-full-slot-proposals-1366x768');
    expect(developerText((await page.getByTestId('appointment-book').textContent()) ?? '')).toEqual([]);
  });

  it('books a proposed slot with plate, name and note, then moves it and cancels another', async () => {
    await page.getByTestId('proposals').locator('[data-proposal="09:30"]').click();
    expect(await page.locator('input[name="time"]').inputValue()).toBe('09:30');
    await page.locator('input[name="customerName"]').fill('周先生');
    await page.locator('input[name="note"]').fill('保养后洗车');
    // The customer leaves a phone, agrees to the confirmation and reminder, and reads English.
    await page.locator('input[name="phone"]').fill('13812345678');
    await page.locator('input[name="notifyConsent"]').check();
    await page.locator('select[name="language"]').selectOption('en');
    await page.locator('[data-action="book"]').click();
    await expect.poll(() => status().textContent()).toMatch(/^已预约：粤B70009 09:30（预约码 [0-9A-F]{10}）$/);
    await expect.poll(() => bar('09:30').textContent()).toContain('1/2');
    expect(await page.locator('input[name="notifyConsent"]').isChecked()).toBe(false);
    const booked = (
      (await hub.get(`/api/appointments?date=${tomorrow}`, admin)).body as { plate: string; scheduledAt: string; note: string; customerName: string }[]
    ).find((a) => a.plate === '粤B70009');
    expect(booked).toMatchObject({
      scheduledAt: at('09:30'),
      note: '保养后洗车',
      customerName: '周先生',
      phone: '13812345678',
      notifyConsentAt: expect.any(String),
      language: 'en',
    });
    await screenshot(page, 'drive', 'booking-desk-1366x768');

    const row = page.locator('[data-testid="appointment-list"] li', { hasText: '粤B70009' });
    await row.locator('[data-action="move"]').click();
    await bar('11:00').click();
    await expect.poll(() => status().textContent()).toBe('已改到 11:00');
    await expect.poll(() => bar('11:00').textContent()).toContain('1/2');

    await page.locator('[data-testid="appointment-list"] li', { hasText: '粤B70001' }).locator('[data-action="cancel"]').click();
    await expect.poll(() => bar('10:00').getAttribute('data-state')).toBe('busy');
    expect(await page.locator('[data-testid="appointment-list"] li', { hasText: '粤B70001' }).textContent()).toContain('已取消');
  });
});

describe('the manager imports a DMS export and sets capacities', () => {
  it('previews a GB18030 file with a polite sentence per bad row, imports the good ones, and refuses nothing twice', async () => {
    const manager = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    manager.on('pageerror', (err) => console.error('manager page error:', err));
    await manager.goto(`http://${LAN_NAME}:${hub.port}/manager`);
    await manager.locator('input[name="pin"]').fill('471100');
    await manager.getByRole('button', { name: '登录' }).click();
    await manager.locator('[data-tab="appointments"]').click();
    const file = [
      '预约单号,预约时间,服务类型,车牌号,客户姓名,联系电话,备注',
      `DMS0001,${tomorrow} 08:30,保养,粤B80001,张先生,13800138001,"换机油,检查刹车"`,
      `DMS0002,${tomorrow} 09:00,维修,粤B80002,李女士,,异响`,
      `DMS0003,${tomorrow} 25:00,保养,粤B80003,王先生,,`,
      `DMS0004,${tomorrow} 11:00,保养,ABC,赵先生,,`,
    ].join('\r\n');
    const upload = { name: 'dms.csv', mimeType: 'text/csv', buffer: iconv.encode(file, 'gb18030') };
    await manager.locator('input[name="csv"]').setInputFiles(upload);
    const rows = manager.getByTestId('import-rows').locator('li');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await manager.getByTestId('import-errors').locator('li').allTextContents()).toEqual([
      '第 4 行 · 预约时间填写有误，请检查',
      '第 5 行 · 车牌号格式不正确，例如 粤B12345',
    ]);
    await manager.locator('[data-action="import"]').click();
    await expect.poll(() => manager.getByTestId('import').getByRole('status').textContent()).toBe('已导入 2 条，重复 0 条，错误 2 条');
    await screenshot(manager, 'drive', 'manager-import-1366x768');

    // The same file again: nothing new.
    await manager.locator('input[name="csv"]').setInputFiles(upload);
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('重复，跳过'), expect.stringContaining('重复，跳过')]);
    expect(await manager.locator('[data-action="import"]').count()).toBe(0);
    const imported = (await hub.get(`/api/appointments?date=${tomorrow}`, admin)).body as { code: string }[];
    expect(imported.filter((a) => a.code.startsWith('DMS')).map((a) => a.code)).toEqual(['DMS0001', 'DMS0002']);

    // Today's load per hour against capacity, as the hub counts it (issue #16 §1 figures).
    const figures = (await hub.get('/api/appointments/figures', admin)).body as { loadByHour: { hour: string; booked: number; capacity: number }[] };
    expect(figures.loadByHour.length).toBeGreaterThan(0);
    const load = manager.getByTestId('load-by-hour');
    expect(await load.locator('th').allTextContents()).toEqual(['时段', '已约', '可约']);
    await expect.poll(() => load.locator('tbody tr').count()).toBe(figures.loadByHour.length);
    const first = figures.loadByHour[0]!;
    expect(await load.locator('tbody tr').first().locator('td').allTextContents()).toEqual([`${first.hour}:00`, String(first.booked), String(first.capacity)]);

    // Capacity 3 for maintenance: the chart says so and the 10:00 slot has room again.
    await manager.locator('input[name="capacity-maintenance"]').fill('3');
    await manager.locator('[data-action="save-capacity"]').click();
    await expect.poll(() => manager.getByTestId('capacity').getByRole('status').textContent()).toBe('设置已保存');
    const slots = (await hub.get(`/api/appointments/slots?date=${tomorrow}&service=maintenance`, admin)).body as { slots: { capacity: number }[] };
    expect(slots.slots[0]!.capacity).toBe(3);
    expect(developerText((await manager.getByTestId('appointments-tab').textContent()) ?? '')).toEqual([]);
    await manager.close();
  });
});
