/**
 * The hub on its own (what `build/hub.service` runs): HTTP API, socket.io push, the web pages
 * and the SQLite database. No station and no printer: those are the kiosk's (or the
 * all-in-one `npm start`'s, see all-in-one/main.ts).
 *
 * Environment: PORT (8080), HOST (0.0.0.0), DATA_DIR (./data), STORE_CONFIG (a JSON file;
 * embedded defaults otherwise), HUB_BOOTSTRAP_ADMIN_PIN (the first admin's PIN on an empty
 * database, 6–8 digits; a random one is printed otherwise), PUBLIC_URL (where ticket QR codes
 * lead), HUB_ALLOWED_HOSTS (extra host names the hub answers to, comma-separated).
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeOnSignals, hubSettingsFromEnv, openHub } from './start-hub.ts';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

async function main(): Promise<void> {
  const hub = await openHub(hubSettingsFromEnv(process.env, join(repoRoot, 'dist', 'web')));
  await hub.listen();
  closeOnSignals(() => hub.close());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
