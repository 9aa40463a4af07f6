import { connect, createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_STORE } from '../../shared/src/services.ts';
import { decodeEscPos } from './escpos-decoder.ts';
import { printReceipt } from './printer-port.ts';
import { openTcpPrinter } from './tcp-printer.ts';
import { buildTicketReceipt } from './ticket-receipt.ts';
import { VirtualPrinter } from './virtual-printer.ts';

const receipt = buildTicketReceipt(
  { number: 'B007', service: 'repair', ahead: 0, issuedAtLocal: '2026-11-24 10:00', trackingUrl: 'http://hub/t/ff' },
  DEFAULT_STORE,
  { paper: 80, language: 'zh-CN' },
);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function virtualPrinter(): Promise<VirtualPrinter> {
  const printer = new VirtualPrinter();
  await printer.listen();
  cleanups.push(() => printer.close());
  return printer;
}

describe('TCP printer transport (real sockets)', () => {
  it('prints a ticket that decodes to the same number, with status asked before and after', async () => {
    const printer = await virtualPrinter();
    const next = printer.nextReceipt();
    const result = await printReceipt(openTcpPrinter({ host: '127.0.0.1', port: printer.address.port }), receipt);
    expect(result.ok).toBe(true);
    const printed = await next;
    expect(printed.receipt.lines.map((l) => l.text)).toContain('B007');
    // The raw stream holds 4 status requests before the receipt and 4 after it.
    const { statusRequests } = decodeEscPos(Buffer.concat(printer.rawBytes));
    expect(statusRequests).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
  });

  it('does not send the ticket to a printer that is out of paper, and says why', async () => {
    const printer = await virtualPrinter();
    printer.state = { paperEnd: true };
    const { port } = printer.address;
    const result = await printReceipt(openTcpPrinter({ host: '127.0.0.1', port }), receipt);
    expect(result).toMatchObject({ ok: false, fault: 'paper_end' });
    expect(printer.received).toHaveLength(0);
    expect(decodeEscPos(Buffer.concat(printer.rawBytes)).receipts).toHaveLength(0);
  });

  it('reports a cover opened during printing', async () => {
    const printer = await virtualPrinter();
    const { port } = printer.address;
    const transport = openTcpPrinter({ host: '127.0.0.1', port });
    const write = transport.write.bind(transport);
    transport.write = async (bytes) => {
      await write(bytes);
      await printer.nextReceipt();
      printer.state = { coverOpen: true };
    };
    const result = await printReceipt(transport, receipt);
    expect(result).toMatchObject({ ok: false, fault: 'cover_open' });
  });

  it('reports offline when nothing listens on the port', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((r) => server.close(() => r()));
    const result = await printReceipt(openTcpPrinter({ host: '127.0.0.1', port, timeoutMs: 1000 }), receipt);
    expect(result).toMatchObject({ ok: false, fault: 'offline' });
    expect(!result.ok && result.message).toMatch(/ECONNREFUSED/);
  });

  it('reports no_reply when the port accepts but never answers status (not a printer)', async () => {
    const server: Server = createServer((socket) => socket.on('data', () => undefined));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise((r) => server.close(() => r())));
    const port = (server.address() as { port: number }).port;
    const result = await printReceipt(openTcpPrinter({ host: '127.0.0.1', port, timeoutMs: 300 }), receipt);
    expect(result).toMatchObject({ ok: false, fault: 'no_reply' });
  });
});

/**
 * Epson ESC/POS reference, DLE EOT notes: real-time commands are processed as soon as they are
 * received, even in the middle of another command's data (e.g. bit-image data). The virtual
 * printer does the same, so a job that hides DLE EOT 4 in an image gets an extra status byte.
 */
describe('real-time commands inside image data (emulated as real printers do)', () => {
  // GS v 0, 2 bytes × 2 rows, whose data holds 10 04 04 (DLE EOT 4), then text and a cut.
  const hiddenRequest = Buffer.concat([
    Buffer.from([0x1b, 0x40, 0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0xff, 0x10, 0x04, 0x04]),
    Buffer.from('B007\n'),
    Buffer.from([0x1d, 0x56, 0x01]),
  ]);

  it('the virtual printer answers DLE EOT wherever it appears, image data included', async () => {
    const printer = await virtualPrinter();
    printer.state = { paperNearEnd: true };
    const socket = connect({ host: '127.0.0.1', port: printer.address.port });
    cleanups.push(async () => void socket.destroy());
    const printed = printer.nextReceipt();
    const reply = new Promise<Buffer>((resolve, reject) => {
      socket.once('data', resolve);
      setTimeout(() => reject(new Error('no answer within 3 s')), 3000).unref();
    });
    socket.write(hiddenRequest);
    // The answer to DLE EOT 4 with paper near end: 0x12 | 0x0c.
    expect(await reply).toEqual(Buffer.from([0x1e]));
    expect((await printed).receipt.lines.map((l) => l.text)).toEqual(['B007']);
  });

  it('reports a healthy ticket as printed although its data made the printer answer mid-job', async () => {
    const printer = await virtualPrinter();
    printer.state = { paperNearEnd: true };
    for (let attempt = 0; attempt < 5; attempt++) {
      const result = await printReceipt(openTcpPrinter({ host: '127.0.0.1', port: printer.address.port }), hiddenRequest);
      expect(result, `attempt ${attempt}`).toMatchObject({ ok: true, status: { paperNearEnd: true, online: true } });
    }
    expect(printer.received).toHaveLength(5);
  });

  it('skips bytes that cannot be status replies (e.g. an Automatic Status Back block) while waiting for one', async () => {
    // Epson ESC/POS reference, GS a / ASB: 4-byte blocks whose bytes have bit 1 clear (0xx1xx00,
    // 0xx0xx00, ...), unlike DLE EOT replies (0xx1xx10). A printer may send one at any time.
    const asb = Buffer.from([0x10, 0x00, 0x00, 0x00]);
    const server: Server = createServer((socket) =>
      socket.on('data', (chunk: Buffer) => {
        for (let i = 0; i + 2 < chunk.length; i++) {
          if (chunk[i] === 0x10 && chunk[i + 1] === 0x04) socket.write(Buffer.concat([asb, Buffer.from([0x12])]));
        }
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise((r) => server.close(() => r())));
    const port = (server.address() as { port: number }).port;
    const result = await printReceipt(openTcpPrinter({ host: '127.0.0.1', port, timeoutMs: 1000 }), receipt);
    expect(result).toMatchObject({ ok: true, status: { online: true } });
  });
});
