/**
 * Issue #14 item 3: destructive actions ask first, naming the consequence, and can be undone.
 * Revoking the hub's embedded kiosk from the manager console stops ticketing (customers read a
 * polite sentence), and "恢复" brings it back without restarting the hub; a settings change that
 * renumbers tickets asks first. Screenshots in test-artifacts/usability/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../helpers/browser.ts';
import type { HubProcess } from '../helpers/hub-process.ts';
import { busyHub, developerText, key } from './fixtures.ts';

let hub: HubProcess;
let browser: Browser;
let admin: string;
let manager: Page;

beforeAll(async () => {
  hub = await busyHub(60);
  admin = await hub.login();
  await hub.post('/api/staff', { name: '赵经理', role: 'manager', pin: '471100', idempotencyKey: key() }, admin);
  browser = await launchChromium();
  manager = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await manager.goto(`${hub.url}/manager`);
  await manager.locator('input[name="pin"]').fill('135790');
  await manager.getByRole('button', { name: '登录' }).click();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

async function takeTicket(): Promise<Page> {
  const kiosk = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await kiosk.goto(`${hub.url}/kiosk`);
  await kiosk.locator('[data-service="pickup"]').click();
  await kiosk.locator('[data-action="skip"]').click();
  await kiosk.locator('[data-action="confirm"]').click();
  await kiosk.locator('[data-testid="ticket-number"], section.error').first().waitFor();
  return kiosk;
}

describe('destructive actions', () => {
  it('asks before revoking the embedded kiosk, naming the consequence, and reinstates it without a restart', async () => {
    await manager.getByRole('button', { name: '设备' }).click();
    const row = manager.getByTestId('devices-table').locator('tr', { hasText: '本机内置取号机' });
    await row.locator('[data-action="revoke"]').click();
    const dialog = manager.getByRole('alertdialog');
    await expect.poll(() => dialog.getByTestId('consequence').textContent()).toContain('这台取号机立即无法取号');
    await screenshot(manager, 'usability', 'destructive-revoke-confirm');
    // Cancel changes nothing.
    await dialog.getByRole('button', { name: '取消' }).click();
    const devices = async () => (await hub.get('/api/devices', admin)).body as { name: string; revokedAt: string | null }[];
    expect((await devices()).find((d) => d.name === 'embedded kiosk')?.revokedAt).toBeNull();

    await row.locator('[data-action="revoke"]').click();
    await manager.getByRole('alertdialog').getByRole('button', { name: '确定撤销' }).click();
    await expect.poll(async () => (await devices()).find((d) => d.name === 'embedded kiosk')?.revokedAt).not.toBeNull();

    const refused = await takeTicket();
    const sentence = await refused.locator('section.error h1').textContent();
    expect(sentence).toBe('暂时无法办理，请到前台由工作人员为您服务');
    expect(developerText(sentence!)).toEqual([]);
    await screenshot(refused, 'usability', 'destructive-kiosk-revoked');
    await refused.close();

    await row.locator('[data-action="reinstate"]').click();
    await expect.poll(() => manager.locator('.message.ok').textContent()).toContain('已恢复');
    const working = await takeTicket();
    expect(await working.getByTestId('ticket-number').textContent()).toMatch(/^F\d{3}$/);
    await working.close();
  }, 90_000);

  it('asks before a settings change that renumbers tickets', async () => {
    await manager.getByRole('button', { name: '设置' }).click();
    await manager.locator('input[name="openingTime"]').fill('07:30');
    await manager.locator('[data-action="save-settings"]').click();
    const dialog = manager.getByRole('alertdialog');
    await expect.poll(() => dialog.getByTestId('consequence').textContent()).toContain('会改变之后发出的号码');
    await screenshot(manager, 'usability', 'destructive-numbering-confirm');
    await dialog.getByRole('button', { name: '取消' }).click();
    expect(((await hub.get('/api/settings', admin)).body as { openingTime: string }).openingTime).toBe('08:00');
    await manager.locator('[data-action="save-settings"]').click();
    await manager.getByRole('alertdialog').getByRole('button', { name: '确定保存' }).click();
    await expect.poll(async () => ((await hub.get('/api/settings', admin)).body as { openingTime: string }).openingTime).toBe('07:30');
  });
});
