/**
 * The lounge display in Debian's Chromium against the real hub process:
 *  - call → display: time from sending `call-next` to the number appearing in the page's DOM;
 *  - memory: JS heap and DOM nodes before and after thousands of pushed updates.
 */
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../test/helpers/browser.ts';
import { HubProcess } from '../test/helpers/hub-process.ts';
import { percentile } from '../hub/src/domain/day-stats.ts';

async function heap(cdp: CDPSession): Promise<{ heapMb: number; nodes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string): number => metrics.find((m) => m.name === name)?.value ?? NaN;
  return { heapMb: get('JSHeapUsedSize') / 1048576, nodes: get('Nodes') };
}

/**
 * Resolves with the page's clock time when the now-calling number becomes `number`. (Passed as
 * source text: tsx's name-keeping helpers do not exist inside the page.)
 */
function numberShown(page: Page, number: string): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const expected = ${JSON.stringify(number)};
    const check = () => {
      if (document.querySelector('[data-testid="now-calling-number"]')?.textContent === expected) {
        resolve(performance.timeOrigin + performance.now());
        return true;
      }
      return false;
    };
    if (check()) return;
    const observer = new MutationObserver(() => check() && observer.disconnect());
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  })`) as Promise<number>;
}

export async function runDisplayBench(updates = 3000, latencySamples = 40): Promise<string[]> {
  const hub = new HubProcess();
  await hub.start();
  const browser = await launchChromium();
  try {
    const admin = await hub.login();
    const kiosk = await hub.enrol(admin, 'kiosk');
    const advisor = await hub.staff(admin, 'advisor', '1357');
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${hub.url}/display`);
    await page.getByTestId('connection').filter({ hasText: '已连接' }).waitFor();
    let n = 0;
    const key = (): string => `bench-${++n}`;

    // Latency: one call at a time, number seen in the DOM.
    const latencies: number[] = [];
    for (let i = 0; i < latencySamples; i++) {
      const ticket = (await hub.post('/api/tickets', { service: 'repair', idempotencyKey: key() }, kiosk)).body;
      const shown = numberShown(page, ticket.number);
      const sent = Date.now();
      await hub.post('/api/counters/1/call-next', { idempotencyKey: key() }, advisor);
      latencies.push((await shown) - sent);
    }
    latencies.sort((a, b) => a - b);

    // Memory: thousands of pushed updates (issue + call pairs).
    const before = await heap(cdp);
    const started = Date.now();
    for (let i = 0; i < updates / 2; i++) {
      await hub.post('/api/tickets', { service: ['maintenance', 'repair', 'pickup'][i % 3], idempotencyKey: key() }, kiosk);
      await hub.post(`/api/counters/${(i % 3) + 1}/call-next`, { idempotencyKey: key() }, advisor);
    }
    const last = (await hub.get('/api/queue')).body.recentCalls[0].number as string;
    await numberShown(page, last);
    const seconds = (Date.now() - started) / 1000;
    const after = await heap(cdp);
    return [
      `call → display (Chromium, real hub, ${latencySamples} calls): median ${percentile(latencies, 50)!.toFixed(0)} ms, p90 ${percentile(latencies, 90)!.toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`,
      `display memory over ${updates} pushed updates (${(updates / seconds).toFixed(0)} updates/s): JS heap ${before.heapMb.toFixed(1)} → ${after.heapMb.toFixed(1)} MB, DOM nodes ${before.nodes} → ${after.nodes}`,
    ];
  } finally {
    await browser.close();
    await hub.stop();
  }
}
