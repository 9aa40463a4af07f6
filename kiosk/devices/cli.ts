/**
 * `npm run devices`: the installer's tool. With no arguments it lists HID devices and serial
 * ports; pointed at one it prints the config snippet for station.json and then every decoded
 * input live, so an installer sees at once whether the scanner or call button works.
 *
 *   npm run devices
 *   npm run devices -- --hid 0c2e:0b61 --mode keyboard|pos|buttons
 *   npm run devices -- --serial /dev/ttyUSB0 [--baud 9600] [--buttons binary:AA55:1:1:sum8 | ascii:REGEX]
 */
import { parseArgs } from 'node:util';
import { SerialPort } from 'serialport';
import { HidButtonDecoder } from './hid-buttons.ts';
import { BootKeyboardDecoder } from './hid-keyboard.ts';
import { HidPosDecoder } from './hid-pos.ts';
import { HidSource, nodeHidApi } from './hid-source.ts';
import { classifyScan } from './scanned-code.ts';
import { ButtonFrameParser, ScannerFrameParser, type ButtonFraming } from './serial-frames.ts';
import { SerialSource } from './serial-source.ts';

const { values } = parseArgs({
  options: {
    hid: { type: 'string' },
    mode: { type: 'string', default: 'keyboard' },
    serial: { type: 'string' },
    baud: { type: 'string', default: '9600' },
    buttons: { type: 'string' },
  },
});

const hex = (n: number): string => `0x${n.toString(16).padStart(4, '0')}`;
const show = (code: string): void => {
  const scan = classifyScan(code);
  console.log(`scan: ${JSON.stringify(code)} → ${scan.kind}${scan.kind === 'rejected' ? ` (${scan.reason})` : ''}`);
};

function parseButtons(spec: string): ButtonFraming {
  if (spec.startsWith('ascii:')) return { kind: 'ascii', pattern: spec.slice(6) };
  const [, header, idBytes, keyBytes, checksum] = spec.split(':');
  if (!header || !/^([0-9a-fA-F]{2})+$/.test(header)) throw new Error('--buttons binary:HEADERHEX:IDBYTES:KEYBYTES:sum8|xor8');
  return {
    kind: 'binary',
    header: header.match(/../g)!.map((h) => parseInt(h, 16)),
    idBytes: idBytes === '2' ? 2 : 1,
    keyBytes: keyBytes === '0' ? 0 : 1,
    checksum: checksum === 'xor8' ? 'xor8' : 'sum8',
  };
}

async function list(): Promise<void> {
  console.log('HID devices (usage page 0x01 = keyboard-wedge scanner, 0x8c = HID-POS scanner):');
  try {
    const hid = await nodeHidApi();
    const devices = hid.devices();
    if (!devices.length) console.log('  none');
    for (const d of devices) console.log(`  ${hex(d.vendorId)}:${hex(d.productId).slice(2)}  usage page ${hex(d.usagePage ?? 0)}  ${d.manufacturer ?? ''} ${d.product ?? ''}  ${d.path ?? ''}`);
  } catch (err) {
    console.log(`  (cannot list HID devices: ${err instanceof Error ? err.message : String(err)})`);
  }
  console.log('Serial ports:');
  const ports = await SerialPort.list();
  if (!ports.length) console.log('  none');
  for (const p of ports) console.log(`  ${p.path}  ${p.manufacturer ?? ''} ${p.vendorId ? `${p.vendorId}:${p.productId}` : ''}`);
  console.log('\nNext: npm run devices -- --hid VID:PID --mode keyboard|pos|buttons, or --serial PATH --baud N');
}

async function watchHid(spec: string, mode: string): Promise<void> {
  const [vid, pid] = spec.split(':').map((x) => parseInt(x, 16));
  if (vid === undefined || pid === undefined || Number.isNaN(vid) || Number.isNaN(pid)) throw new Error('--hid takes VID:PID in hex, e.g. 0c2e:0b61');
  const snippet =
    mode === 'buttons'
      ? { callButtons: [{ name: 'call buttons', hid: { vendorId: hex(vid), productId: hex(pid), reportId: null }, map: { '0': { counterId: '1', action: 'call-next' } } }] }
      : { scanners: [{ name: 'scanner', hid: { vendorId: hex(vid), productId: hex(pid), mode, terminator: 'enter' } }] };
  console.log(`config snippet for station.json "devices":\n${JSON.stringify(snippet, null, 2)}\n\nwaiting for input (Ctrl-C to stop)…`);
  const source = new HidSource(await nodeHidApi(), { vendorId: vid, productId: pid }, { name: spec, kind: mode === 'buttons' ? 'call-button' : 'scanner' });
  const keyboard = new BootKeyboardDecoder();
  const pos = new HidPosDecoder();
  const buttons = new HidButtonDecoder();
  source.on('health', (h) => console.log(`device: ${h.connected ? 'connected' : `disconnected (${h.lastError})`}`));
  source.on('report', (r: Buffer) => {
    if (mode === 'keyboard') keyboard.report(r).forEach(show);
    else if (mode === 'pos') {
      const scan = pos.report(r);
      if (scan) show(scan.data.toString('latin1'));
    } else buttons.report(r).forEach((b) => console.log(`button: ${b}`));
  });
  source.start();
}

function watchSerial(path: string, baud: number, buttons: string | undefined): void {
  const framing = buttons ? parseButtons(buttons) : null;
  const snippet = framing
    ? { callButtons: [{ name: 'wireless buttons', serial: { path, baudRate: baud, framing }, map: { '1': { counterId: '1', action: 'call-next' } } }] }
    : { scanners: [{ name: 'scanner', serial: { path, baudRate: baud, terminator: '\r' } }] };
  console.log(`config snippet for station.json "devices":\n${JSON.stringify(snippet, null, 2)}\n\nwaiting for input (Ctrl-C to stop)…`);
  const source = new SerialSource({ path, baudRate: baud }, { name: path, kind: framing ? 'call-button' : 'scanner' });
  const scanner = new ScannerFrameParser();
  const parser = framing ? new ButtonFrameParser(framing) : null;
  source.on('health', (h) => console.log(`device: ${h.connected ? 'connected' : `disconnected (${h.lastError})`}`));
  source.on('data', (chunk: Buffer) => {
    console.log(`bytes: ${chunk.toString('hex')}`);
    if (parser) parser.push(chunk).forEach((p) => console.log(`button: ${p.button}`));
    else scanner.push(chunk).forEach(show);
  });
  source.start();
}

try {
  if (values.hid) await watchHid(values.hid, values.mode ?? 'keyboard');
  else if (values.serial) watchSerial(values.serial, Number(values.baud), values.buttons);
  else await list();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
