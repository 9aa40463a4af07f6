/** The embedded station's settings in the all-in-one: loopback to its own hub, notebook in DATA_DIR. */
import { join } from 'node:path';
import type { StationSettings } from '../kiosk/station/start-station.ts';

export function embeddedStationSettings(options: {
  hubPort: number;
  dataDir: string;
  token: string;
  /** The printer setting, read at every job (PRINTER, else the store setting a manager may change). */
  printer: () => string;
  publicUrl?: string;
}): StationSettings {
  return {
    // Over HTTP on loopback, exactly as a separate kiosk would, with a device identity of its own.
    hubUrl: `http://127.0.0.1:${options.hubPort}`,
    token: options.token,
    printer: options.printer,
    publicUrl: options.publicUrl ?? `http://localhost:${options.hubPort}`,
    dataDir: join(options.dataDir, 'station'),
  };
}
