/**
 * `npm run devices`: the installer's tool. With no arguments it lists HID devices and serial
 * ports (what it cannot list it explains, with what to install; it still exits 0); pointed at
 * one device it prints the config snippet for station.json, which interface it opened, and then
 * every decoded input live, so an installer sees at once whether the scanner or call button works.
 *
 *   npm run devices
 *   npm run devices -- --hid 0c2e:0b61 --mode keyboard|pos|buttons [--layout honeywell|newland] [--usage-page 0x8c]
 *   npm run devices -- --serial /dev/ttyUSB0 [--baud 9600] [--terminator any|cr|lf|crlf|none]
 *                      [--buttons binary:AA55:1:1:sum8 | ascii:REGEX]
 *
 * Exit codes: 0 listed or watched; 2 the request itself was wrong or the device API is missing.
 */
import { parseArgs } from 'node:util';
import { pauseFlusher } from './device-service.ts';
import { HidButtonDecoder } from './hid-buttons.ts';
import { BootKeyboardDecoder } from './hid-keyboard.ts';
import { HID_POS_LAYOUTS, HidPosDecoder, type HidPosLayoutName } from './hid-pos.ts';
import { chooseInterface, explainHidLoadFailure, HidSource, nodeHidApi, PREFERRED_INTERFACES, type HidApi, type HidMatch } from './hid-source.ts';
import { classifyScan } from './scanned-code.ts';
import { listSerialPorts } from './serial-list.ts';
import { ButtonFrameParser, ScannerFrameParser, type ButtonFraming, type ScannerFraming } from './serial-frames.ts';
import { SerialSource } from './serial-source.ts';

class UsageError extends Error {}

const hex = (n: number, width = 4): string => `0x${n.toString(16).padStart(width, '0')}`;
const show = (code: string): void => {
  const scan = classifyScan(code);
  console.log(`scan: ${JSON.stringify(code)} → ${scan.kind}${scan.kind === 'rejected' ? ` (${scan.reason})` : ''}`);
};
const health = (h: { connected: boolean; lastError: string | null }): void =>
  console.log(`device: ${h.connected ? 'connected' : `disconnected (${h.lastError})`}`);

function parseButtons(spec: string): ButtonFraming {
  if (spec.startsWith('ascii:')) return { kind: 'ascii', pattern: spec.slice(6) };
  const [, header, idBytes, keyBytes, checksum] = spec.split(':');
  if (!header || !/^([0-9a-fA-F]{2})+$/.test(header)) throw new UsageError('--buttons binary:HEADERHEX:IDBYTES:KEYBYTES:sum8|xor8');
  return {
    kind: 'binary',
    header: header.match(/../g)!.map((h) => parseInt(h, 16)),
    idBytes: idBytes === '2' ? 2 : 1,
    keyBytes: keyBytes === '0' ? 0 : 1,
    checksum: checksum === 'xor8' ? 'xor8' : 'sum8',
  };
}

const TERMINATORS: Record<string, ScannerFraming['terminator']> = { any: 'any', cr: '\r', lf: '\n', crlf: '\r\n', none: 'none' };

async function loadHid(): Promise<{ api: HidApi } | { problem: string }> {
  try {
    const api = await nodeHidApi();
    await api.devices(); // the native library loads on first use
    return { api };
  } catch (err) {
    return { problem: explainHidLoadFailure(err) };
  }
}

async function list(): Promise<void> {
  console.log('HID devices (usage page 0x01 = keyboard-wedge scanner, 0x8c = HID-POS scanner, 0x09 = buttons):');
  const hid = await loadHid();
  if ('problem' in hid) console.log(`  (cannot list HID devices: ${hid.problem})`);
  else {
    const devices = await hid.api.devices();
    if (!devices.length) console.log('  none');
    for (const d of devices) {
      console.log(
        `  ${hex(d.vendorId).slice(2)}:${hex(d.productId).slice(2)}  interface ${d.interface ?? '?'}  usage page ${hex(d.usagePage ?? 0, 2)}  ${d.manufacturer ?? ''} ${d.product ?? ''}  ${d.path ?? ''}`,
      );
    }
  }
  console.log('Serial ports:');
  const serial = await listSerialPorts();
  if (serial.problem) console.log(`  (${serial.problem})`);
  if (!serial.ports.length) console.log('  none');
  for (const p of serial.ports) console.log(`  ${p.path}  ${p.description}`);
  console.log('\nNext: npm run devices -- --hid VID:PID --mode keyboard|pos|buttons, or --serial PATH --baud N');
}

