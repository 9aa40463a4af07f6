/**
 * Issue #14 item 1 and issue #11 item 5: on a busy morning the desk's alerts inform without
 * burying the controls. 40 customers waiting past the greeting limit at 1366x768: one grouped
 * line with a count and the longest wait, the current ticket and the call button on screen;
 * the count follows each call; one "acknowledge all"; and the one alert still fires at lunch
 * when every counter is paused. Screenshots in test-artifacts/usability/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../helpers/browser.ts';
import type { HubProcess } from '../helpers/hub-process.ts';
import { addVehicles, busyHub, developerText, inViewport, issueTickets, key } from './fixtures.ts';

let hub: HubProcess;
let browser: Browser;
let admin: string;
let page: Page;
const LIMIT = 10;

beforeAll(async () => {
  hub = await busyHub(LIMIT);
  admin = await hub.login();
  const kiosk = await hub.enrol(admin, 'kiosk');
  await hub.post('/api/staff', { name: '李娜', role: 'advisor', pin: '2580', idempotencyKey: key() }, admin);
  await issueTickets(hub, kiosk, 40);
  await addVehicles(hub, admin, 16);
  // Every one of the 40 passes the greeting limit (the hub's rules run every 2 s).
  await new Promise((r) => setTimeout(r, (LIMIT + 3) * 1000));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on('pageerror', (err) => console.error('desk page error:', err));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

const alertLine = () => page.locator('.alert-group[data-kind="greeting_wait"]');

describe('desk alerts on a busy morning (1366x768)', () => {
  it('shows one grouped line for 40 late customers and keeps the current ticket and the call button on screen', async () => {
    const open = (await hub.get('/api/alerts', admin)).body as { kind: string }[];
    expect(open.filter((a) => a.kind === 'greeting_wait')).toHaveLength(1); // one alert, not one per ticket

    await page.goto(`${hub.url}/desk`);
    await page.locator('input[name="pin"]').fill('2580');
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('[data-counter="1"]').click();
    await expect.poll(() => alertLine().textContent()).toMatch(/^40 位客户等候超过 10 秒，最长 \d+ 秒/);
    await screenshot(page, 'usability', 'desk-alerts-40-waiting-1366x768');

    expect(await page.locator('.alert-group').count()).toBe(1);
    expect(await inViewport(page, page.locator('[data-action="call-next"]'))).toBe(true);
    expect(await inViewport(page, page.getByTestId('called-number'))).toBe(true);
    const area = await page.getByTestId('alert-area').boundingBox();
    expect(area!.height).toBeLessThanOrEqual(110);
    expect(developerText((await page.getByTestId('alert-area').textContent()) ?? '')).toEqual([]);
  });

  it('counts down as customers are called, live, and ticks the longest wait', async () => {
    const before = (await alertLine().textContent())!;
    await page.locator('[data-action="call-next"]').click();
    await expect.poll(() => page.getByTestId('called-number').textContent()).not.toBe('—');
    await expect.poll(() => alertLine().textContent()).toMatch(/^39 位客户/);
    const longest = (text: string) => Number(/最长 (\d+) 秒/.exec(text)?.[1] ?? /最长 (\d+) 分钟/.exec(text)?.[1] ?? NaN);
    await page.waitForTimeout(2100);
    expect(longest((await alertLine().textContent())!)).toBeGreaterThan(longest(before));
    expect(await inViewport(page, page.locator('[data-action="call-next"]'))).toBe(true);
  });

  it('acknowledges the group with one press; the line stays as information, muted', async () => {
    await alertLine().locator('[data-action="ack-kind"]').click();
    await expect.poll(() => alertLine().getAttribute('class')).toContain('acknowledged');
    const open = (await hub.get('/api/alerts', admin)).body as { kind: string; acknowledgedAt: string | null }[];
    expect(open.filter((a) => a.kind === 'greeting_wait').every((a) => a.acknowledgedAt)).toBe(true);
    await screenshot(page, 'usability', 'desk-alerts-acknowledged-1366x768');
  });

  it('still alerts, once, at lunch when every counter is paused, asking for more hands', async () => {
    await page.locator('[data-action="start"]').click();
    await page.locator('[data-action="finish"]').click();
    await expect.poll(() => page.getByTestId('called-number').textContent()).toBe('—');
    for (const counter of ['1', '2', '3']) {
      const answer = await hub.post(`/api/counters/${counter}/state`, { state: 'paused', reason: 'break', idempotencyKey: key() }, admin);
      expect(answer.status).toBe(200);
    }
    await expect.poll(() => alertLine().textContent()).toContain('所有服务台忙碌或暂停，请增派人手接待');
    const open = (await hub.get('/api/alerts', admin)).body as { kind: string; subject: { cause: string } }[];
    const greeting = open.filter((a) => a.kind === 'greeting_wait');
    expect(greeting).toHaveLength(1);
    await expect
      .poll(
        async () =>
          ((await hub.get('/api/alerts', admin)).body as { kind: string; subject: { cause: string } }[]).find((a) => a.kind === 'greeting_wait')?.subject.cause,
      )
      .toBe('busy');
    await screenshot(page, 'usability', 'desk-alerts-lunch-1366x768');
  });
});
