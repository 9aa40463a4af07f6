/**
 * Issue #14 item 6 and #21: the manager edits the store's settings in Chinese, in tables with
 * headers — services with the minutes the wait estimates use (the hub's learned figure beside
 * the manager's own), which counter serves which service, stage times, the lounge display's
 * language and ticker — and a problem is shown on the very cell it belongs to, with nothing
 * saved. Opened from a LAN host name, as a manager's PC on the store network does.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../helpers/browser.ts';
import { HubProcess } from '../helpers/hub-process.ts';
import { developerText, key } from './fixtures.ts';

const LAN_NAME = 'manager-pc.store.lan';
let hub: HubProcess;
let browser: Browser;
let admin: string;

beforeAll(async () => {
  hub = new HubProcess({ entry: 'all-in-one', env: { HUB_ALLOWED_HOSTS: LAN_NAME } });
  await hub.start();
  admin = await hub.login();
  await hub.post('/api/staff', { name: '赵经理', role: 'manager', pin: '471100', idempotencyKey: key() }, admin);
  browser = await launchChromium({ lanName: LAN_NAME });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

async function openSettings(viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (err) => console.error('manager page error:', err));
  await page.goto(`http://${LAN_NAME}:${hub.port}/manager`);
  await page.locator('input[name="pin"]').fill('471100');
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('[data-tab="settings"]').click();
  await page.getByTestId('services-table').waitFor();
  return page;
}

describe('manager settings', () => {
  it('every table has headers, each service shows what the estimates use, and nothing is in developer language', async () => {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      const page = await openSettings(viewport);
      for (const table of await page.locator('.settings table').all()) {
        expect(await table.locator('thead th').count()).toBeGreaterThan(0);
      }
      const headers = await page.getByTestId('services-table').locator('thead th').allInnerTexts();
      expect(headers).toEqual(expect.arrayContaining(['号码字母', '业务代码', '优先处理', '办理时长（分钟）']));
      expect(await page.getByTestId('counters-table').locator('thead th').allInnerTexts()).toContain('办理业务');
      expect(await page.getByTestId('stages-table').locator('thead th').allInnerTexts()).toEqual(
        expect.arrayContaining(['接车预检', '维修中', '质检', '待交车']),
      );
      // A new store has no history yet: the default is named, not a blank.
      expect(await page.getByTestId('learned-maintenance').textContent()).toBe('暂无记录，按 8 分钟估算');
      // Nothing cut off at the side: every table fits its section without a sideways scroll.
      for (const section of await page.locator('.settings fieldset').all()) {
        expect(await section.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const text = (await page.locator('body').innerText()).split('\n').map((l) => l.trim());
      expect(text.flatMap((l) => developerText(l))).toEqual([]);
      await screenshot(page, 'usability', `manager-settings-${viewport.width}x${viewport.height}`);
      await page.close();
    }
  });

  it('maps counters to services, sets a service time, the display language and a ticker notice', async () => {
    const page = await openSettings({ width: 1366, height: 768 });
    // Counter 2 serves only pickups.
    await page.getByTestId('counter-services-2').getByLabel('取车').check();
    await page.locator('input[name="queue.serviceMinutes.maintenance"]').fill('12');
    await page.locator('select[name="display.language"]').selectOption('en');
    await page.locator('input[name="stageMinutes.qc"]').fill('25');
    await page.locator('[data-action="add-notice"]').click();
    const rows = page.getByTestId('notices-table').locator('tbody tr');
    const last = rows.nth((await rows.count()) - 1);
    await last.locator('input').nth(0).fill('今日洗车免费');
    await last.locator('input').nth(1).fill('今日洗車免費');
    await last.locator('input').nth(2).fill('Free car wash today');
    await page.locator('[data-action="save-settings"]').click();
    await expect.poll(() => page.locator('.save-row .message').textContent()).toBe('设置已保存');

    const settings = (await hub.get('/api/settings', admin)).body;
    expect(settings.counters[1].services).toEqual(['pickup']);
    expect(settings.queue.serviceMinutes).toEqual({ maintenance: 12 });
    expect(settings.stageMinutes.qc).toBe(25);
    expect(settings.display.language).toBe('en');
    expect(settings.display.notices.at(-1)).toEqual({ 'zh-CN': '今日洗车免费', 'zh-TW': '今日洗車免費', en: 'Free car wash today' });
    // The wait estimates use the manager's figure from now on.
    const durations = (await hub.get('/api/service-durations', admin)).body as { service: string; usedMinutes: number }[];
    expect(durations.find((d) => d.service === 'maintenance')!.usedMinutes).toBe(12);
    await page.close();
  });

  it('a problem shows on its own cell in Chinese and nothing is saved', async () => {
    const before = (await hub.get('/api/settings', admin)).body;
    const page = await openSettings({ width: 1366, height: 768 });
    // The second service takes the first one's letter.
    const originalLetter = await page.locator('input[name="services.1.prefix"]').inputValue();
    await page.locator('input[name="services.1.prefix"]').fill(before.services[0].prefix);
    await page.locator('[data-action="save-settings"]').click();
    await page.getByRole('alertdialog').getByRole('button', { name: '确定保存' }).click(); // a letter change renumbers: asked first
    await expect.poll(() => page.locator('.save-row .message').textContent()).toBe('设置有误，请检查标红的项目');
    expect(await page.locator('input[name="services.1.prefix"]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('input[name="services.0.prefix"]').getAttribute('aria-invalid')).toBe('false');
    const row = page.getByTestId('services-table').locator('tbody tr').nth(1);
    expect(await row.locator('.field-error').textContent()).toBe('号码字母与其他行重复，请换一个');
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'usability', 'manager-settings-problems');
    // Put back, then a stage time in words.
    await page.locator('input[name="services.1.prefix"]').fill(originalLetter);
    expect(await page.locator('input[name="services.1.prefix"]').getAttribute('aria-invalid')).toBe('false');
    await page.locator('input[name="stageMinutes.repair"]').fill('两小时');
    await page.locator('[data-action="save-settings"]').click();
    await expect.poll(() => page.locator('input[name="stageMinutes.repair"]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('stages-table').locator('.field-error').textContent()).toBe('“维修中”标准时长填写有误，请检查');
    expect((await hub.get('/api/settings', admin)).body).toEqual(before);
    await page.close();
  });
});
