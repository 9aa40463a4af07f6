/**
 * Issue #14 item 3: staff are added, deactivated and restored from the manager console —
 * deactivation asks first, naming the consequence, signs the person out at once, and can be
 * undone; only an admin sees the tab (a manager cannot hand out admin PINs).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../helpers/browser.ts';
import { DEFAULT_ADMIN_PIN, HubProcess } from '../helpers/hub-process.ts';
import { developerText } from './fixtures.ts';

const LAN_NAME = 'office-pc.store.lan';
let hub: HubProcess;
let browser: Browser;

beforeAll(async () => {
  hub = new HubProcess({ entry: 'all-in-one', env: { HUB_ALLOWED_HOSTS: LAN_NAME } });
  await hub.start();
  browser = await launchChromium({ lanName: LAN_NAME });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

async function signIn(pin: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on('pageerror', (err) => console.error('manager page error:', err));
  await page.goto(`http://${LAN_NAME}:${hub.port}/manager`);
  await page.locator('input[name="pin"]').fill(pin);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('[data-tab="alerts"]').waitFor();
  return page;
}

describe('staff administration', () => {
  it('adds an advisor, refuses a short manager PIN in Chinese, deactivates after asking, and restores', async () => {
    const page = await signIn(DEFAULT_ADMIN_PIN);
    await page.locator('[data-tab="staff"]').click();
    await page.locator('input[name="staffName"]').fill('李娜');
    await page.locator('select[name="staffRole"]').selectOption('advisor');
    await page.locator('input[name="staffPin"]').fill('2580');
    await page.getByRole('button', { name: '添加员工' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('已添加员工“李娜”');
    const row = page.getByTestId('staff-table').locator('tr', { hasText: '李娜' });
    expect(await row.locator('td').allInnerTexts()).toEqual(['李娜', '服务顾问', '在职', '停用']);
    const advisor = await hub.login('2580');

    // A manager needs six digits: said in Chinese, nobody added.
    await page.locator('input[name="staffName"]').fill('赵经理');
    await page.locator('select[name="staffRole"]').selectOption('manager');
    await page.locator('input[name="staffPin"]').fill('4711');
    await page.getByRole('button', { name: '添加员工' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/PIN/);
    expect(developerText((await page.getByRole('alert').textContent())!)).toEqual([]);
    expect(((await hub.get('/api/staff', await hub.login())).body as { name: string }[]).map((s) => s.name)).not.toContain('赵经理');

    // Deactivating asks first and says what happens; cancelling changes nothing.
    await row.getByRole('button', { name: '停用' }).click();
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain('立即退出登录');
    await screenshot(page, 'usability', 'staff-deactivate-confirm');
    await dialog.getByRole('button', { name: '取消' }).click();
    expect((await hub.get('/api/tickets', advisor)).status).toBe(200);
    await row.getByRole('button', { name: '停用' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '确定停用' }).click();
    await expect.poll(() => row.locator('td').nth(2).textContent()).toBe('已停用');
    expect((await hub.get('/api/tickets', advisor)).status).toBe(401); // signed out at once
    expect((await hub.post('/api/login', { pin: '2580' })).status).toBe(401);

    // Undo: the same PIN works again.
    await row.getByRole('button', { name: '恢复' }).click();
    await expect.poll(() => row.locator('td').nth(2).textContent()).toBe('在职');
    expect((await hub.post('/api/login', { pin: '2580' })).status).toBe(200);
    const text = (await page.locator('body').innerText()).split('\n').map((l) => l.trim());
    expect(text.flatMap((l) => developerText(l))).toEqual([]);
    await screenshot(page, 'usability', 'staff-tab');
    await page.close();
  });

  it('a manager does not see the staff tab', async () => {
    await hub.staff(await hub.login(), 'manager', '864200');
    const page = await signIn('864200');
    expect(await page.locator('[data-tab="devices"]').count()).toBe(1);
    expect(await page.locator('[data-tab="staff"]').count()).toBe(0);
    await page.close();
  });
});
