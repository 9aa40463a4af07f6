import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubProcess, repoRoot } from './helpers/hub-process.ts';

let hub: HubProcess;
beforeAll(async () => {
  hub = new HubProcess();
  await hub.start();
});
afterAll(async () => {
  await hub?.stop();
});

describe('npm run backup', () => {
  it('copies the database of a running hub, consistent and complete', async () => {
    const admin = await hub.login();
    const kiosk = await hub.enrol(admin, 'kiosk');
    for (let i = 0; i < 5; i++) await hub.post('/api/tickets', { service: 'repair', idempotencyKey: `backup-cli-${i}-${Date.now()}` }, kiosk);
    const target = join(hub.dataDir, 'copy.sqlite');
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'hub/src/backup-cli.ts'), target], {
      cwd: repoRoot,
      env: { ...process.env, DATA_DIR: hub.dataDir },
    }).toString();
    expect(out).toMatch(/5 tickets, integrity ok/);
    expect(existsSync(target)).toBe(true);
    const copy = new Database(target, { readonly: true });
    expect(copy.prepare('SELECT number FROM tickets ORDER BY id').pluck().all()).toEqual(['B001', 'B002', 'B003', 'B004', 'B005']);
    copy.close();
  });
});
