/**
 * Issue #14 item 2: every page driven through its error paths in zh-CN shows a short polite
 * Chinese sentence (mapped from the hub's stable error code), with form errors next to their
 * field — never a field path, "expected", "Invalid input", "Bearer" or English. Screenshots
 * in test-artifacts/usability/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, scanInto, screenshot } from '../helpers/browser.ts';
import type { HubProcess } from '../helpers/hub-process.ts';
import { addVehicles, busyHub, developerText, issueTickets, key } from './fixtures.ts';

let hub: HubProcess;
let browser: Browser;
let admin: string;

beforeAll(async () => {
  hub = await busyHub(60);
  admin = await hub.login();
  const kiosk = await hub.enrol(admin, 'kiosk', '大厅取号机');
  await hub.post('/api/staff', { name: '李娜', role: 'advisor', pin: '2580', idempotencyKey: key() }, admin);
  await hub.post('/api/staff', { name: '王工', role: 'workshop', pin: '3690', idempotencyKey: key() }, admin);
  await hub.post('/api/staff', { name: '赵经理', role: 'manager', pin: '471100', idempotencyKey: key() }, admin);
  await issueTickets(hub, kiosk, 6);
  await addVehicles(hub, admin, 3);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

async function open(path: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (err) => console.error(`${path} page error:`, err));
  await page.goto(hub.url + path);
  return page;
}

async function login(path: string, pin: string): Promise<Page> {
  const page = await open(path);
  await page.locator('input[name="pin"]').fill(pin);
  await page.getByRole('button', { name: '登录' }).click();
  return page;
}

/** Everything the person can read on the page now, checked for developer text. */
async function expectHumanText(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  expect(lines.flatMap((l) => developerText(l))).toEqual([]);
}

describe('human sentences on every page (zh-CN)', () => {
  it('kiosk: an unknown appointment code', async () => {
    const page = await open('/kiosk', { width: 1080, height: 1920 });
    await page.getByRole('heading', { name: '请选择服务项目' }).waitFor();
    await scanInto(page, 'ZZZZ9999');
    await expect.poll(() => page.locator('.scan-hint').textContent()).toBe('没有找到这个预约，请核对预约码，或直接选择服务项目取号');
    await expectHumanText(page);
    await screenshot(page, 'usability', 'errors-kiosk-unknown-appointment');

    // An unknown plate in the survey is answered exactly like a known one (it must not reveal
    // whether a plate visited: test/access-station.test.ts), so there is no error to show here.
    await page.close();
  });

  it('desk: a chosen call without a reason and a job without a model say so next to the field', async () => {
    const page = await login('/desk', '2580');
    await page.locator('[data-counter="2"]').click();
    await page.getByTestId('waiting-list').locator('li').first().locator('button').click();
    await page.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.locator('[data-field-error="reason"]').textContent()).toMatch(/^(请填写原因|原因填写有误，请检查)$/);
    await expectHumanText(page);
    await screenshot(page, 'usability', 'errors-desk-reason');
    await page.locator('input[name="reason"]').fill('客户已在柜台');
    expect(await page.locator('[data-field-error="reason"]').count()).toBe(0); // cleared when fixed
    await page.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.getByTestId('called-number').textContent()).not.toBe('—');

    await page.locator('[data-action="create-job"]').click();
    await page.locator('.dialog input[name="plate"]').fill('粤B77777');
    await page.locator('.dialog input[name="surname"]').fill('王');
    await page.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.locator('[data-field-error="model"]').textContent()).toBe('请填写车型');
    await expectHumanText(page);
    await screenshot(page, 'usability', 'errors-desk-job-model');
    await page.locator('.dialog').getByRole('button', { name: '关闭' }).click();

    // The counter is paused elsewhere; the advisor presses Space anyway.
    await hub.post('/api/counters/2/state', { state: 'paused', reason: 'break', idempotencyKey: key() }, admin);
    await page.locator('[data-action="start"]').click();
    await page.locator('[data-action="finish"]').click();
    await expect.poll(() => page.getByTestId('called-number').textContent()).toBe('—');
    // The finish's own reply may still be on its way (its event can arrive first); a key pressed
    // meanwhile is ignored by design, so wait until the desk is idle, as the advisor would.
    await page.locator('.held-panel[aria-busy="false"]').waitFor();
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('.message.error').textContent()).toBe('服务台未开放，请先点“开放”');
    await expectHumanText(page);
    await page.close();
  });

  it('workshop: no URL hint in the header, an unknown job card says the job does not exist', async () => {
    const page = await login('/workshop?station=qc', '3690');
    await page.locator('.job-card').first().waitFor();
    await scanInto(page, 'J000999');
    await expect.poll(() => page.locator('.message').textContent()).toBe('工单 J000999 不存在，请核对工单卡');
    await expectHumanText(page);
    await screenshot(page, 'usability', 'errors-workshop-unknown-card');
    await page.close();
    const plain = await login('/workshop', '3690');
    await plain.locator('.job-card').first().waitFor();
    expect(await plain.locator('header').innerText()).not.toContain('station');
    await expectHumanText(plain);
    await plain.close();
  });

  it('manager: a bad setting is named next to its field; roles are in Chinese', async () => {
    const page = await login('/manager', '471100');
    await page.getByRole('button', { name: '设置' }).click();
    await page.locator('input[name="alerts.greetingLimitSeconds"]').fill('5');
    await page.locator('.settings button[type="submit"], .settings .primary-button').first().click();
    await expect
      .poll(() => page.locator('.settings .message, .save-row .message').filter({ hasText: '设置有误' }).first().textContent())
      .toBe('设置有误，请检查标红的项目');
    await expect.poll(() => page.locator('input[name="alerts.greetingLimitSeconds"]').getAttribute('aria-invalid')).toBe('true');
    await expectHumanText(page);
    await screenshot(page, 'usability', 'errors-manager-settings');
    await page.getByRole('button', { name: '设备' }).click();
    await page.getByTestId('devices-table').locator('tr').first().waitFor();
    const roles = await page.getByTestId('devices-table').locator('td:nth-child(2)').allInnerTexts();
    expect(roles).toContain('取号机');
    expect(roles.filter((r) => /[A-Za-z]/.test(r))).toEqual([]);
    await expectHumanText(page);
    await page.close();
  });

  it('login: a wrong PIN', async () => {
    const page = await login('/desk', '0000');
    await expect.poll(() => page.locator('.pin-login .error').textContent()).toBe('PIN 码不正确');
    await expectHumanText(page);
    await page.close();
  });
});
