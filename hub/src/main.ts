/**
 * `npm start`: the hub with an embedded SQLite database, the kiosk station service and, unless
 * PRINTER says otherwise, the virtual printer, all in one process with no hardware needed.
 *
 * Environment: PORT (8080), HOST (0.0.0.0), DATA_DIR (./data), PRINTER (virtual),
 * PUBLIC_URL (http://localhost:PORT), HUB_ALLOWED_HOSTS (extra host names the hub answers to,
 * comma-separated; its own names and addresses always), STORE_CONFIG (a JSON file; embedded defaults otherwise),
 * VIRTUAL_PRINTER_PORT (0 = any free port), HUB_BOOTSTRAP_ADMIN_PIN (the first admin's PIN on an
 * empty database; a random one is printed otherwise). PORT must be a real port: the station reaches the
 * hub through it.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomInt } from 'node:crypto';
import { createHub } from './app.ts';
import { defaultAllowedHosts } from './allowed-hosts.ts';
import { isHubMachine } from './net-address.ts';
import { stationGuard } from './station-guard.ts';
import { escapeHtml } from './html.ts';
import { loadStoreConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { parsePrinterUrl } from '../../kiosk/printer/printer-url.ts';
import { openPrinterFor } from '../../kiosk/printer/open-printer.ts';
import type { PrinterPort } from '../../kiosk/printer/printer-port.ts';
import { VirtualPrinter } from '../../kiosk/printer/virtual-printer.ts';
import { httpHubClient } from '../../kiosk/station/hub-client.ts';
import { listenForReprints } from '../../kiosk/station/reprints.ts';
import { createStation, stationRoutes } from '../../kiosk/station/station.ts';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

async function main(): Promise<void> {
  const env = process.env;
  const port = Number(env.PORT ?? 8080);
  const host = env.HOST ?? '0.0.0.0';
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  const config = loadStoreConfig(env.STORE_CONFIG);
  if (env.PRINTER) parsePrinterUrl(env.PRINTER); // a wrong setting stops the start with its reason

  const db = openDatabase(join(dataDir, 'hub.sqlite'));
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${port}`;
  const extraHosts = [...(env.HUB_ALLOWED_HOSTS ?? '').split(','), new URL(publicUrl).hostname];
  const hub = await createHub({
    db,
    config,
    webRoot: join(repoRoot, 'dist', 'web'),
    backupDir: join(dataDir, 'backups'),
    logger: true,
    allowedHosts: defaultAllowedHosts(extraHosts),
  });

  if (hub.store.auth.staffCount() === 0) {
    const given = env.HUB_BOOTSTRAP_ADMIN_PIN;
    if (given !== undefined && !/^\d{6,8}$/.test(given)) throw new Error('HUB_BOOTSTRAP_ADMIN_PIN must be 6–8 digits (an admin PIN)');
    const pin = given ?? String(randomInt(0, 1_000_000)).padStart(6, '0');
    hub.store.auth.bootstrapAdmin(pin);
    console.log(given ? 'first admin created with HUB_BOOTSTRAP_ADMIN_PIN' : `first admin created; PIN ${pin} (shown once: log in at /desk and add staff)`);
  }

  // The virtual printer always runs, so a manager can switch the embedded station to it.
  const virtualPrinter = new VirtualPrinter({ log: (text) => console.log(`virtual printer received:\n${text}\n`) });
  const virtualAddress = await virtualPrinter.listen(Number(env.VIRTUAL_PRINTER_PORT ?? 0));
  /** PRINTER env when given, otherwise the store setting, read at every job. */
  const openPrinter = (): PrinterPort =>
    openPrinterFor(env.PRINTER ?? hub.store.ctx.config.printer, { host: virtualAddress.address, port: virtualAddress.port });

  // The station talks to the hub over HTTP on loopback, exactly as a separate kiosk would,
  // with a device identity of its own.
  const stationToken = hub.store.auth.embeddedDeviceToken('embedded kiosk', 'kiosk');
  const station = createStation({
    hub: httpHubClient(`http://127.0.0.1:${port}`, { token: stationToken }),
    openPrinter,
    publicUrl,
    log: (message) => console.warn(message),
  });
  stationRoutes(hub.app, station, { admit: stationGuard(hub.store) });
  let stopReprints = (): void => undefined;

  // The virtual printer's receipts carry tracking links: shown only on the hub machine itself.
  hub.app.get('/printer', async (request, reply) => {
    if (!isHubMachine(request.ip)) {
      return reply.status(403).type('text/plain').send('The virtual printer page is only shown on the hub machine itself.');
    }
    const receipts = virtualPrinter.received;
    const body = receipts.length
      ? [...receipts]
          .reverse()
          .map((r) => `<h2>${escapeHtml(r.receivedAt)}</h2><pre>${escapeHtml(r.text)}</pre>`)
          .join('')
      : '<p>No receipts yet. Take a ticket at <a href="/kiosk">/kiosk</a>.</p>';
    const title = `Virtual printer (${virtualPrinter.url})`;
    return reply
      .type('text/html')
      .send(`<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>${title}</title>
<body style="font-family:monospace;max-width:60em;margin:2em auto"><h1>${escapeHtml(title)}</h1>${body}</body>`);
  });

  await hub.app.listen({ port, host });
  stopReprints = listenForReprints(`http://127.0.0.1:${port}`, stationToken, station, (m) => console.warn(m));
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  console.log(`hub listening on http://${shown}:${port}  (data: ${dataDir})`);
  console.log(`printer: ${env.PRINTER ?? hub.store.ctx.config.printer} (virtual printer at ${virtualPrinter.url} — see /printer)`);

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: closing`);
    stopReprints();
    await hub.close();
    await virtualPrinter.close();
    db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
