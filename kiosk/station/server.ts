/**
 * `npm run station`: a kiosk's station service on its own, for a kiosk PC that runs Chromium in
 * kiosk mode (or the Electron app) against loopback. It serves the kiosk page itself, so
 * customers can still take tickets while the hub is unreachable: numbers then come from blocks
 * the hub reserved for this kiosk, are kept on disk, and are synced when the hub is back.
 *
 * Environment: HUB_URL (required), STATION_TOKEN (device token from pairing, required),
 * PRINTER (tcp://… or serial://…), STATION_PORT (8081), STATION_DATA (./data/station),
 * PUBLIC_URL (HUB_URL), PAPER (80).
 */
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPrinterFor } from '../printer/open-printer.ts';
import { nodeUsb } from '../printer/usb-printer.ts';
import { httpHubClient } from './hub-client.ts';
import { OfflineBook } from './offline-book.ts';
import { listenForReprints } from './reprints.ts';
import { createStation, stationRoutes } from './station.ts';

const env = process.env;
const hubUrl = env.HUB_URL;
const token = env.STATION_TOKEN;
if (!hubUrl || !token) {
  console.error('HUB_URL and STATION_TOKEN are required (pair the kiosk: POST /api/devices/pair {code})');
  process.exit(2);
}
const port = Number(env.STATION_PORT ?? 8081);
const webRoot = resolve(fileURLToPath(new URL('../../dist/web', import.meta.url)));
const book = new OfflineBook(join(resolve(env.STATION_DATA ?? 'data/station'), 'offline.sqlite'));
const printer = env.PRINTER ?? '';
const usb = printer.startsWith('usb:') ? await nodeUsb() : undefined;
const station = createStation({
  hub: httpHubClient(hubUrl, { token, timeoutMs: 3000 }),
  openPrinter: () => openPrinterFor(printer, undefined, usb),
  publicUrl: env.PUBLIC_URL ?? hubUrl,
  paper: env.PAPER === '58' ? 58 : 80,
  offline: book,
  log: (m) => console.warn(m),
});

const app = Fastify({ logger: { level: 'warn' } });
stationRoutes(app, station);
app.get('/api/store', async () => station.store());
if (existsSync(webRoot)) await app.register(fastifyStatic, { root: join(webRoot, 'assets'), prefix: '/assets/' });
app.get('/kiosk', async (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('kiosk/renderer/kiosk.html', webRoot));

const stopReprints = listenForReprints(hubUrl, token, station, (m) => console.warn(m));
const timer = setInterval(() => void station.refresh().catch((err: Error) => console.warn(`refresh failed: ${err.message}`)), 3000);
await station.refresh().catch(() => undefined);
await app.listen({ port, host: '127.0.0.1' });
console.log(`station listening on http://127.0.0.1:${port}/kiosk (hub ${hubUrl}, printer ${printer || 'none'})`);

const shutdown = async (): Promise<void> => {
  clearInterval(timer);
  stopReprints();
  await app.close();
  book.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
