/**
 * A busy first morning for the usability tests (issue #14): a hub with a short greeting limit,
 * 40 waiting tickets and 16 vehicles, and helpers that check what a person would see.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { DEFAULT_STORE_INPUT } from '../../shared/src/services.ts';
import { HubProcess } from '../helpers/hub-process.ts';

export const SIZES = [
  { name: '1366x768', width: 1366, height: 768 },
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1080x1920', width: 1080, height: 1920 },
  { name: '3840x2160', width: 3840, height: 2160 },
] as const;

/** A hub whose greeting limit is the smallest allowed (10 s), so a test can pass it for real. */
export async function busyHub(greetingLimitSeconds = 10): Promise<HubProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'usability-'));
  const config = join(dir, 'store.json');
  writeFileSync(config, JSON.stringify({ ...DEFAULT_STORE_INPUT, alerts: { greetingLimitSeconds } }));
  const hub = new HubProcess({ entry: 'all-in-one', env: { STORE_CONFIG: config } });
  await hub.start();
  return hub;
}

let n = 0;
export const key = (): string => `usability-${process.pid}-${++n}-${Date.now()}`;

const SERVICES = ['maintenance', 'repair', 'bodypaint', 'warranty', 'pickup', 'enquiry'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭';
const MODELS = ['凯美瑞', '雅阁', '卡罗拉', '思域', '朗逸', '轩逸', '帕萨特', '天籁'];

export async function issueTickets(hub: HubProcess, kiosk: string, count: number): Promise<{ id: number; number: string }[]> {
  const issued = [];
  for (let i = 0; i < count; i++) {
    const answer = await hub.post('/api/tickets', { service: SERVICES[i % SERVICES.length], idempotencyKey: key() }, kiosk);
    if (answer.status !== 201) throw new Error(`ticket: ${answer.status} ${JSON.stringify(answer.body)}`);
    issued.push(answer.body);
  }
  return issued;
}

export async function addVehicles(hub: HubProcess, staffToken: string, count: number): Promise<number[]> {
  const ids = [];
  for (let i = 0; i < count; i++) {
    const body = {
      plate: `粤B${String(30001 + i)}`,
      model: MODELS[i % MODELS.length],
      surname: SURNAMES[i % SURNAMES.length],
      title: i % 2 ? '女士' : '先生',
      services: [SERVICES[i % 3]],
      promisedAt: new Date(Date.now() + (i - 4) * 20 * 60_000).toISOString(),
      wash: i % 2 === 0,
      idempotencyKey: key(),
    };
    const answer = await hub.post('/api/jobs', body, staffToken);
    if (answer.status !== 201) throw new Error(`job: ${answer.status} ${JSON.stringify(answer.body)}`);
    ids.push(answer.body.id as number);
  }
  return ids;
}

/** Whether the element's whole box lies inside the viewport (no scrolling needed to see it). */
export async function inViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  if (!box || !size) return false;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width + 0.5 && box.y + box.height <= size.height + 0.5;
}

/** Whether the page needs scrolling in either direction. */
export async function scrolls(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.scrollingElement ?? document.documentElement;
    return el.scrollHeight > window.innerHeight + 1 || el.scrollWidth > window.innerWidth + 1;
  });
}

/** Text a customer or advisor must never read: field paths, validator words, auth hints, English on a Chinese page. */
export function developerText(text: string, language: 'zh-CN' | 'zh-TW' | 'en' = 'zh-CN'): string[] {
  const found: string[] = [];
  const patterns: [RegExp, string][] = [
    [/\b[a-zA-Z]+(\.[a-zA-Z0-9]+)*: /, 'field path with a colon'],
    [/expected/i, '"expected"'],
    [/Invalid input/i, '"Invalid input"'],
    [/Bearer/, '"Bearer"'],
    [/Authorization/i, '"Authorization"'],
    [/undefined|null|NaN|\[object/i, 'programming value'],
    [/HTTP \d{3}/, 'HTTP status'],
    [/\?station=/, 'URL parameter'],
  ];
  for (const [pattern, what] of patterns) if (pattern.test(text)) found.push(`${what} in "${text}"`);
  if (language !== 'en') {
    // Three or more English words in a row is an English sentence on a Chinese page.
    const english = /\b[A-Za-z]{2,}(\s+[A-Za-z]{2,}){2,}\b/.exec(text);
    if (english) found.push(`English "${english[0]}" in "${text}"`);
  }
  return found;
}
