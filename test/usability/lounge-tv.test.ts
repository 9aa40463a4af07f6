/**
 * Issue #14 item 5: the lounge TV on a busy morning (40 tickets, 16 vehicles). Calls arriving
 * close together each get the big slot, with the caption always naming the big number; the
 * voice path is exercised with a fake speech engine that records utterances (headless Chromium
 * has none); secondary text is at least 32 px at 1080p; portrait shows at least 6 vehicles per
 * page; a vehicle whose estimate is past its promise is flagged. Screenshots in
 * test-artifacts/usability/tv-*.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../helpers/browser.ts';
import type { HubProcess } from '../helpers/hub-process.ts';
import { addVehicles, busyHub, issueTickets, key, SIZES } from './fixtures.ts';

let hub: HubProcess;
let browser: Browser;
let admin: string;

/** A speech engine that speaks nothing, takes 250 ms per sentence and records what it was asked, when. */
const FAKE_SPEECH = `(() => {
  const log = [];
  window.__utterances = log;
  window.__bigSlot = [];
  class FakeUtterance { constructor(text) { this.text = text; this.lang = ''; this.voice = null; this.rate = 1; } }
  const voices = [{ lang: 'zh-CN', name: 'fake zh' }, { lang: 'zh-TW', name: 'fake tw' }, { lang: 'en-US', name: 'fake en' }];
  let speaking = false;
  const engine = {
    getVoices: () => voices,
    speak(u) {
      const entry = { text: u.text, lang: u.lang, start: performance.now(), end: 0, overlapped: speaking };
      speaking = true;
      log.push(entry);
      setTimeout(() => { speaking = false; entry.end = performance.now(); u.onend && u.onend(); }, 250);
    },
    cancel() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: engine, configurable: true });
  window.SpeechSynthesisUtterance = FakeUtterance;
  // Watch the big slot: every number it shows, and whether its caption named the same number.
  new MutationObserver(() => {
    const big = document.querySelector('[data-testid="now-calling-number"]');
    const caption = document.querySelector('[data-testid="caption"]');
    if (!big) return;
    const number = big.textContent.trim();
    const said = caption ? caption.textContent : '';
    const last = window.__bigSlot[window.__bigSlot.length - 1];
    if (!last || last.number !== number || last.caption !== said) window.__bigSlot.push({ number, caption: said, at: performance.now() });
  }).observe(document, { subtree: true, childList: true, characterData: true });
})()`;

beforeAll(async () => {
  hub = await busyHub(60);
  admin = await hub.login();
  const kiosk = await hub.enrol(admin, 'kiosk', '大厅取号机');
  await issueTickets(hub, kiosk, 40);
  await addVehicles(hub, admin, 16);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

async function openDisplay(width: number, height: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('pageerror', (err) => console.error('display page error:', err));
  await page.addInitScript(FAKE_SPEECH);
  await page.goto(`${hub.url}/display`);
  await page.getByTestId('connection').filter({ hasText: '已连接' }).waitFor();
  await page.getByTestId('progress-board').locator('li').first().waitFor();
  return page;
}

describe('lounge TV', () => {
  it('gives every call the big slot in turn, the caption naming the same number, and speaks them in order without overlap', async () => {
    const page = await openDisplay(1920, 1080);
    const numbers: string[] = [];
    // A desk device calls at every counter (an advisor holds one ticket at one counter at a time).
    const desk = await hub.enrol(admin, 'desk');
    for (const counter of ['1', '2', '3']) {
      const called = await hub.post(`/api/counters/${counter}/call-next`, { idempotencyKey: key(), heldOutcome: 'served' }, desk);
      numbers.push(called.body.number);
    }
    // Each number was in the big slot with its own caption.
    for (const number of numbers) {
      await expect
        .poll(
          () =>
            page.evaluate(
              (n) => (window as unknown as { __bigSlot: { number: string; caption: string }[] }).__bigSlot.some((s) => s.number === n && s.caption.includes(n)),
              number,
            ),
          { timeout: 30_000 },
        )
        .toBe(true);
    }
    const slots = await page.evaluate(() => (window as unknown as { __bigSlot: { number: string; caption: string }[] }).__bigSlot);
    // Never a caption naming another number than the big one.
    expect(slots.filter((s) => s.caption && !s.caption.includes(s.number))).toEqual([]);
    const utterances = () =>
      page.evaluate(() => (window as unknown as { __utterances: { text: string; start: number; end: number; overlapped: boolean }[] }).__utterances);
    const last = Array.from(numbers.at(-1)!).join(' ');
    await expect.poll(async () => (await utterances()).some((u) => u.text.includes(last)), { timeout: 20_000 }).toBe(true);
    const said = await utterances();
    const firstMention = numbers.map((n) => said.findIndex((u) => u.text.includes(Array.from(n).join(' '))));
    expect(firstMention.every((i) => i >= 0)).toBe(true);
    expect([...firstMention].sort((a, b) => a - b)).toEqual(firstMention); // in call order
    expect(said.filter((u) => u.overlapped)).toEqual([]);
    expect(said[0]!.text).toMatch(/^请 .+ 号到 \d号服务台$/);
    await screenshot(page, 'usability', 'tv-1920x1080-calls');
    await page.close();
  }, 90_000);

  for (const size of SIZES) {
    it(`is readable at ${size.name}: secondary text at least 32 px at 1080p (scaled), vehicles with their times`, async () => {
      const page = await openDisplay(size.width, size.height);
      await screenshot(page, 'usability', `tv-${size.name}`);
      const minimum = 32 * (Math.min(size.width, size.height) / 1080);
      const small = await page.evaluate((min) => {
        const selectors = ['.vehicle .model', '.vehicle .eta span', '.recent li .counter', '.waits .svc', '.badge'];
        const out: string[] = [];
        for (const sel of selectors) {
          for (const el of Array.from(document.querySelectorAll(sel))) {
            const px = parseFloat(getComputedStyle(el).fontSize);
            if (px + 0.5 < min) out.push(`${sel} ${px.toFixed(1)}px`);
          }
        }
        return [...new Set(out)];
      }, minimum);
      expect(small).toEqual([]);
      const rows = await page.getByTestId('progress-board').locator('li').count();
      expect(rows).toBeGreaterThanOrEqual(size.height > size.width ? 6 : 5);
      // Every row shows its times whole (nothing cut off at the board's bottom edge).
      const clipped = await page.evaluate(() => {
        const board = document.querySelector('.board')!.getBoundingClientRect();
        return Array.from(document.querySelectorAll('.vehicle')).filter((li) => li.getBoundingClientRect().bottom > board.bottom + 1).length;
      });
      expect(clipped).toBe(0);
      await page.close();
    }, 60_000);
  }

  it('flags a vehicle whose estimate is past its promised time as late', async () => {
    // The first vehicles were promised in the past or within minutes: their estimate is later.
    const page = await openDisplay(1920, 1080);
    const rows = await page.getByTestId('progress-board').locator('li').allInnerTexts();
    const contradicting = rows.filter((r) => {
      const eta = /预计完成 (\d\d:\d\d)/.exec(r)?.[1];
      const promised = /预计交车 (\d\d:\d\d)/.exec(r)?.[1];
      return eta && promised && eta > promised && !/延误/.test(r);
    });
    expect(contradicting).toEqual([]);
    expect(rows.some((r) => /延误/.test(r))).toBe(true);
    await page.close();
  });
});
