/**
 * Raster fallbacks for printers that lack a Chinese font or native QR codes (DESIGN.md §2:
 * choose commands by a printer capability profile): text is drawn with a CJK font from the
 * system (Noto Sans CJK), QR codes from their module matrix, and both sent as `GS v 0` raster
 * images (ESC/POS "print raster bit image", 1 bit per dot, most significant bit first).
 */
import { createCanvas } from '@napi-rs/canvas';
import QRCode from 'qrcode';

export interface Bitmap {
  width: number;
  height: number;
  /** One byte per dot: 1 black, 0 white. */
  dots: Uint8Array;
}

/** ESC/POS `GS v 0 m xL xH yL yH d…` for a bitmap (normal density). */
export function rasterCommand(bitmap: Bitmap): Buffer {
  const bytesPerRow = Math.ceil(bitmap.width / 8);
  const data = Buffer.alloc(bytesPerRow * bitmap.height);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      if (bitmap.dots[y * bitmap.width + x]) data[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([
    Buffer.from([0x1d, 0x76, 0x30, 0, bytesPerRow & 0xff, bytesPerRow >> 8, bitmap.height & 0xff, bitmap.height >> 8]),
    data,
  ]);
}

/** A QR code as dots: `moduleDots` dots per module, with the 4-module quiet zone. */
export function qrBitmap(data: string, moduleDots: number): Bitmap {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const quiet = 4;
  const width = (size + quiet * 2) * moduleDots;
  const dots = new Uint8Array(width * width);
  for (let my = 0; my < size; my++) {
    for (let mx = 0; mx < size; mx++) {
      if (!qr.modules.get(mx, my)) continue;
      for (let dy = 0; dy < moduleDots; dy++) {
        for (let dx = 0; dx < moduleDots; dx++) dots[((my + quiet) * moduleDots + dy) * width + (mx + quiet) * moduleDots + dx] = 1;
      }
    }
  }
  return { width, height: width, dots };
}

export interface TextLine {
  text: string;
  /** Font size in dots. */
  size: number;
  bold?: boolean;
  align?: 'left' | 'center';
}

const FONT = '"Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans SC", "WenQuanYi Zen Hei", sans-serif';

/** Draws lines of text (any script the system fonts cover) into a bitmap as wide as the paper. */
export function textBitmap(lines: readonly TextLine[], widthDots: number): Bitmap {
  const gap = 6;
  const height = lines.reduce((h, l) => h + Math.ceil(l.size * 1.25) + gap, 0);
  const canvas = createCanvas(widthDots, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, widthDots, height);
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'top';
  let y = 0;
  for (const line of lines) {
    ctx.font = `${line.bold ? 'bold ' : ''}${line.size}px ${FONT}`;
    const measured = ctx.measureText(line.text).width;
    const x = line.align === 'left' ? 0 : Math.max(0, (widthDots - measured) / 2);
    ctx.fillText(line.text, x, y);
    y += Math.ceil(line.size * 1.25) + gap;
  }
  const pixels = ctx.getImageData(0, 0, widthDots, height).data;
  const dots = new Uint8Array(widthDots * height);
  // Thermal dots are on or off: threshold the anti-aliased glyphs at mid-grey.
  for (let i = 0; i < dots.length; i++) dots[i] = pixels[i * 4]! < 128 ? 1 : 0;
  return { width: widthDots, height, dots };
}
