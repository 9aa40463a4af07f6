/**
 * Opens the hub from its settings: database, store, first admin. Used by the hub's own entry
 * (`hub/src/main.ts`, what the systemd unit runs) and by the all-in-one `npm start`, which adds
 * a station and the virtual printer before it listens.
 */
import { randomInt } from 'node:crypto';
import { join, resolve } from 'node:path';
import { createHub, type Hub } from './app.ts';
import { loadStoreConfig } from './config.ts';
import { openDatabase, type Db } from './db/database.ts';
import { networkInterfaces } from 'node:os';
import { choosePublicUrl, type PublicUrlChoice } from './public-url.ts';
import { defaultAllowedHosts } from './allowed-hosts.ts';
import { notifyEnvFrom, type NotifyEnv } from './notify/targets.ts';
import { sheddingFromEnv, type SheddingLimits } from './load-shedding.ts';

export interface HubSettings {
  port: number;
  host: string;
  dataDir: string;
  /** A JSON file with the store's settings; embedded defaults otherwise. */
  storeConfigFile?: string;
  /** The first admin's PIN on an empty database; a random one is printed otherwise. */
  bootstrapAdminPin?: string;
  /** Folder of the built web pages. */
  webRoot: string;
  /** PUBLIC_URL: where ticket QR codes lead; the hub's LAN address when unset (public-url.ts). */
  publicUrl?: string;
  /** HUB_ALLOWED_HOSTS: host names the hub answers to besides its own names and addresses. */
  extraHosts?: string[];
  /** NOTIFY_WEBHOOK_URL and NOTIFY_WEBHOOK_SECRET (README "Messages to customers"). */
  notify?: NotifyEnv;
  /** GROUP_DATABASE_URL and STORE_ID: ship the event log to the dealer group's PostgreSQL. */
  group?: { url: string; storeId: string };
  /** HUB_SHED, HUB_SHED_DELAY_MS, …: load shedding (hub/src/load-shedding.ts); null: off. */
  shedding?: SheddingLimits | null;
}

/** PORT, HOST, DATA_DIR, STORE_CONFIG, HUB_BOOTSTRAP_ADMIN_PIN (see README). */
export function hubSettingsFromEnv(env: NodeJS.ProcessEnv, webRoot: string): HubSettings {
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    ...(env.STORE_CONFIG ? { storeConfigFile: env.STORE_CONFIG } : {}),
    ...(env.HUB_BOOTSTRAP_ADMIN_PIN !== undefined ? { bootstrapAdminPin: env.HUB_BOOTSTRAP_ADMIN_PIN } : {}),
    ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
    ...(env.HUB_ALLOWED_HOSTS
      ? {
          extraHosts: env.HUB_ALLOWED_HOSTS.split(',')
            .map((h) => h.trim())
            .filter(Boolean),
        }
      : {}),
    notify: notifyEnvFrom(env),
    shedding: sheddingFromEnv(env),
    ...groupFromEnv(env),
    webRoot,
  };
}

function groupFromEnv(env: NodeJS.ProcessEnv): { group?: { url: string; storeId: string } } {
  const url = env.GROUP_DATABASE_URL?.trim();
  const storeId = env.STORE_ID?.trim();
  if (!url && !storeId) return {};
  if (!url || !storeId) throw new Error('GROUP_DATABASE_URL and STORE_ID go together: set both to ship to the dealer group, or neither');
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(storeId)) throw new Error('STORE_ID: 1–64 letters, digits, dots, dashes or underscores');
  return { group: { url, storeId } };
}

export interface OpenHub {
  hub: Hub;
  /** Where ticket QR codes lead, and why that may not reach phones. */
  publicUrl: PublicUrlChoice;
  db: Db;
  settings: HubSettings;
  /** Starts listening and says so on stdout (`hub listening on …`, which tests wait for). */
  listen(): Promise<void>;
  close(): Promise<void>;
}

export async function openHub(settings: HubSettings): Promise<OpenHub> {
  const config = loadStoreConfig(settings.storeConfigFile);
  const publicUrl = choosePublicUrl(settings.publicUrl, settings.port, networkInterfaces());
  console.log(`ticket QR codes lead to ${publicUrl.url}`);
  if (publicUrl.warning) console.warn(`warning: ${publicUrl.warning}`);
  const db = openDatabase(join(settings.dataDir, 'hub.sqlite'));
  const hub = await createHub({
    db,
    config,
    publicUrl,
    webRoot: settings.webRoot,
    backupDir: join(settings.dataDir, 'backups'),
    logger: true,
    allowedHosts: defaultAllowedHosts([...(settings.extraHosts ?? []), new URL(publicUrl.url).hostname]),
    notifyEnv: settings.notify ?? {},
    ...(settings.group ? { group: settings.group } : {}),
    shedding: settings.shedding ?? null,
  });

  if (hub.store.auth.staffCount() === 0) {
    const given = settings.bootstrapAdminPin;
    if (given !== undefined && !/^\d{6,8}$/.test(given)) throw new Error('HUB_BOOTSTRAP_ADMIN_PIN must be 6–8 digits (an admin PIN)');
    const pin = given ?? String(randomInt(0, 1_000_000)).padStart(6, '0');
    hub.store.auth.bootstrapAdmin(pin);
    console.log(given ? 'first admin created with HUB_BOOTSTRAP_ADMIN_PIN' : `first admin created; PIN ${pin} (shown once: log in at /desk and add staff)`);
  }

  return {
    hub,
    publicUrl,
    db,
    settings,
    async listen() {
      await hub.app.listen({ port: settings.port, host: settings.host });
      const shown = settings.host === '0.0.0.0' || settings.host === '::' ? 'localhost' : settings.host;
      console.log(`hub listening on http://${shown}:${settings.port}  (data: ${settings.dataDir})`);
    },
    async close() {
      await hub.close();
      db.close();
    },
  };
}

/** Runs `close` once on SIGINT or SIGTERM, then exits. */
export function closeOnSignals(close: () => Promise<void>): void {
  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: closing`);
    await close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
