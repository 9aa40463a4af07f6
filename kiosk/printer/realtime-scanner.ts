/**
 * Finds DLE EOT n (n = 1..4) anywhere in a raw byte stream, as a printer's receive routine does:
 * real-time commands are run on reception, even inside another command's data (Epson ESC/POS
 * reference, DLE EOT). Sequences split across chunks are found too. Pure.
 */
import type { StatusRequest } from './escpos-decoder.ts';

export class RealtimeScanner {
  private tail: Buffer = Buffer.alloc(0);

  constructor(private readonly onStatusRequest: (n: StatusRequest) => void) {}

  push(chunk: Uint8Array): void {
    const data = this.tail.length ? Buffer.concat([this.tail, chunk]) : Buffer.from(chunk);
    let k = 0;
    for (; k + 2 < data.length; k++) {
      const n = data[k + 2]!;
      if (data[k] === 0x10 && data[k + 1] === 0x04 && n >= 1 && n <= 4) {
        this.onStatusRequest(n as StatusRequest);
        k += 2;
      }
    }
    // Keep what could still start a sequence (at most the last two bytes).
    this.tail = Buffer.from(data.subarray(Math.max(k, data.length - 2)));
  }
}

/** How many DLE EOT requests a printer will find in these bytes (and answer, one byte each). */
export function countStatusRequests(bytes: Uint8Array): number {
  let count = 0;
  new RealtimeScanner(() => count++).push(bytes);
  return count;
}
