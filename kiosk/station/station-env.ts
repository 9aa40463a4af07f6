/**
 * `npm run station`'s settings from its environment: HUB_URL and STATION_TOKEN (required),
 * PRINTER (virtual), STATION_PORT (8081), STATION_DATA (./data/station), PUBLIC_URL (HUB_URL),
 * PAPER (80).
 */
import { resolve } from 'node:path';
import type { StationSettings } from './start-station.ts';

export interface StationServerSettings {
  station: StationSettings;
  /** Loopback port the kiosk page and the station's HTTP face are served on. */
  port: number;
}

export function stationSettingsFromEnv(env: NodeJS.ProcessEnv): StationServerSettings {
  const hubUrl = env.HUB_URL;
  const token = env.STATION_TOKEN;
  if (!hubUrl || !token) throw new Error('HUB_URL and STATION_TOKEN are required (pair the kiosk: POST /api/devices/pair {code})');
  return {
    port: Number(env.STATION_PORT ?? 8081),
    station: {
      hubUrl,
      token,
      printer: env.PRINTER || 'virtual',
      publicUrl: env.PUBLIC_URL ?? hubUrl,
      paper: env.PAPER === '58' ? 58 : 80,
      dataDir: resolve(env.STATION_DATA ?? 'data/station'),
    },
  };
}
