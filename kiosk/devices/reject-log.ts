/**
 * What a decoder refused, kept bounded: a running count and the last few reasons (a device
 * babbling a million bad lines must not grow memory). Pure.
 */
export class RejectLog {
  count = 0;
  private readonly ring: string[] = [];

  constructor(private readonly keep = 16) {}

  add(reason: string): void {
    this.count++;
    this.ring.push(reason);
    if (this.ring.length > this.keep) this.ring.shift();
  }

  /** The most recent reasons, oldest first. */
  get recent(): readonly string[] {
    return this.ring;
  }
}
