/**
 * The front-desk console in Chromium, driven as an advisor would: PIN login, keyboard and
 * buttons, park and resume, a chosen call with its reason, a job created from the ticket,
 * pause with a reason, auto-call with its countdown. Screenshots in test-artifacts/desk/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CounterStatus } from '../shared/src/protocol.ts';
import { launchChromium, screenshot } from './helpers/browser.ts';
import { startedHub, type HubProcess } from './helpers/hub-process.ts';

let hub: HubProcess;
let browser: Browser;
let admin: string;
let kiosk: string;
let page: Page;
let n = 0;
const key = (): string => `desk-${process.pid}-${++n}`;

beforeAll(async () => {
  ({ hub, admin, kiosk } = await startedHub());
  await hub.post('/api/staff', { name: '李娜', role: 'advisor', pin: '2580', idempotencyKey: key() }, admin);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (err) => console.error('desk page error:', err));
});

afterAll(async () => {
  if (page && !page.isClosed()) await screenshot(page, 'desk', 'last').catch(() => undefined);
  await browser?.close();
  await hub?.stop();
});

const issue = async (service: string, plate?: string) =>
  (await hub.post('/api/tickets', { service, ...(plate ? { plate } : {}), idempotencyKey: key() }, kiosk)).body as { id: number; number: string };
const called = () => page.getByTestId('called-number').textContent();

describe('front desk console', () => {
  it('shows only the login to a logged-out browser', async () => {
    await page.goto(`${hub.url}/desk`);
    await page.locator('input[name="pin"]').waitFor();
    expect(await page.locator('[data-action="call-next"]').count()).toBe(0);
    expect((await page.content()).includes('叫下一位')).toBe(false);
  });

  it('serves customers with keys and buttons, parks and resumes, calls a chosen ticket with a reason', async () => {
    const first = await issue('maintenance', '粤B12345');
    const second = await issue('repair');
    const third = await issue('pickup');
    await page.locator('input[name="pin"]').fill('2580');
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('[data-counter="1"]').click();
    await expect.poll(() => page.getByTestId('waiting-list').locator('li').count()).toBe(3);
    await screenshot(page, 'desk', 'console-ready');

    await page.locator('.held-panel[aria-busy="false"]').waitFor(); // a key pressed mid-request is ignored by design
    await page.keyboard.press('Space');
    await expect.poll(called).toBe(first.number);
    await page.locator('[data-action="start"]').click();
    await page.locator('[data-action="park"]').waitFor();
    await page.locator('[data-action="park"]').click();
    await expect.poll(() => page.getByTestId('parked-list').textContent()).toContain(first.number);
    await expect.poll(called).toBe('—');

    // The customer with the pickup ticket is standing at the counter: call it out of order.
    await page.locator(`[data-number="${third.number}"] button`).click();
    await page.locator('input[name="reason"]').fill('客户已在柜台等候');
    await screenshot(page, 'desk', 'call-chosen-dialog');
    await page.getByRole('button', { name: '确定' }).click();
    await expect.poll(called).toBe(third.number);
    const audit = (await hub.get('/api/audit?limit=20', admin)).body as { action: string; detail: string }[];
    expect(audit.find((a) => a.action === 'ticket.call-chosen')?.detail).toContain('客户已在柜台等候');

    await page.locator('[data-action="finish"]').click();
    await expect.poll(called).toBe('—');
    await page.locator('[data-action="resume"]').click();
    await expect.poll(called).toBe(first.number);
    expect(await page.locator('.contact').textContent()).toContain('粤B12345');

    // Create the job from the ticket.
    await page.locator('[data-action="create-job"]').click();
    await page.locator('.dialog input[name="model"]').fill('凯美瑞');
    await page.locator('.dialog input[name="surname"]').fill('王');
    await screenshot(page, 'desk', 'create-job-dialog');
    await page.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.locator('.message').textContent()).toBe('工单已建立');
    const jobs = (await hub.get('/api/jobs', admin)).body as { plate: string; customer: string; ticketId: number }[];
    expect(jobs).toEqual([expect.objectContaining({ plate: '粤B12345', customer: '王先生', ticketId: first.id })]);
    await page.keyboard.press('f');
    await expect.poll(called).toBe('—');
    expect(second.number).toMatch(/^B/);
  });

  it('pauses the counter with a reason, and auto-calls after the grace period unless cancelled', async () => {
    await page.locator('[data-pause="break"]').click();
    await expect.poll(() => page.locator('[data-action="call-next"]').isDisabled()).toBe(true);
    await screenshot(page, 'desk', 'paused-break');
    const counters = (await hub.get('/api/counters', admin)).body as { counterId: string; state: string; reason: string }[];
    expect(counters.find((c) => c.counterId === '1')).toMatchObject({ state: 'paused', reason: 'break' });
    await page.locator('[data-state="open"]').click();
    await expect.poll(() => page.locator('[data-action="call-next"]').isDisabled()).toBe(false);

    // A short grace period, so that "nobody was called after it" is a check that can fail.
    const grace = 2;
    const counter = async () => ((await hub.get('/api/counters', admin)).body as CounterStatus[]).find((c) => c.counterId === '1')!;
    await hub.post('/api/counters/1/auto-call', { enabled: false, graceSeconds: grace, idempotencyKey: key() }, admin);
    await expect.poll(() => page.locator('.auto-call').textContent()).toContain(`(${grace} s)`);
    await page.locator('.auto-call input').click();
    await expect.poll(() => page.locator('.auto-call input').isChecked()).toBe(true);
    await expect.poll(async () => (await counter()).autoCall).toBe(true);
    await page.locator('[data-action="call-next"]').click(); // calls the repair ticket
    await expect.poll(called).toMatch(/^B/);
    const enquiry = await issue('enquiry');
    await page.locator('[data-action="finish"]').click();
    await page.getByRole('button', { name: '取消自动叫号' }).waitFor();
    await screenshot(page, 'desk', 'auto-call-pending');
    const due = (await counter()).pendingCallAt;
    expect(due).not.toBeNull();
    await page.getByRole('button', { name: '取消自动叫号' }).click();
    await expect.poll(async () => (await counter()).pendingCallAt).toBeNull();
    // Wait past the moment the call was due, plus several of the hub's auto-call rounds (500 ms).
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(due!) - Date.now()) + 2000));
    expect((await counter()).ticketNumber).toBeNull();
    const tickets = (await hub.get('/api/tickets', admin)).body as { number: string; status: string }[];
    expect(tickets.find((t) => t.number === enquiry.number)?.status).toBe('waiting');
    expect(await called()).toBe('—');

    // Control: not cancelled, the counter calls the next ticket by itself after the grace period.
    await page.locator('[data-action="call-next"]').click(); // calls the enquiry ticket
    await expect.poll(called).toBe(enquiry.number);
    const next = await issue('enquiry');
    await page.locator('[data-action="finish"]').click();
    await expect.poll(async () => (await counter()).ticketNumber, { timeout: (grace + 5) * 1000 }).toBe(next.number);
    await expect.poll(called).toBe(next.number);
  });

  it('finds a ticket by its number', async () => {
    const wanted = await issue('warranty');
    await page.locator(`[data-number="${wanted.number}"]`).waitFor();
    await page.locator('input[name="find"]').fill(wanted.number.toLowerCase());
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.ticket-list li.highlight').getAttribute('data-number')).toBe(wanted.number);
  });

  it('asks in one tap what became of a ticket called but never started before calling the next', async () => {
    await hub.post('/api/counters/1/auto-call', { enabled: false, graceSeconds: 10, idempotencyKey: key() }, admin);
    await expect.poll(() => page.locator('.auto-call input').isChecked()).toBe(false);
    // Counter 1 starts free: whatever an earlier test left there is finished through the API.
    const counters = (await hub.get('/api/counters', admin)).body as { counterId: string; ticketNumber: string | null }[];
    const left = counters.find((c) => c.counterId === '1')?.ticketNumber;
    if (left) {
      const all = (await hub.get('/api/tickets', admin)).body as { id: number; number: string }[];
      await hub.post(`/api/tickets/${all.find((t) => t.number === left)!.id}/finish`, { idempotencyKey: key() }, admin);
    }
    await expect.poll(called).toBe('—');
    // Two more customers, so someone is left to call after the first.
    await issue('enquiry');
    await issue('enquiry');
    await page.locator('[data-action="call-next"]').click();
    await expect.poll(called).not.toBe('—');
    const absent = (await called())!.trim();
    await page.locator('[data-action="call-next"]').click();
    const choice = page.locator('.held-outcome');
    await choice.waitFor();
    expect(await choice.textContent()).toContain(`${absent} 还没有开始办理`);
    await screenshot(page, 'desk', 'held-outcome-choice');
    await page.locator('[data-outcome="no_show"]').click();
    await expect.poll(called).not.toBe(absent);
    await expect.poll(called).not.toBe('—');
    const tickets = (await hub.get('/api/tickets', admin)).body as { number: string; status: string }[];
    expect(tickets.find((t) => t.number === absent)?.status).toBe('no_show');
    expect(await page.locator('.held-outcome').count()).toBe(0);
  });
});