async function watchHid(spec: string, mode: string, layoutName: string, usagePage: string | undefined): Promise<void> {
  const [vid, pid] = spec.split(':').map((x) => parseInt(x, 16));
  if (vid === undefined || pid === undefined || Number.isNaN(vid) || Number.isNaN(pid)) throw new UsageError('--hid takes VID:PID in hex, e.g. 0c2e:0b61');
  if (!['keyboard', 'pos', 'buttons'].includes(mode)) throw new UsageError('--mode is keyboard, pos or buttons');
  if (!(layoutName in HID_POS_LAYOUTS)) throw new UsageError(`--layout is one of ${Object.keys(HID_POS_LAYOUTS).join(', ')}`);
  const page = usagePage === undefined ? undefined : parseInt(usagePage, 16);
  if (page !== undefined && Number.isNaN(page)) throw new UsageError('--usage-page takes a hex number, e.g. 0x8c');
  const match: HidMatch = { vendorId: vid, productId: pid, usagePage: page, prefer: PREFERRED_INTERFACES[mode as keyof typeof PREFERRED_INTERFACES] };
  const hid = await loadHid();
  if ('problem' in hid) throw new UsageError(`cannot use HID devices: ${hid.problem}`);
  const snippet =
    mode === 'buttons'
      ? {
          callButtons: [
            { name: 'call buttons', hid: { vendorId: hex(vid), productId: hex(pid), reportId: null }, map: { '0': { counterId: '1', action: 'call-next' } } },
          ],
        }
      : {
          scanners: [
            {
              name: 'scanner',
              hid: {
                vendorId: hex(vid),
                productId: hex(pid),
                mode,
                terminator: 'enter',
                ...(mode === 'pos' ? { layout: layoutName } : {}),
                ...(page === undefined ? {} : { usagePage: hex(page, 2) }),
              },
            },
          ],
        };
  console.log(`config snippet for station.json "devices":\n${JSON.stringify(snippet, null, 2)}\n`);
  const choice = chooseInterface(await hid.api.devices(), match);
  console.log(
    choice
      ? `will open interface ${choice.interface ?? '?'} (usage page ${hex(choice.usagePage ?? 0, 2)}) at ${choice.path}`
      : 'not plugged in (or no interface with that usage page): waiting for it',
  );
  console.log('waiting for input (Ctrl-C to stop)…');
  const source = new HidSource(hid.api, match, { name: spec, kind: mode === 'buttons' ? 'call-button' : 'scanner' });
  const keyboard = new BootKeyboardDecoder();
  const flusher = pauseFlusher(keyboard, 80, show);
  const pos = new HidPosDecoder(HID_POS_LAYOUTS[layoutName as HidPosLayoutName]);
  const buttons = new HidButtonDecoder();
  source.on('open', () => {
    pos.reset();
    const o = source.opened;
    if (o) console.log(`opened interface ${o.interface ?? '?'} (usage page ${hex(o.usagePage ?? 0, 2)}) at ${o.path}`);
  });
  source.on('health', health);
  source.on('data', (r: Buffer) => {
    if (mode === 'keyboard') {
      keyboard.report(r).forEach(show);
      flusher.poke();
    } else if (mode === 'pos') {
      const scan = pos.report(r);
      if (scan) show(scan.data.toString('latin1'));
    } else buttons.report(r).forEach((b) => console.log(`button: ${b}`));
  });
  source.start();
}

function watchSerial(path: string, baud: number, terminatorName: string, buttons: string | undefined): void {
  const terminator = TERMINATORS[terminatorName];
  if (!terminator) throw new UsageError(`--terminator is one of ${Object.keys(TERMINATORS).join(', ')}`);
  if (!Number.isInteger(baud) || baud < 1200) throw new UsageError('--baud takes a rate such as 9600');
  const framing = buttons ? parseButtons(buttons) : null;
  const snippet = framing
    ? { callButtons: [{ name: 'wireless buttons', serial: { path, baudRate: baud, framing }, map: { '1': { counterId: '1', action: 'call-next' } } }] }
    : { scanners: [{ name: 'scanner', serial: { path, baudRate: baud, terminator } }] };
  console.log(`config snippet for station.json "devices":\n${JSON.stringify(snippet, null, 2)}\n\nwaiting for input (Ctrl-C to stop)…`);
  const source = new SerialSource({ path, baudRate: baud }, { name: path, kind: framing ? 'call-button' : 'scanner' });
  const scanner = new ScannerFrameParser({ prefix: '', suffix: '', terminator, interCharTimeoutMs: 80, maxLength: 512 });
  const flusher = pauseFlusher(scanner, 80, show);
  const parser = framing ? new ButtonFrameParser(framing) : null;
  let rejectedSeen = 0;
  source.on('health', health);
  source.on('data', (chunk: Buffer) => {
    console.log(`bytes: ${chunk.toString('hex')}`);
    if (parser) parser.push(chunk).forEach((p) => console.log(`button: ${p.button}`));
    else {
      scanner.push(chunk).forEach(show);
      flusher.poke();
    }
    const rejected = parser?.rejected ?? scanner.rejected;
    if (rejected.count > rejectedSeen) console.log(`rejected: ${rejected.recent.at(-1)}`);
    rejectedSeen = rejected.count;
  });
  source.start();
}

try {
  const { values } = parseArgs({
    options: {
      hid: { type: 'string' },
      mode: { type: 'string', default: 'keyboard' },
      layout: { type: 'string', default: 'honeywell' },
      'usage-page': { type: 'string' },
      serial: { type: 'string' },
      baud: { type: 'string', default: '9600' },
      terminator: { type: 'string', default: 'any' },
      buttons: { type: 'string' },
    },
  });
  if (values.hid) await watchHid(values.hid, values.mode ?? 'keyboard', values.layout ?? 'honeywell', values['usage-page']);
  else if (values.serial) watchSerial(values.serial, Number(values.baud), values.terminator ?? 'any', values.buttons);
  else await list();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
