/**
 * Issue #16 §2 in the browser: the guard registers vehicles at /arrivals (plate + bay buttons)
 * before any job exists; the desk registers one too; the bay view on the desk, workshop board
 * and manager console shows each bay's vehicle and dwell; four vehicles without a job raise the
 * manager's congestion alert. Pages open at 1366x768 from a LAN host name; screenshots in
 * test-artifacts/drive/.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, screenshot } from '../helpers/browser.ts';
import { HubProcess } from '../helpers/hub-process.ts';
import { developerText, inViewport, key } from './fixtures.ts';

const LAN_NAME = 'hub.store.lan';
let hub: HubProcess;
let browser: Browser;
let admin: string;
let lanUrl: string;

beforeAll(async () => {
  hub = new HubProcess({ entry: 'all-in-one', env: { HUB_ALLOWED_HOSTS: LAN_NAME } });
  await hub.start();
  lanUrl = `http://${LAN_NAME}:${hub.port}`;
  admin = await hub.login();
  await hub.post('/api/staff', { name: '门岗老张', role: 'advisor', pin: '2580', idempotencyKey: key() }, admin);
  await hub.post('/api/staff', { name: '王工', role: 'workshop', pin: '3690', idempotencyKey: key() }, admin);
  await hub.post('/api/staff', { name: '赵经理', role: 'manager', pin: '471100', idempotencyKey: key() }, admin);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', `--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1`],
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

async function open(path: string, pin: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on('pageerror', (err) => console.error(`${path} page error:`, err));
  await page.goto(lanUrl + path);
  await page.locator('input[name="pin"]').fill(pin);
  await page.getByRole('button', { name: '登录' }).click();
  return page;
}

interface BayViewBody {
  bays: { bay: string; vehicle: { plate: string; source: string } | null }[];
  waiting: { plate: string; source: string }[];
  count: number;
}
const bayView = async (): Promise<BayViewBody> => (await hub.get('/api/arrivals', admin)).body as BayViewBody;

describe('the guard registers arrivals at /arrivals', () => {
  it('puts a vehicle into a free bay with one tap, queues another, and refuses a bad plate politely', async () => {
    const page = await open('/arrivals', '2580');
    const plate = page.locator('input[name="plate"]');
    await plate.fill('粤B11111');
    await page.locator('[data-bay-button="P1"]').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('粤B11111 已登记，进 P1 工位');
    await expect.poll(async () => page.locator('[data-bay-button="P1"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-bay-button="P1"]').textContent()).toContain('粤B11111');

    await plate.fill('粤B22222');
    await page.locator('[data-action="queue"]').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('粤B22222 已登记，等候工位');
    await expect.poll(() => page.locator('[data-testid="bay-waiting"] li').count()).toBe(1);

    const view = await bayView();
    expect(view.bays.map((b) => [b.bay, b.vehicle?.plate ?? null])).toEqual([
      ['P1', '粤B11111'],
      ['P2', null],
      ['P3', null],
    ]);
    expect(view.waiting).toEqual([expect.objectContaining({ plate: '粤B22222', source: 'guard' })]);

    // The only bays are the store's: no button for P4 exists, and the hub refuses one.
    expect(await page.locator('[data-bay-button]').count()).toBe(3);
    const p4 = await hub.post('/api/arrivals', { plate: '粤B44444', bay: 'P4', idempotencyKey: key() }, admin);
    expect(p4).toMatchObject({ status: 400, body: { error: 'unknown_bay' } });

    await plate.fill('ABC');
    await page.locator('[data-action="queue"]').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('车牌号格式不正确，例如 粤B12345');
    expect(developerText((await page.locator('body').textContent()) ?? '')).toEqual([]);
    await screenshot(page, 'drive', 'arrivals-guard-1366x768');

    // The queued car goes into P2 from the waiting list.
    await page.locator('[data-testid="bay-waiting"] [data-move="P2"]').click();
    await expect.poll(async () => (await bayView()).bays[1]!.vehicle?.plate ?? null).toBe('粤B22222');
    await page.close();
  });
});

describe('the bay view on the desk, the workshop board and the manager console', () => {
  it('shows each bay with its vehicle and dwell, and four vehicles without a job alert the manager', async () => {
    // A kiosk check-in with a plate is an arrival too: the fourth vehicle, still without any job.
    const kiosk = await hub.enrol(admin, 'kiosk');
    expect((await hub.post('/api/tickets', { service: 'maintenance', plate: '粤B33333', idempotencyKey: key() }, kiosk)).status).toBe(201);

    const desk = await open('/desk', '2580');
    await desk.locator('[data-counter="1"]').click();
    await desk.locator('input[name="arrival-plate"]').fill('粤B55555');
    await desk.getByRole('button', { name: '登记到店' }).click();
    await expect.poll(() => desk.locator('[data-testid="bay-waiting"] li').count()).toBe(2);
    const board = desk.getByTestId('bay-board');
    await expect.poll(() => board.locator('[data-bay="P1"]').textContent()).toMatch(/^P1粤B11111\d+ 分钟 · 门岗/);
    expect(await board.locator('[data-bay="P3"]').textContent()).toContain('空闲');
    await expect.poll(() => desk.getByTestId('bay-count').textContent()).toBe('4 辆车在预检区（提醒线 4 辆）');
    expect(await inViewport(desk, desk.locator('[data-action="call-next"]'))).toBe(true);
    await screenshot(desk, 'drive', 'bay-view-desk-1366x768');

    const view = await bayView();
    expect(view.count).toBe(4);
    expect(view.waiting.map((v) => [v.plate, v.source])).toEqual([
      ['粤B33333', 'kiosk'],
      ['粤B55555', 'desk'],
    ]);

    const manager = await open('/manager', '471100');
    // The hub's rules run every 2 s: the congestion line comes by itself.
    await expect
      .poll(() => manager.locator('.alert-group[data-kind="preinspection_congestion"]').textContent(), { timeout: 10_000 })
      .toMatch(/^预检区拥堵：4 辆车等候（提醒线 4 辆）/);
    expect(await manager.getByTestId('bay-board').locator('[data-bay="P2"]').textContent()).toContain('粤B22222');
    await screenshot(manager, 'drive', 'bay-view-manager-1366x768');

    const workshop = await open('/workshop', '3690');
    await expect.poll(() => workshop.getByTestId('bay-board').locator('[data-bay="P1"]').textContent()).toContain('粤B11111');
    await screenshot(workshop, 'drive', 'bay-view-workshop-1366x768');

    // Pre-inspection done for one car at the desk: three left, below the limit, the alert goes by itself.
    await board.locator('[data-bay="P1"] [data-release="inspected"]').click();
    await expect.poll(async () => (await bayView()).count).toBe(3);
    await expect.poll(() => manager.locator('.alert-group[data-kind="preinspection_congestion"]').count(), { timeout: 10_000 }).toBe(0);
    for (const page of [desk, manager, workshop]) await page.close();
  });
});

describe('a complaint at the kiosk on the manager console', () => {
  it('alerts the manager at once, shows the case masked, and the first contact ends the alert', async () => {
    const kiosk = await hub.enrol(admin, 'kiosk');
    expect((await hub.post('/api/tickets', { service: 'complaint', plate: '粤B99887', idempotencyKey: key() }, kiosk)).status).toBe(201);
    const manager = await open('/manager', '471100');
    const line = manager.locator('.alert-group[data-kind="complaint_case"]');
    await expect.poll(() => line.textContent()).toMatch(/^1 个投诉案例待联系客户，最久 \d+ 秒/);
    const card = manager.getByTestId('cases').locator('li').first();
    expect(await card.textContent()).toContain('取号机投诉，待了解情况');
    expect(await card.textContent()).toContain('粤B·***87');
    expect(await manager.getByTestId('cases').textContent()).not.toContain('粤B99887');
    await card.locator('[data-action="own"]').click();
    await expect.poll(() => card.textContent()).toContain('负责人: 赵经理');
    await screenshot(manager, 'drive', 'complaint-case-manager-1366x768');
    await card.locator('[data-action="contacted"]').click();
    await expect.poll(() => line.count()).toBe(0);
    await expect.poll(() => card.textContent()).toContain('已联系');
    await manager.close();
  });

  it('lets the desk open a case for a complaint heard at the counter; the manager is alerted', async () => {
    const desk = await open('/desk', '2580');
    await desk.locator('[data-counter="1"]').click();
    await desk.locator('[data-action="cases"]').click();
    await desk.locator('input[name="case-topic"]').fill('保养后仍有异响');
    await desk.locator('input[name="case-plate"]').fill('粤B12121');
    await desk.locator('input[name="case-customer"]').fill('李女士');
    await desk.getByRole('button', { name: '登记投诉' }).click();
    const card = desk.getByTestId('cases').locator('li', { hasText: '保养后仍有异响' });
    await expect.poll(() => card.textContent()).toContain('李女士 · 粤B·***21');
    await screenshot(desk, 'drive', 'complaint-case-desk-1366x768');
    const alerts = (await hub.get('/api/alerts', admin)).body as { kind: string; subject: { plate?: string } }[];
    expect(alerts.filter((a) => a.kind === 'complaint_case').map((a) => a.subject.plate)).toEqual(['粤B·***21']);
    await desk.close();
  });
});
