/**
 * Printer status from the replies to DLE EOT n (Epson real-time status). Every reply byte has
 * the fixed pattern 0xx1xx10 (bits 1 and 4 set, bits 0 and 7 clear); anything else is not a
 * status byte. Pure.
 */
export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperEnd: boolean;
  paperNearEnd: boolean;
  error: boolean;
}

export type PrinterFault = 'offline' | 'cover_open' | 'paper_end' | 'error' | 'no_reply';

export const DLE_EOT = (n: 1 | 2 | 3 | 4): Buffer => Buffer.from([0x10, 0x04, n]);

export function isStatusByte(byte: number): boolean {
  return (byte & 0b1001_0011) === 0b0001_0010;
}

/** Combines replies to DLE EOT 1 (printer), 2 (offline cause), 3 (error), 4 (paper sensor). */
export function parseStatus(replies: { printer: number; offline: number; error: number; paper: number }): PrinterStatus {
  for (const [name, byte] of Object.entries(replies)) {
    if (!isStatusByte(byte)) throw new Error(`not a DLE EOT status byte for ${name}: 0x${byte.toString(16)}`);
  }
  return {
    online: (replies.printer & 0x08) === 0,
    coverOpen: (replies.offline & 0x04) !== 0,
    paperEnd: (replies.offline & 0x20) !== 0 || (replies.paper & 0x60) !== 0,
    paperNearEnd: (replies.paper & 0x0c) !== 0,
    error: (replies.error & 0x6c) !== 0 || (replies.offline & 0x40) !== 0,
  };
}

/** The fault that stops printing, if any; paper near end is a warning, not a fault. */
export function faultOf(status: PrinterStatus): PrinterFault | null {
  if (status.coverOpen) return 'cover_open';
  if (status.paperEnd) return 'paper_end';
  if (status.error) return 'error';
  if (!status.online) return 'offline';
  return null;
}

/** Reply bytes a printer in the given state sends; used by the virtual printer. */
export function statusReplies(state: { coverOpen?: boolean; paperEnd?: boolean; paperNearEnd?: boolean }): Record<1 | 2 | 3 | 4, number> {
  const offline = Boolean(state.coverOpen || state.paperEnd);
  return {
    1: 0x12 | (offline ? 0x08 : 0),
    2: 0x12 | (state.coverOpen ? 0x04 : 0) | (state.paperEnd ? 0x20 : 0),
    3: 0x12,
    4: 0x12 | (state.paperNearEnd ? 0x0c : 0) | (state.paperEnd ? 0x60 : 0),
  };
}
