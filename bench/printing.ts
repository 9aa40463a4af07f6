/**
 * Kiosk confirm → first byte at the printer: the kiosk's HTTP request to its station (which
 * issues the ticket at the hub and prints over TCP) until the printer's socket receives the
 * first byte of the ticket, against the real hub process and a TCP printer.
 */
import { createServer, type Socket } from 'node:net';
import { percentile } from '../hub/src/domain/day-stats.ts';
import { statusReplies } from '../kiosk/printer/printer-status.ts';
import { HubProcess } from '../test/helpers/hub-process.ts';

export async function runPrintingBench(samples = 30): Promise<string[]> {
  let firstTicketByte: (() => void) | null = null;
  const printer = createServer((socket: Socket) => {
    socket.on('data', (chunk: Buffer) => {
      // Answer status requests like an online printer; note when ticket bytes (ESC @) start.
      for (let i = 0; i + 2 < chunk.length; i++)
        if (chunk[i] === 0x10 && chunk[i + 1] === 0x04) socket.write(Buffer.from([statusReplies({})[chunk[i + 2] as 1]]));
      if (chunk.includes(Buffer.from([0x1b, 0x40]))) firstTicketByte?.();
    });
  });
  await new Promise<void>((r) => printer.listen(0, '127.0.0.1', () => r()));
  const port = (printer.address() as { port: number }).port;
  const hub = new HubProcess({ entry: 'all-in-one', env: { PRINTER: `tcp://127.0.0.1:${port}` } });
  await hub.start();
  try {
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const arrived = new Promise<number>((resolve) => (firstTicketByte = () => resolve(performance.now())));
      const sent = performance.now();
      const answer = hub.post('/station/tickets', { service: 'maintenance', idempotencyKey: `print-bench-${i}-${Date.now()}` });
      times.push((await arrived) - sent);
      await answer;
    }
    times.sort((a, b) => a - b);
    return [
      `kiosk confirm → first ticket byte at a TCP printer (${samples} tickets, status check included): median ${percentile(times, 50)!.toFixed(1)} ms, p90 ${percentile(times, 90)!.toFixed(1)} ms`,
    ];
  } finally {
    await hub.stop();
    printer.close();
  }
}
