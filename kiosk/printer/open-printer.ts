/** Opens the printer a setting names, for one job. USB printers need the station app on the kiosk. */
import type { PrinterPort } from './printer-port.ts';
import { parsePrinterUrl, printerProfile, PrinterSettingError } from './printer-url.ts';
import { openSerialPrinter } from './serial-printer.ts';
import { openTcpPrinter } from './tcp-printer.ts';

export function openPrinterFor(setting: string, virtualPrinter?: { host: string; port: number }): PrinterPort {
  const port = openTarget(setting, virtualPrinter);
  port.profile = printerProfile(setting);
  return port;
}

function openTarget(setting: string, virtualPrinter?: { host: string; port: number }): PrinterPort {
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
      throw new PrinterSettingError('PRINTER: usb:// printers are not driven yet; set the printer to its virtual COM (serial://) or network (tcp://) mode');
  }
}
