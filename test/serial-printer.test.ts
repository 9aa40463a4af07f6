/**
 * Printing over a real serial line: a socat pty pair, the real `serialport` binding on the
 * kiosk side, and a printer on the other end that answers DLE EOT and decodes what it receives.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STORE } from '../shared/src/services.ts';
import { EscPosDecoder, type Receipt } from '../kiosk/printer/escpos-decoder.ts';
import { printReceipt } from '../kiosk/printer/printer-port.ts';
import { statusReplies, type PrinterFault } from '../kiosk/printer/printer-status.ts';
import { openSerialPrinter } from '../kiosk/printer/serial-printer.ts';
import { buildTicketReceipt } from '../kiosk/printer/ticket-receipt.ts';
import { PtyPair } from './helpers/socat.ts';
import { until } from './helpers/until.ts';

const dir = mkdtempSync(join(tmpdir(), 'serial-printer-'));
const line = new PtyPair(join(dir, 'printer'), join(dir, 'printer-peer'));
let printerEnd: SerialPort;
const receipts: Receipt[] = [];
let state: { paperEnd?: boolean } = {};

beforeAll(async () => {
  await line.start();
  printerEnd = new SerialPort({ path: line.peer, baudRate: 38400 });
  await new Promise((r) => printerEnd.once('open', r));
  const decoder = new EscPosDecoder({
    onStatusRequest: (n) => printerEnd.write(Buffer.from([statusReplies(state)[n]])),
    onReceipt: (r) => receipts.push(r),
  });
  printerEnd.on('data', (chunk: Buffer) => {
    if (state.paperEnd) {
      // Out of paper: answers status, prints nothing.
      new EscPosDecoder({ onStatusRequest: (n) => printerEnd.write(Buffer.from([statusReplies(state)[n]])) }).push(chunk);
    } else decoder.push(chunk);
  });
});

afterAll(async () => {
  await new Promise<void>((r) => (printerEnd?.isOpen ? printerEnd.close(() => r()) : r()));
  await line.stop();
});

const ticket = (number: string) =>
  buildTicketReceipt({ number, service: 'maintenance', ahead: 2, issuedAtLocal: '2026-11-24 09:41', trackingUrl: 'http://hub/t/ab' }, DEFAULT_STORE, {
    paper: 58,
    language: 'zh-CN',
  });

describe('serial printer', () => {
  it('prints a ticket that decodes to the same number, confirmed by DLE EOT', async () => {
    const result = await printReceipt(openSerialPrinter({ path: line.path, baudRate: 38400 }), ticket('A017'));
    expect(result.ok).toBe(true);
    await until(() => receipts.length === 1, 'receipt');
    expect(receipts[0]!.lines.map((l) => l.text)).toEqual(expect.arrayContaining(['A017', '保养']));
    expect(receipts[0]!.qrCodes[0]?.data).toBe('http://hub/t/ab');
  });

  it('sends nothing to a printer out of paper, and says so', async () => {
    state = { paperEnd: true };
    const result = await printReceipt(openSerialPrinter({ path: line.path, baudRate: 38400 }), ticket('A018'));
    expect(result.ok ? null : (result.fault as PrinterFault)).toBe('paper_end');
    state = {};
    expect(receipts).toHaveLength(1);
  });
});
