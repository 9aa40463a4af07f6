/**
 * Issue #15 item 4: photos of additional work at the desk. The workshop's photo shows at the
 * counter (staff-only, fetched with the session), and the advisor adds one from the desk's
 * computer while the customer has not answered; the phone page then has both. Chromium.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../shared/src/api/index.ts';
import { launchChromium, screenshot } from './helpers/browser.ts';
import { startedHub, type HubProcess } from './helpers/hub-process.ts';

let hub: HubProcess;
let admin: string;
let browser: Browser;

beforeAll(async () => {
  ({ hub, admin } = await startedHub());
  await hub.call(endpoints.createStaff, { body: { name: '李娜', role: 'advisor', pin: '2580' } }, admin);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('photos of additional work at the desk', () => {
  it("shows the workshop's photo and adds one from the desk while the customer has not answered", { timeout: 60_000 }, async () => {
    const job = await hub.call(
      endpoints.createJob,
      {
        body: {
          plate: '粤B23456',
          model: '雅阁',
          surname: '陈',
          title: '女士',
          services: ['maintenance'],
          promisedAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
          wash: false,
        },
      },
      admin,
    );
    for (const to of ['waiting', 'repair'] as const) await hub.call(endpoints.moveJobStage, { params: { id: job.id }, body: { to } }, admin);
    const proposed = await hub.call(
      endpoints.proposeAdditionalWork,
      { params: { id: job.id }, body: { items: [{ description: '更换空调滤芯', priceYuan: 160 }] } },
      admin,
    );
    const workId = proposed.additionalWork!.at(-1)!.id;
    const desk = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await desk.goto(`${hub.url}/desk`);
    // A real photo: a PNG Chromium itself encodes (of the login screen).
    const png = await desk.screenshot({ clip: { x: 0, y: 0, width: 64, height: 48 } });
    await hub.call(endpoints.addWorkPhoto, { params: { id: job.id, workId }, body: { contentType: 'image/png', dataBase64: png.toString('base64') } }, admin);

    await desk.locator('input[name="pin"]').fill('2580');
    await desk.getByRole('button', { name: '登录' }).click();
    await desk.locator('[data-counter="1"]').click();
    const photos = desk.locator(`.approval[data-job="${job.id}"] [data-testid="desk-work-photos"]`);
    // The workshop's photo, loaded with the session (the image route is staff-only) and decoded.
    await expect.poll(() => photos.locator('img').count()).toBe(1);
    await expect
      .poll(() =>
        photos
          .locator('img')
          .first()
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      )
      .toBe(true);
    expect(await photos.locator('img').first().getAttribute('alt')).toBe('增项照片 1');

    // The advisor adds one from the desk's computer.
    const file = join(mkdtempSync(join(tmpdir(), 'desk-photo-')), 'pads.png');
    writeFileSync(file, png);
    await photos.locator('input[data-action="add-work-photo"]').setInputFiles(file);
    await expect.poll(() => photos.locator('img').count()).toBe(2);
    await screenshot(desk, 'desk', 'additional-work-photos');

    const after = await hub.call(endpoints.getJob, { params: { id: job.id } }, admin);
    expect(after.additionalWork!.at(-1)!.photos).toHaveLength(2);
    // The customer's phone page can open the desk's photo too (the token holder's own work).
    const [, second] = after.additionalWork!.at(-1)!.photos!;
    const image = await fetch(`${hub.url}/api/track/${after.trackingToken}/additional-work/${workId}/photos/${second}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg'); // downscaled to a JPEG by the page
    // Without a session the staff route refuses.
    expect((await fetch(`${hub.url}/api/jobs/${job.id}/additional-work/${workId}/photos/${second}`)).status).toBe(401);
    await desk.close();
  });
});
