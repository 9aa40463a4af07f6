// The `escpos` package ships no types; we use its Printer only as a command builder.
declare module 'escpos' {
  interface MutableBuffer {
    write(data: string | Buffer): void;
    flush(): Buffer;
  }
  export class Printer {
    constructor(adapter: { write(data: Buffer, cb?: (err?: Error) => void): void }, options?: { encoding?: string });
    buffer: MutableBuffer;
    encode(encoding: string): this;
    align(align: 'lt' | 'ct' | 'rt'): this;
    font(family: 'a' | 'b'): this;
    style(type: 'b' | 'i' | 'u' | 'normal' | 'NORMAL' | 'B'): this;
    size(width: number, height: number): this;
    text(content: string, encoding?: string): this;
    feed(lines?: number): this;
    drawLine(): this;
    cut(partial?: boolean, feed?: number): this;
  }
  const escpos: { Printer: typeof Printer };
  export default escpos;
}
