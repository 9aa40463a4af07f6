/**
 * The station app's own settings (one JSON file per machine): which role it plays, where the
 * hub is, and for a kiosk, its printer. Plain Node; no Electron import.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { validationError } from '../../shared/src/validation.ts';
import { DevicesConfig } from '../devices/device-config.ts';
import { parsePrinterUrl } from '../printer/printer-url.ts';
import type { StationSettings } from '../station/start-station.ts';

export const StationRole = z.enum(['kiosk', 'desk', 'display']);
export type StationRole = z.infer<typeof StationRole>;

export const StationConfig = z.strictObject({
  role: StationRole,
  /** The store hub, e.g. `http://192.168.1.10:8080`. */
  hubUrl: z.url({ protocol: /^https?$/, error: 'hubUrl must be an http(s) URL' }),
  /** Printer setting (kiosk role): `tcp://HOST:9100`, `serial:///dev/ttyUSB0?baud=38400`, `usb://VID:PID`. */
  printer: z
    .string()
    .refine((value) => {
      try {
        parsePrinterUrl(value);
        return true;
      } catch {
        return false;
      }
    }, 'printer must be virtual, tcp://HOST:PORT, serial:///dev/PATH?baud=N or usb://VID:PID')
    .default('virtual'),
  paper: z.union([z.literal(58), z.literal(80)]).default(80),
  /** This station's device token, from pairing with the hub (POST /api/devices/pair). */
  deviceToken: z.string().min(20).optional(),
  /** Scanners and call buttons of this station (see kiosk/devices/device-config.ts). */
  devices: DevicesConfig.optional(),
  /** Full-screen kiosk window without window chrome. Off only for setting up. */
  fullscreen: z.boolean().default(true),
});
export type StationConfig = z.infer<typeof StationConfig>;

export function loadStationConfig(file: string): StationConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`station config ${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const parsed = StationConfig.safeParse(raw);
  if (!parsed.success) throw new Error(`station config ${file}: ${validationError(parsed.error, 'config').message}`);
  return parsed.data;
}

/** The page a role shows, on the hub that serves it. */
export function pageUrl(config: StationConfig): string {
  return new URL(`/${config.role}`, config.hubUrl).toString();
}

/** The station settings of a kiosk app: its offline notebook lives in the app's data folder. */
export function kioskStationSettings(config: StationConfig, userDataDir: string): StationSettings {
  return {
    hubUrl: config.hubUrl,
    ...(config.deviceToken ? { token: config.deviceToken } : {}),
    printer: config.printer,
    paper: config.paper,
    dataDir: join(userDataDir, 'station'),
  };
}
