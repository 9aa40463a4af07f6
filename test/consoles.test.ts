/**
 * The workshop board and the manager console in Chromium, and roles holding in the UI and the
 * API. Screenshots in test-artifacts/consoles/.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, scanInto, screenshot } from './helpers/browser.ts';
import { startedHub, type HubProcess } from './helpers/hub-process.ts';

let hub: HubProcess;
let browser: Browser;
let admin: string;
let kiosk: string;
let advisor: string;
let n = 0;
const key = (): string => `consoles-${process.pid}-${++n}`;
const jobIds: number[] = [];

async function login(path: string, pin: string, viewport = { width: 1600, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  page.on('pageerror', (err) => console.error(`${path} page error:`, err));
  await page.goto(hub.url + path);
  await page.locator('input[name="pin"]').fill(pin);
  await page.getByRole('button', { name: '登录' }).click();
  return page;
}

beforeAll(async () => {
  ({ hub, admin, kiosk } = await startedHub());
  advisor = await hub.staff(admin, 'advisor', '1111');
  await hub.staff(admin, 'workshop', '2222');
  await hub.staff(admin, 'manager', '333333');
  // A morning: tickets, calls, and four cars in pre-inspection (a congestion alert).
  for (const [i, plate] of ['粤B20001', '粤B20002', '粤B20003', '粤B20004'].entries()) {
    const ticket = (await hub.post('/api/tickets', { service: i % 2 ? 'repair' : 'maintenance', plate, idempotencyKey: key() }, kiosk)).body;
    await hub.post(`/api/counters/${(i % 3) + 1}/call-next`, { idempotencyKey: key() }, advisor);
    const job = (
      await hub.post(
        '/api/jobs',
        {
          ticketId: ticket.id,
          plate,
          model: '雅阁',
          surname: '赵钱孙李'[i],
          title: '先生',
          services: ['maintenance'],
          promisedAt: new Date(Date.now() + 3_600_000).toISOString(),
          wash: i === 0,
          idempotencyKey: key(),
        },
        advisor,
      )
    ).body;
    jobIds.push(job.id);
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('workshop board', () => {
  it('moves a job by tap and by scanning its job card at a station', async () => {
    const page = await login('/workshop?station=waiting', '2222');
    await page.locator(`[data-stage="reception"] [data-job="${jobIds[0]}"]`).waitFor();
    await screenshot(page, 'consoles', 'workshop-board');
    // Tap: reception → waiting.
    await page.locator(`[data-job="${jobIds[1]}"] [data-move="waiting"]`).click();
    await page.locator(`[data-stage="waiting"] [data-job="${jobIds[1]}"]`).waitFor();
    // Scan: a job card barcode typed as a fast burst by a keyboard-wedge scanner, then Enter.
    await scanInto(page, `J${String(jobIds[2]).padStart(6, '0')}`);
    await page.locator(`[data-stage="waiting"] [data-job="${jobIds[2]}"]`).waitFor();
    expect(await page.locator('.message').textContent()).toBe('粤B20003 已移到 待派工');
    // A hostile or unknown scan changes nothing.
    await scanInto(page, 'J999999');
    await expect.poll(() => page.locator('.message').textContent()).toBe('工单 J999999 不存在，请核对工单卡');
    const jobs = (await hub.get('/api/jobs', admin)).body as { id: number; stage: string }[];
    expect(
      jobs
        .filter((j) => j.stage === 'waiting')
        .map((j) => j.id)
        .sort(),
    ).toEqual([jobIds[1], jobIds[2]].sort());
    await screenshot(page, 'consoles', 'workshop-after-moves');
    await page.close();
  });
});

describe('manager console', () => {
  it('shows and acknowledges alerts, the day with charts, a range with CSV, settings and devices', async () => {
    const page = await login('/manager', '333333');
    // The workshop test moved two cars on; two more arrive, and congestion (4 in pre-inspection) holds again.
    for (const plate of ['粤B20005', '粤B20006']) {
      await hub.post(
        '/api/jobs',
        {
          plate,
          model: '思域',
          surname: '周',
          title: '女士',
          services: ['repair'],
          promisedAt: new Date(Date.now() + 3_600_000).toISOString(),
          wash: false,
          idempotencyKey: key(),
        },
        advisor,
      );
    }
    const alert = page.locator('[data-testid="alerts"] .alert-group[data-kind="preinspection_congestion"]');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toMatch(/预检区拥堵：\d+ 辆车等候/);
    await screenshot(page, 'consoles', 'manager-alerts');
    await alert.getByRole('button', { name: '知道了' }).click();
    await expect.poll(() => alert.textContent()).toMatch(/✓/);

    await page.locator('[data-tab="today"]').click();
    await page.getByTestId('arrivals-chart').locator('canvas').waitFor();
    expect(await page.locator('.figure').first().locator('.value').textContent()).toMatch(/^\d+$/);
    await page.waitForTimeout(300);
    await screenshot(page, 'consoles', 'manager-today');

    await page.locator('[data-tab="range"]').click();
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByTestId('range-table').locator('tbody tr').count()).toBe(7);
    const download = page.waitForEvent('download');
    await page.locator('[data-action="export"]').click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    // Headers in the manager's language; the machine-readable codes in the second row.
    expect(csv.split('\r\n')[0]).toMatch(/^\ufeff日期,取号,已接待,已办结,过号,.*接待率,等候中位数.*,准时交车率/);
    expect(csv.split('\r\n')[1]).toBe(
      'date,issued,called,served,no_shows,expired,greeting_rate,wait_p50_s,wait_p90_s,on_time_delivery_rate,delivered,greeting_alerts,preinspection_incidents,' +
        'appointments_booked,appointments_arrived,appointments_on_time,appointment_no_shows,appointment_share,' +
        'complaint_cases,complaint_first_contact_median_min,complaint_close_median_min,complaint_replied_late',
    );
    expect(csv.split('\r\n')[0]).toMatch(/,预约数,预约到店,预约准时到店,预约爽约,预约率,投诉案例,投诉首次联系中位（分钟）,/);
    expect(await page.getByTestId('range-table').locator('thead th').allInnerTexts()).toEqual(expect.arrayContaining(['预约率', '预约爽约', '投诉案例']));
    expect(csv.split('\r\n').filter((l) => /^\d{4}-/.test(l))).toHaveLength(7);
    await screenshot(page, 'consoles', 'manager-range');

    await page.locator('[data-tab="settings"]').click();
    await page.locator('input[name="alerts.greetingLimitSeconds"]').fill('90');
    await page.locator('[data-action="add-counter"]').click();
    await page.locator('[data-action="save-settings"]').click();
    await expect.poll(() => page.locator('.save-row .message').textContent()).toBe('设置已保存');
    const storeAfter = (await hub.get('/api/store')).body as { counters: unknown[] };
    expect(storeAfter.counters).toHaveLength(4);
    expect((await hub.get('/api/settings', admin)).body.alerts.greetingLimitSeconds).toBe(90);
    // A bad value is refused with the field named, and nothing changes.
    await page.locator('input[name="openingTime"]').fill('25:99');
    await page.locator('[data-action="save-settings"]').click();
    // The opening time renumbers tickets: asked first.
    await page.getByRole('alertdialog').getByRole('button', { name: '确定保存' }).click();
    await expect.poll(() => page.locator('.save-row .message').textContent()).toBe('设置有误，请检查标红的项目');
    expect(await page.locator('input[name="openingTime"]').getAttribute('aria-invalid')).toBe('true');
    expect((await hub.get('/api/settings', admin)).body.openingTime).toBe('08:00');
    await screenshot(page, 'consoles', 'manager-settings');

    await page.locator('[data-tab="devices"]').click();
    await page.locator('input[name="deviceName"]').fill('大厅电视');
    await page.locator('select[name="role"]').selectOption('display');
    await page.getByRole('button', { name: '生成配对码' }).click();
    const code = /(\d{8})/.exec((await page.getByTestId('pair-code').textContent()) ?? '')![1]!;
    const paired = await hub.post('/api/devices/pair', { code });
    expect(paired.status).toBe(201);
    await page.locator('[data-tab="alerts"]').click();
    await page.locator('[data-tab="devices"]').click();
    const row = page.getByTestId('devices-table').locator('tr', { hasText: '大厅电视' });
    await row.getByRole('button', { name: '撤销' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '确定撤销' }).click(); // asked first
    await expect.poll(() => row.textContent()).toContain('已撤销');
    await screenshot(page, 'consoles', 'manager-devices');
    await page.close();
  });
});

describe('roles hold in the UI and the API', () => {
  it('an advisor cannot change settings or read the manager figures', async () => {
    const page = await login('/manager', '1111');
    await page.locator('[data-tab="settings"]').click();
    await expect.poll(() => page.locator('.manager-body').textContent()).toContain('您的账号没有这项操作的权限');
    expect((await hub.post('/api/settings', { settings: {}, idempotencyKey: key() }, advisor)).status).toBe(403);
    expect((await hub.get('/api/stats/day', advisor)).status).toBe(403);
    await page.close();
  });

  it('a logged-out browser sees only the login on every console', async () => {
    for (const path of ['/desk', '/workshop', '/manager']) {
      const page = await browser.newPage();
      await page.goto(hub.url + path);
      await page.locator('input[name="pin"]').waitFor();
      expect(await page.locator('button').count()).toBe(12); // the PIN pad and its login key, nothing else
      await page.close();
    }
  });
});
