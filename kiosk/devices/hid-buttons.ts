/**
 * USB HID call buttons: each button is one bit of an input report (a vendor "button array",
 * usage page 0x09 Button). A press is a bit going from 0 to 1; holding it does not repeat. Pure.
 */
export class HidButtonDecoder {
  private previous: number[] = [];

  /** `reportId`: when set, only reports starting with it count, and that byte is skipped. */
  constructor(private readonly reportId: number | null = null) {}

  /** Returns the indexes (0-based bit numbers over the report's bytes) newly pressed. */
  report(bytes: ArrayLike<number>): number[] {
    let data = Array.from(bytes);
    if (this.reportId !== null) {
      if (data[0] !== this.reportId) return [];
      data = data.slice(1);
    }
    const pressed: number[] = [];
    data.forEach((byte, i) => {
      const before = this.previous[i] ?? 0;
      for (let bit = 0; bit < 8; bit++) if (byte & (1 << bit) && !(before & (1 << bit))) pressed.push(i * 8 + bit);
    });
    this.previous = data;
    return pressed;
  }
}
