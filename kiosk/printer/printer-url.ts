/**
 * The one printer setting (`PRINTER` env or config): `virtual`, `tcp://HOST:9100`,
 * `serial:///dev/ttyUSB0?baud=38400`, `usb://VID:PID` (hex), each with an optional
 * `?profile=ID` (printer-profiles.ts). Pure parsing with clear errors.
 */
import { DEFAULT_PROFILE_ID, findProfile, PRINTER_PROFILES, type PrinterProfile } from './printer-profiles.ts';

export type PrinterTarget =
  | { kind: 'virtual' }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'serial'; path: string; baudRate: number }
  | { kind: 'usb'; vendorId: number; productId: number };

/**
 * The printer's capability profile from the setting: `?profile=ID` names a row of
 * PRINTER_PROFILES (default: DEFAULT_PROFILE_ID); `font=raster` (no Chinese font) and
 * `qr=raster` (no native QR) narrow it further.
 */
export function printerProfile(setting: string): PrinterProfile {
  const query = setting.includes('?') ? new URLSearchParams(setting.slice(setting.indexOf('?') + 1)) : new URLSearchParams();
  const id = query.get('profile') ?? DEFAULT_PROFILE_ID;
  const base = findProfile(id);
  if (!base) throw new PrinterSettingError(`PRINTER: unknown profile "${id}"; one of ${PRINTER_PROFILES.map((p) => p.id).join(', ')}`);
  const rasterFont = query.get('font') === 'raster';
  const rasterQr = query.get('qr') === 'raster';
  if (!rasterFont && !rasterQr) return base;
  return {
    ...base,
    id: `${base.id}${rasterFont ? '+font=raster' : ''}${rasterQr ? '+qr=raster' : ''}`,
    charset: rasterFont ? null : base.charset,
    nativeQr: base.nativeQr && !rasterQr,
  };
}

export class PrinterSettingError extends Error {}

export function parsePrinterUrl(setting: string): PrinterTarget {
  const value = setting.trim();
  printerProfile(value); // an unknown profile is a wrong setting too
  if (value.split('?')[0] === 'virtual') return { kind: 'virtual' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new PrinterSettingError(`PRINTER: "${setting}" is not one of virtual, tcp://HOST:PORT, serial:///dev/PATH?baud=N, usb://VID:PID`);
  }
  switch (url.protocol) {
    case 'tcp:': {
      if (!url.hostname) throw new PrinterSettingError('PRINTER: tcp:// needs a host, e.g. tcp://192.168.1.50:9100');
      const port = url.port ? Number(url.port) : 9100;
      return { kind: 'tcp', host: url.hostname.replace(/^\[|\]$/g, ''), port };
    }
    case 'serial:': {
      const path = decodeURIComponent(url.pathname);
      if (!path || path === '/') throw new PrinterSettingError('PRINTER: serial:// needs a device path, e.g. serial:///dev/ttyUSB0');
      const baud = url.searchParams.get('baud');
      const baudRate = baud === null ? 9600 : Number(baud);
      if (!Number.isInteger(baudRate) || baudRate < 1200 || baudRate > 921600) {
        throw new PrinterSettingError(`PRINTER: baud must be a whole number from 1200 to 921600, got "${baud}"`);
      }
      return { kind: 'serial', path, baudRate };
    }
    case 'usb:': {
      const match = /^usb:\/\/([0-9a-f]{4}):([0-9a-f]{4})\/?(\?.*)?$/i.exec(value);
      if (!match) throw new PrinterSettingError('PRINTER: usb:// takes VID:PID in hex, e.g. usb://04b8:0202');
      return { kind: 'usb', vendorId: parseInt(match[1]!, 16), productId: parseInt(match[2]!, 16) };
    }
    default:
      throw new PrinterSettingError(`PRINTER: unknown scheme "${url.protocol}"; use virtual, tcp://, serial:// or usb://`);
  }
}
