/** Opens the printer a setting names, for one job. USB printers need the station app on the kiosk. */
import type { PrinterPort } from './printer-port.ts';
import { parsePrinterUrl, printerProfile, PrinterSettingError } from './printer-url.ts';
import { openSerialPrinter } from './serial-printer.ts';
import { openTcpPrinter } from './tcp-printer.ts';
import { openUsbPrinter, type UsbLike } from './usb-printer.ts';

export function openPrinterFor(setting: string, virtualPrinter?: { host: string; port: number }, usb?: UsbLike): PrinterPort {
  const port = openTarget(setting, virtualPrinter, usb);
  port.profile = printerProfile(setting);
  return port;
}

function openTarget(setting: string, virtualPrinter?: { host: string; port: number }, usb?: UsbLike): PrinterPort {
  const target = parsePrinterUrl(setting);
  switch (target.kind) {
    case 'virtual':
      if (!virtualPrinter) throw new PrinterSettingError('PRINTER: virtual is only available inside the hub (npm start)');
      return openTcpPrinter(virtualPrinter);
    case 'tcp':
      return openTcpPrinter({ host: target.host, port: target.port });
    case 'serial':
      return openSerialPrinter({ path: target.path, baudRate: target.baudRate });
    case 'usb':
      if (!usb) throw new PrinterSettingError('PRINTER: usb:// needs the station app (npm run station or the kiosk app), not the hub');
      return openUsbPrinter(usb, { vendorId: target.vendorId, productId: target.productId });
  }
}
