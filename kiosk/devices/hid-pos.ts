/**
 * HID-POS barcode scanners (USB HID Point of Sale Usage Tables, Bar Code Scanner page 0x8C):
 * the Scanned Data Report carries the AIM symbology identifier (usages 0xFB–0xFD), the decoded
 * data (0xFE) and a Decoded Data Continued flag (0xFF) for codes longer than one report. The
 * byte layout is fixed by each scanner's report descriptor; the default matches the common
 * 64-byte report used by Zebra/Honeywell scanners in HID-POS mode:
 *
 *   byte 0       report ID (0x02)
 *   byte 1       length of the decoded data in this report
 *   bytes 2–4    AIM symbology identifier, e.g. "]Q1" (QR Code), "]C0" (Code 128)
 *   bytes 5–60   decoded data, zero padded
 *   byte 63      bit 0: decoded data continues in the next report
 *
 * Pure.
 */

export interface HidPosLayout {
  reportId: number;
  reportLength: number;
  lengthByte: number;
  aimStart: number;
  dataStart: number;
  dataCapacity: number;
  continuedByte: number;
  continuedMask: number;
}

export const DEFAULT_HID_POS_LAYOUT: HidPosLayout = {
  reportId: 0x02,
  reportLength: 64,
  lengthByte: 1,
  aimStart: 2,
  dataStart: 5,
  dataCapacity: 56,
  continuedByte: 63,
  continuedMask: 0x01,
};

export interface HidPosScan {
  /** AIM symbology identifier, e.g. `]Q1`. */
  symbology: string;
  data: Buffer;
}

export class HidPosDecoder {
  private pending: Buffer[] = [];
  private symbology = '';

  constructor(private readonly layout: HidPosLayout = DEFAULT_HID_POS_LAYOUT) {}

  /** Feeds one input report; returns the scan it completes, if any. Malformed reports are ignored. */
  report(bytes: ArrayLike<number>): HidPosScan | null {
    const l = this.layout;
    const report = Buffer.from(Array.from(bytes));
    if (report.length < l.reportLength || report[0] !== l.reportId) return null;
    const length = report[l.lengthByte]!;
    if (length > l.dataCapacity) {
      this.pending = [];
      return null; // impossible length: drop, and drop any half-assembled code with it
    }
    if (!this.pending.length) this.symbology = report.subarray(l.aimStart, l.aimStart + 3).toString('latin1').replace(/\0/g, '');
    this.pending.push(report.subarray(l.dataStart, l.dataStart + length));
    if (report[l.continuedByte]! & l.continuedMask) {
      if (this.pending.length > 64) this.pending = []; // runaway continuation: give up
      return null;
    }
    const data = Buffer.concat(this.pending);
    this.pending = [];
    return { symbology: this.symbology, data };
  }
}

/** Builds HID-POS reports for a code, split over continuation reports as a scanner does. */
export function hidPosReportsFor(data: Buffer, symbology = ']Q1', layout: HidPosLayout = DEFAULT_HID_POS_LAYOUT): Buffer[] {
  const reports: Buffer[] = [];
  for (let offset = 0; offset < data.length || reports.length === 0; offset += layout.dataCapacity) {
    const chunk = data.subarray(offset, offset + layout.dataCapacity);
    const report = Buffer.alloc(layout.reportLength);
    report[0] = layout.reportId;
    report[layout.lengthByte] = chunk.length;
    report.write(symbology, layout.aimStart, 'latin1');
    chunk.copy(report, layout.dataStart);
    if (offset + layout.dataCapacity < data.length) report[layout.continuedByte] = layout.continuedMask;
    reports.push(report);
  }
  return reports;
}
