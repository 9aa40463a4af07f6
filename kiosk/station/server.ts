/**
 * `npm run station`: a kiosk's station service on its own, for a kiosk PC that runs Chromium in
 * kiosk mode (or the Electron app) against loopback. It serves the kiosk page itself, so
 * customers can still take tickets while the hub is unreachable: numbers then come from blocks
 * the hub reserved for this kiosk, are kept on disk, and are synced when the hub is back.
 *
 * Environment: see station-env.ts.
 */
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStation } from './start-station.ts';
import { stationSettingsFromEnv } from './station-env.ts';
import { stationRoutes } from './station.ts';

let settings: ReturnType<typeof stationSettingsFromEnv>;
try {
  settings = stationSettingsFromEnv(process.env);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
}
const webRoot = resolve(fileURLToPath(new URL('../../dist/web', import.meta.url)));
const running = await startStation(settings.station);
const { station } = running;
await running.firstRefresh;

const app = Fastify({ logger: { level: 'warn' } });
stationRoutes(app, station);
app.get('/api/store', async () => station.store());
if (existsSync(webRoot)) await app.register(fastifyStatic, { root: join(webRoot, 'assets'), prefix: '/assets/' });
app.get('/kiosk', async (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('kiosk/renderer/kiosk.html', webRoot));

await app.listen({ port: settings.port, host: '127.0.0.1' });
const printer = settings.station.printer as string;
console.log(`station listening on http://127.0.0.1:${settings.port}/kiosk (hub ${settings.station.hubUrl}, printer ${printer})`);

const shutdown = async (): Promise<void> => {
  await app.close();
  await running.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
