/** A real hub process with quiet hours off (tests run at any hour), its customer messages going to a local webhook receiver when given one. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_STORE_INPUT } from '../../shared/src/services.ts';
import { HubProcess } from './hub-process.ts';

export function hubWithWebhook(webhookUrl: string | null, secret = ''): HubProcess {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-notify-'));
  const config = join(dataDir, 'store.json');
  writeFileSync(config, JSON.stringify({ ...DEFAULT_STORE_INPUT, notify: { quietHours: { start: '00:00', end: '00:00' } } }));
  const webhook: Record<string, string> = webhookUrl ? { NOTIFY_WEBHOOK_URL: webhookUrl, NOTIFY_WEBHOOK_SECRET: secret } : {};
  return new HubProcess({ dataDir, env: { ...webhook, STORE_CONFIG: config } });
}
