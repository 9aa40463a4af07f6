/** Debian's Chromium driven by playwright-core; never a downloaded browser. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from './hub-process.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const artifactsDir = join(repoRoot, 'test-artifacts');

/** `lanName`: a host name Chromium resolves to this machine, to open pages as a LAN client does (not a secure context). */
export async function launchChromium(options: { lanName?: string } = {}): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
      ...(options.lanName ? [`--host-resolver-rules=MAP ${options.lanName} 127.0.0.1`] : []),
    ],
  });
  // An action that cannot happen (a button covered or never shown) fails naming its locator
  // well inside the test's budget, instead of as a bare "test timed out".
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (pageOptions) => {
    const page = await newPage(pageOptions);
    page.setDefaultTimeout(ACTION_TIMEOUT_MS);
    return page;
  };
  return browser;
}

export const ACTION_TIMEOUT_MS = 12_000;

/** Saves a full-size screenshot under test-artifacts/<group>/<name>.png and returns its path. */
export async function screenshot(page: Page, group: string, name: string): Promise<string> {
  const dir = join(artifactsDir, group);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * Types `text` + Enter into the page as a keyboard-wedge scanner does: one fast burst of key
 * events. Dispatched inside the page in one go, so a loaded CI machine cannot stretch the gaps
 * between keys the way separate keystrokes from the test process can.
 */
export async function scanInto(page: Page, text: string): Promise<void> {
  await page.evaluate(`(() => {
    const keys = [...${JSON.stringify(text)}, 'Enter'];
    for (const key of keys) window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  })()`);
}
