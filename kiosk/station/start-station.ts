/**
 * The one way a station starts (DESIGN.md §2). The Electron kiosk app, `npm run station` and the
 * all-in-one `npm start` all call `startStation`, so each gets the same offline notebook, every
 * printer transport (virtual, tcp, serial, usb) and the same background work: number blocks
 * topped up, offline tickets handed over, reprints received. Entry points differ only in where
 * their settings come from and how the kiosk page reaches the station (IPC or loopback HTTP).
 */
import { join } from 'node:path';
import { openPrinterFor } from '../printer/open-printer.ts';
import type { PrinterPort } from '../printer/printer-port.ts';
import { parsePrinterUrl } from '../printer/printer-url.ts';
import type { PaperWidth } from '../printer/ticket-receipt.ts';
import { nodeUsb, type UsbLike } from '../printer/usb-printer.ts';
import { VirtualPrinter } from '../printer/virtual-printer.ts';
import { httpHubClient } from './hub-client.ts';
import { OfflineBook } from './offline-book.ts';
import { listenForReprints } from './reprints.ts';
import { createStation, type Station } from './station.ts';

export interface StationSettings {
  /** The store hub, e.g. `http://192.168.1.10:8080`. */
  hubUrl: string;
  /** This kiosk's device token from pairing; without it the hub refuses tickets and sends no reprints. */
  token?: string;
  /** The printer setting (kiosk/printer/printer-url.ts); a function is read again at every job. */
  printer: string | (() => string);
  paper?: PaperWidth;
  /** Base URL customers' phones reach, for the tracking QR code; the hub's URL by default. */
  publicUrl?: string;
  /** Folder of the offline notebook (`offline.sqlite`). */
  dataDir: string;
  hubTimeoutMs?: number;
  /** How often number blocks are topped up and offline tickets handed over (ms). */
  refreshMs?: number;
}

export interface StationDeps {
  /** Receives `virtual` print jobs; one is started in this process when not given. */
  virtualPrinter?: VirtualPrinter;
  /** WebUSB for `usb://` printers; the `usb` package when not given. */
  usb?: UsbLike;
  /** The background work waits for this (the all-in-one: until its hub listens). */
  hubReady?: Promise<unknown>;
  log?: (message: string) => void;
}

export interface RunningStation {
  station: Station;
  /** Where `virtual` jobs go (started lazily by the first one when not given). */
  virtualPrinter(): Promise<VirtualPrinter>;
  /** Settles after the first refresh (blocks reserved, if the hub answered). */
  firstRefresh: Promise<void>;
  close(): Promise<void>;
}

/** The offline notebook's file inside a station's data folder. */
export const offlineBookFile = (dataDir: string): string => join(dataDir, 'offline.sqlite');

export async function startStation(settings: StationSettings, deps: StationDeps = {}): Promise<RunningStation> {
  const log = deps.log ?? ((message: string) => console.warn(message));
  const printerSetting = typeof settings.printer === 'function' ? settings.printer : () => settings.printer as string;
  parsePrinterUrl(printerSetting()); // a wrong setting stops the start with its reason

  // The virtual printer runs in this process, listening before the first job needs it.
  let virtual = deps.virtualPrinter ?? null;
  let ownVirtual: VirtualPrinter | null = null;
  const virtualPrinter = async (): Promise<VirtualPrinter> => {
    if (!virtual) {
      ownVirtual = new VirtualPrinter({ log: (text) => (deps.log ?? console.log)(`virtual printer received:\n${text}\n`) });
      await ownVirtual.listen(0);
      virtual = ownVirtual;
    }
    return virtual;
  };
  let usb = deps.usb ?? null;
  const transports = async (): Promise<void> => {
    const kind = parsePrinterUrl(printerSetting()).kind;
    if (kind === 'virtual') await virtualPrinter();
    if (kind === 'usb' && !usb) usb = await nodeUsb();
  };
  await transports();

  const book = new OfflineBook(offlineBookFile(settings.dataDir));
  const openPrinter = (): PrinterPort => {
    const address = virtual ? { host: virtual.address.address, port: virtual.address.port } : undefined;
    return openPrinterFor(printerSetting(), address, usb ?? undefined);
  };
  const station = createStation({
    hub: httpHubClient(settings.hubUrl, { ...(settings.token ? { token: settings.token } : {}), timeoutMs: settings.hubTimeoutMs ?? 3000 }),
    openPrinter,
    publicUrl: settings.publicUrl ?? settings.hubUrl,
    paper: settings.paper ?? 80,
    offline: book,
    log,
  });

  let closed = false;
  let stopReprints = (): void => undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const background = (deps.hubReady ?? Promise.resolve()).then(async () => {
    if (closed) return;
    if (settings.token) stopReprints = listenForReprints(settings.hubUrl, settings.token, station, log);
    const refresh = (): Promise<void> =>
      (inFlight = inFlight.then(() =>
        // A printer setting changed to usb:// or virtual gets its transport ready here, too.
        Promise.all([station.refresh(), transports()]).then(
          () => undefined,
          (err: Error) => log(`station refresh failed: ${err.message}`),
        ),
      ));
    timer = setInterval(() => void refresh(), settings.refreshMs ?? 3000);
    await refresh();
  });

  return {
    station,
    virtualPrinter,
    firstRefresh: background,
    async close() {
      closed = true;
      await background.catch(() => undefined);
      clearInterval(timer);
      await inFlight;
      stopReprints();
      await ownVirtual?.close();
      book.close();
    },
  };
}
