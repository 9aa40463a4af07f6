/** A real hub process whose customer messages go to a local webhook receiver, quiet hours off (tests run at any hour). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_STORE_INPUT } from '../../shared/src/services.ts';
import { HubProcess } from './hub-process.ts';

export function hubWithWebhook(webhookUrl: string, secret: string): HubProcess {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-notify-'));
  const config = join(dataDir, 'store.json');
  writeFileSync(config, JSON.stringify({ ...DEFAULT_STORE_INPUT, notify: { quietHours: { start: '00:00', end: '00:00' } } }));
  return new HubProcess({ dataDir, env: { NOTIFY_WEBHOOK_URL: webhookUrl, NOTIFY_WEBHOOK_SECRET: secret, STORE_CONFIG: config } });
}
