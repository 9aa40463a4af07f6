/**
 * `npm start`: everything on one machine with no hardware needed — the hub with its SQLite
 * database, a kiosk station embedded in the same process (the same `startStation` as a kiosk
 * PC's) and a virtual printer whose receipts are shown at /printer. A composition root only:
 * the hub knows nothing of stations or printers.
 *
 * Environment: the hub's (PORT, HOST, DATA_DIR, STORE_CONFIG, HUB_BOOTSTRAP_ADMIN_PIN; see
 * hub/src/start-hub.ts) and PRINTER (the store setting, `virtual` by default), PUBLIC_URL
 * (http://localhost:PORT), VIRTUAL_PRINTER_PORT (0 = any free port). PORT must be a real port:
 * the station reaches the hub through it.
 */
import { isHubMachine } from '../hub/src/net-address.ts';
import { stationGuard } from '../hub/src/station-guard.ts';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeHtml } from '../hub/src/html.ts';
import { closeOnSignals, hubSettingsFromEnv, openHub } from '../hub/src/start-hub.ts';
import { parsePrinterUrl } from '../kiosk/printer/printer-url.ts';
import { VirtualPrinter } from '../kiosk/printer/virtual-printer.ts';
import { startStation } from '../kiosk/station/start-station.ts';
import { stationRoutes } from '../kiosk/station/station.ts';
import { embeddedStationSettings } from './station-settings.ts';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

async function main(): Promise<void> {
  const env = process.env;
  if (env.PRINTER) parsePrinterUrl(env.PRINTER); // a wrong setting stops the start with its reason
  const opened = await openHub(hubSettingsFromEnv(env, join(repoRoot, 'dist', 'web')));
  const { hub, settings } = opened;

  // The virtual printer always runs, so a manager can switch the embedded station to it.
  const virtualPrinter = new VirtualPrinter({ log: (text) => console.log(`virtual printer received:\n${text}\n`) });
  await virtualPrinter.listen(Number(env.VIRTUAL_PRINTER_PORT ?? 0));

  let hubListening = (): void => undefined;
  const station = await startStation(
    embeddedStationSettings({
      hubPort: settings.port,
      dataDir: settings.dataDir,
      token: hub.store.auth.embeddedDeviceToken('embedded kiosk', 'kiosk'),
      printer: () => env.PRINTER ?? hub.store.ctx.config.printer,
      publicUrl: opened.publicUrl.url,
    }),
    { virtualPrinter, hubReady: new Promise<void>((resolveReady) => (hubListening = resolveReady)) },
  );
  // Only the kiosk screen on this machine or a paired kiosk may issue tickets and surveys.
  stationRoutes(hub.app, station.station, { admit: stationGuard(hub.store) });
  hub.app.get('/printer', async (request, reply) => {
    // The virtual printer's receipts carry tracking links: shown only on the hub machine itself.
    if (!isHubMachine(request.ip)) {
      return reply.status(403).type('text/plain').send('The virtual printer page is only shown on the hub machine itself.');
    }
    return reply.type('text/html').send(printerPage(virtualPrinter));
  });

  await opened.listen();
  hubListening();
  console.log(`printer: ${env.PRINTER ?? hub.store.ctx.config.printer} (virtual printer at ${virtualPrinter.url} — see /printer)`);

  closeOnSignals(async () => {
    await station.close();
    await opened.close();
    await virtualPrinter.close();
  });
}

function printerPage(virtualPrinter: VirtualPrinter): string {
  const receipts = virtualPrinter.received;
  const body = receipts.length
    ? [...receipts]
        .reverse()
        .map((r) => `<h2>${escapeHtml(r.receivedAt)}</h2><pre>${escapeHtml(r.text)}</pre>`)
        .join('')
    : '<p>No receipts yet. Take a ticket at <a href="/kiosk">/kiosk</a>.</p>';
  const title = `Virtual printer (${virtualPrinter.url})`;
  return `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>${title}</title>
<body style="font-family:monospace;max-width:60em;margin:2em auto"><h1>${escapeHtml(title)}</h1>${body}</body>`;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
