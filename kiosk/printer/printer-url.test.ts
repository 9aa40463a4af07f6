import { DEFAULT_STORE, StoreConfig } from '../../shared/src/services.ts';
import { findProfile, PRINTER_PROFILES } from './printer-profiles.ts';
import { describe, expect, it } from 'vitest';
import { parsePrinterUrl, printerProfile, PrinterSettingError } from './printer-url.ts';

describe('parsePrinterUrl', () => {
  it('parses every supported form', () => {
    expect(parsePrinterUrl('virtual')).toEqual({ kind: 'virtual' });
    expect(parsePrinterUrl('tcp://192.168.1.50:9100')).toEqual({ kind: 'tcp', host: '192.168.1.50', port: 9100 });
    expect(parsePrinterUrl('tcp://printer.local')).toEqual({ kind: 'tcp', host: 'printer.local', port: 9100 });
    expect(parsePrinterUrl('serial:///dev/ttyUSB0?baud=38400')).toEqual({ kind: 'serial', path: '/dev/ttyUSB0', baudRate: 38400 });
    expect(parsePrinterUrl('serial:///dev/ttyS1')).toEqual({ kind: 'serial', path: '/dev/ttyS1', baudRate: 9600 });
    expect(parsePrinterUrl('usb://04b8:0202')).toEqual({ kind: 'usb', vendorId: 0x04b8, productId: 0x0202 });
  });

  it.each([
    ['lpt1', /not one of/],
    ['ftp://x', /unknown scheme/],
    ['serial:///dev/ttyUSB0?baud=fast', /baud must be/],
    ['usb://4b8', /VID:PID/],
    ['tcp://', /not one of|needs a host/],
  ])('explains what is wrong with %s', (setting, message) => {
    expect(() => parsePrinterUrl(setting)).toThrow(PrinterSettingError);
    expect(() => parsePrinterUrl(setting)).toThrow(message);
  });
});

describe('printerProfile', () => {
  it('reads raster fallbacks from the setting, and defaults to the printer itself', () => {
    expect(printerProfile('tcp://10.0.0.5:9100')).toMatchObject({ id: 'cn-80-gbk', charset: 'GBK', nativeQr: true });
    expect(printerProfile('serial:///dev/ttyS0?baud=9600&font=raster&qr=raster')).toMatchObject({ charset: null, nativeQr: false });
    expect(printerProfile('virtual?qr=raster')).toMatchObject({ charset: 'GBK', nativeQr: false });
    expect(printerProfile('tcp://10.0.0.5:9100?profile=epson-tm-t88')).toMatchObject({ id: 'epson-tm-t88', dots: { 80: 512 }, realtimeSwitch: true });
    expect(printerProfile('usb://04b8:0202?profile=cn-80-gb2312&font=raster')).toMatchObject({ charset: null, dots: { 80: 576 } });
    expect(() => parsePrinterUrl('tcp://10.0.0.5:9100?profile=tm-t1000')).toThrow(/unknown profile "tm-t1000"; one of epson-tm-t88/);
    expect(parsePrinterUrl('virtual?qr=raster')).toEqual({ kind: 'virtual' });
    expect(parsePrinterUrl('tcp://10.0.0.5:9100?font=raster')).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 9100 });
  });
});

describe('printer profiles in the store setting', () => {
  it('the hub accepts every profile id in the printer setting, and the station reads it back', () => {
    for (const { id } of PRINTER_PROFILES) {
      const setting = `tcp://10.0.0.5:9100?profile=${id}&qr=raster`;
      expect(StoreConfig.parse({ ...DEFAULT_STORE, printer: setting }).printer).toBe(setting);
      expect(printerProfile(setting)).toMatchObject({ nativeQr: false, dots: findProfile(id)!.dots });
    }
  });
});
