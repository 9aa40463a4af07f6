/** The shared reopen/health loop, driven by a scripted driver (presence, open, loss on demand). */
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceLink, type Connection, type LinkDriver } from './device-link.ts';
import type { DeviceHealth } from './health.ts';

class ScriptedDriver implements LinkDriver<Connection> {
  watchWhileOpen = true;
  plugged = false;
  opens = 0;
  lose: ((error: Error) => void) | null = null;
  deliver: ((chunk: Buffer) => void) | null = null;
  present(): boolean {
    return this.plugged;
  }
  async open(events: { data: (chunk: Buffer) => void; lost: (error: Error) => void }): Promise<Connection> {
    this.opens++;
    this.lose = events.lost;
    this.deliver = events.data;
    return { close: () => undefined };
  }
  explain(error: Error): string {
    return error.message;
  }
}

const waitFor = async (read: () => boolean, ms = 3000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!read()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

let link: DeviceLink<Connection> | null = null;
afterEach(async () => {
  await link?.stop();
  link = null;
});

describe('DeviceLink', () => {
  it('reports an absent device once, not every poll, and announces it when it proves readable', async () => {
    const driver = new ScriptedDriver();
    const reports: DeviceHealth[] = [];
    link = new DeviceLink(driver, { name: 'scanner', kind: 'scanner' }, { pollMs: 20, settleMs: 5000 });
    link.on('health', (h: DeviceHealth) => reports.push(h));
    link.start();
    await new Promise((r) => setTimeout(r, 300)); // ~15 polls
    expect(reports).toEqual([expect.objectContaining({ connected: false, lastError: 'not plugged in' })]);
    driver.plugged = true;
    await waitFor(() => driver.opens === 1);
    expect(reports).toHaveLength(1); // open, but not yet proven (settle 5 s)
    driver.deliver!(Buffer.from('J000123\r'));
    expect(reports.at(-1)).toMatchObject({ connected: true, lastError: null });
  });

  it('after a proven device is lost: reported once and reopened at the poll rate, without backoff', async () => {
    const driver = new ScriptedDriver();
    driver.plugged = true;
    const reports: DeviceHealth[] = [];
    link = new DeviceLink(driver, { name: 'buttons', kind: 'call-button' }, { pollMs: 20, settleMs: 40 });
    link.on('health', (h: DeviceHealth) => reports.push(h));
    link.start();
    await waitFor(() => reports.at(-1)?.connected === true);
    driver.lose!(new Error('cable pulled'));
    await waitFor(() => reports.at(-1)?.connected === false);
    expect(reports.at(-1)).toMatchObject({ lastError: 'cable pulled', errors: 1 });
    await waitFor(() => reports.at(-1)?.connected === true, 500);
    expect(driver.opens).toBe(2);
  });
});
