/**
 * HID-POS barcode scanners (USB HID Point of Sale Usage Tables 1.02, Bar Code Scanner page 0x8C):
 * the Scanned Data Report carries a symbology identifier, the decoded data and a Decoded Data
 * Continued flag for codes longer than one report. The byte layout is fixed by each scanner's
 * report descriptor, and vendors differ; the known 64-byte layouts:
 *
 * `honeywell` (Honeywell, Zebra, Access-IS in HID-POS mode):
 *   byte 0 report ID 0x02 · byte 1 data length · 2–4 AIM identifier ("]Q1") · 5–60 data ·
 *   61 further symbology identifier · 63 bit 0 data continued
 * `newland` (Newland FM420/FM430, Quio QU-R-302):
 *   byte 0 report ID 0x02 · byte 1 data length · 2–57 data · 58–61 reserved ·
 *   62 vendor symbology identifier or 0x00 · 63 bit 0 data continued
 *
 * A code whose "continued" reports never end is dropped whole, and so is a fragment left
 * waiting longer than a scan takes (or across a reconnect), so it is never glued to the next
 * scan. Pure.
 */
import { RejectLog } from './reject-log.ts';

export interface HidPosLayout {
  reportId: number;
  reportLength: number;
  lengthByte: number;
  /** Where the symbology identifier sits, or null when the report carries none. */
  symbology: { start: number; length: number } | null;
  dataStart: number;
  dataCapacity: number;
  continuedByte: number;
  continuedMask: number;
}

export const HID_POS_LAYOUTS = {
  honeywell: {
    reportId: 0x02,
    reportLength: 64,
    lengthByte: 1,
    symbology: { start: 2, length: 3 },
    dataStart: 5,
    dataCapacity: 56,
    continuedByte: 63,
    continuedMask: 0x01,
  },
  newland: {
    reportId: 0x02,
    reportLength: 64,
    lengthByte: 1,
    symbology: { start: 62, length: 1 },
    dataStart: 2,
    dataCapacity: 56,
    continuedByte: 63,
    continuedMask: 0x01,
  },
} as const satisfies Record<string, HidPosLayout>;
export type HidPosLayoutName = keyof typeof HID_POS_LAYOUTS;

export const DEFAULT_HID_POS_LAYOUT: HidPosLayout = HID_POS_LAYOUTS.honeywell;

export interface HidPosScan {
  /** Symbology identifier, e.g. the AIM `]Q1`; empty when the device sent none. */
  symbology: string;
  data: Buffer;
}

const MAX_REPORTS_PER_CODE = 64;

export class HidPosDecoder {
  private pending: Buffer[] = [];
  private symbology = '';
  private lastAt = 0;
  /** Inside a runaway code: reports are dropped until one ends it. */
  private discarding = false;
  readonly rejected = new RejectLog();

  constructor(
    private readonly layout: HidPosLayout = DEFAULT_HID_POS_LAYOUT,
    private readonly options: { fragmentTimeoutMs: number } = { fragmentTimeoutMs: 1000 },
  ) {}

  /** Forgets any half-assembled code (the device was reopened). */
  reset(): void {
    this.pending = [];
    this.discarding = false;
  }

  /** Feeds one input report; returns the scan it completes, if any. Malformed reports are ignored. */
  report(bytes: ArrayLike<number>, at = Date.now()): HidPosScan | null {
    const l = this.layout;
    const report = Buffer.from(Array.from(bytes));
    if (report.length < l.reportLength || report[0] !== l.reportId) return null;
    if ((this.pending.length || this.discarding) && at - this.lastAt > this.options.fragmentTimeoutMs) {
      if (this.pending.length) this.rejected.add('incomplete code dropped after a pause');
      this.reset();
    }
    this.lastAt = at;
    const continued = (report[l.continuedByte]! & l.continuedMask) !== 0;
    if (this.discarding) {
      if (!continued) this.discarding = false;
      return null;
    }
    const length = report[l.lengthByte]!;
    if (length > l.dataCapacity) {
      this.rejected.add(`impossible length ${length}`);
      this.pending = [];
      this.discarding = continued;
      return null; // drop, and drop any half-assembled code with it
    }
    if (!this.pending.length && l.symbology) {
      this.symbology = report
        .subarray(l.symbology.start, l.symbology.start + l.symbology.length)
        .toString('latin1')
        .replace(/\0/g, '');
    } else if (!this.pending.length) this.symbology = '';
    this.pending.push(report.subarray(l.dataStart, l.dataStart + length));
    if (continued) {
      if (this.pending.length >= MAX_REPORTS_PER_CODE) {
        this.rejected.add(`continued past ${MAX_REPORTS_PER_CODE} reports`);
        this.pending = [];
        this.discarding = true;
      }
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
    if (layout.symbology) report.write(symbology.slice(0, layout.symbology.length), layout.symbology.start, 'latin1');
    chunk.copy(report, layout.dataStart);
    if (offset + layout.dataCapacity < data.length) report[layout.continuedByte] = layout.continuedMask;
    reports.push(report);
  }
  return reports;
}
