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

/** Rows per `GS v 0` band: keeps yH at 0, so no header holds a real-time sequence (10 04 n). */
const BAND_ROWS = 255;

/**
 * Printers execute real-time commands (DLE EOT n, DLE ENQ n, DLE DC4) wherever the bytes appear,
 * image data included (Epson ESC/POS reference, DLE EOT notes; GS ( D disables only DLE DC4).
 * An isolated dot `0x10` followed by 0x04/0x05/0x14 is cleared: one dot of anti-aliasing,
 * never a QR module (those are at least 2 dots wide, so never a lone dot inside a byte).
 */
export function clearRealtimeSequences(data: Buffer): Buffer {
  for (let k = 0; k + 1 < data.length; k++) {
    const next = data[k + 1]!;
    if (data[k] === 0x10 && (next === 0x04 || next === 0x05 || next === 0x14)) data[k] = 0x00;
  }
  return data;
}

/** ESC/POS `GS v 0 m xL xH yL yH d…` for a bitmap (normal density), in bands of 255 rows. */
export function rasterCommand(bitmap: Bitmap): Buffer {
  const bytesPerRow = Math.ceil(bitmap.width / 8);
  const parts: Buffer[] = [];
  for (let top = 0; top < bitmap.height; top += BAND_ROWS) {
    const rows = Math.min(BAND_ROWS, bitmap.height - top);
    const data = Buffer.alloc(bytesPerRow * rows);
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < bitmap.width; x++) {
        if (bitmap.dots[(top + y) * bitmap.width + x]) data[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
      }
    }
    parts.push(Buffer.from([0x1d, 0x76, 0x30, 0, bytesPerRow & 0xff, bytesPerRow >> 8, rows, 0]), clearRealtimeSequences(data));
  }
  return Buffer.concat(parts);
}

/** The bitmap centred on a white strip as wide as the paper (raster images ignore ESC a on some models). */
export function centred(bitmap: Bitmap, widthDots: number): Bitmap {
  if (bitmap.width >= widthDots) return bitmap;
  const left = Math.floor((widthDots - bitmap.width) / 2);
  const dots = new Uint8Array(widthDots * bitmap.height);
  for (let y = 0; y < bitmap.height; y++) dots.set(bitmap.dots.subarray(y * bitmap.width, (y + 1) * bitmap.width), y * widthDots + left);
  return { width: widthDots, height: bitmap.height, dots };
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

export interface TextStyle {
  /** Magnification as the printer's GS ! would apply it to a 24-dot font. */
  width: number;
  height: number;
  bold: boolean;
}

const FONT = '"Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans CJK JP", "Noto Sans SC", "WenQuanYi Zen Hei", sans-serif';
/** White dots kept at each paper edge, so nothing is cut at the edge of the print head. */
export const RASTER_MARGIN = 8;
const TOKENS =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|\s+/g;

/**
 * Breaks text into lines no wider than `maxWidth` as measured: between words for Latin text,
 * between any two characters for CJK (a word longer than a line is cut). Pure given `measure`.
 */
export function wrapMeasured(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of text.match(TOKENS) ?? []) {
    if (/^\s+$/.test(token)) {
      if (line) line += ' ';
      continue;
    }
    if (measure(line + token) <= maxWidth) {
      line += token;
      continue;
    }
    if (line.trim()) lines.push(line.trimEnd());
    line = '';
    for (const ch of token) {
      if (line && measure(line + ch) > maxWidth) {
        lines.push(line);
        line = '';
      }
      line += ch;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** Draws text (any script the system fonts cover), centred and wrapped to the paper, as a bitmap. */
export function textBitmap(text: string, style: TextStyle, widthDots: number): Bitmap {
  const size = 24 * style.height;
  const scaleX = style.width / style.height;
  const lineHeight = Math.ceil(size * 1.25);
  const measuring = createCanvas(1, 1).getContext('2d');
  const font = `${style.bold ? 'bold ' : ''}${size}px ${FONT}`;
  measuring.font = font;
  const usable = widthDots - 2 * RASTER_MARGIN;
  const lines = wrapMeasured(text, usable, (s) => Math.ceil(measuring.measureText(s).width * scaleX));
  const height = Math.max(1, lines.length) * lineHeight;
  const canvas = createCanvas(widthDots, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, widthDots, height);
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'top';
  ctx.font = font;
  lines.forEach((line, index) => {
    const measured = ctx.measureText(line).width * scaleX;
    ctx.setTransform(scaleX, 0, 0, 1, Math.max(RASTER_MARGIN, (widthDots - measured) / 2), index * lineHeight + Math.round((lineHeight - size) / 2));
    ctx.fillText(line, 0, 0);
  });
  const pixels = ctx.getImageData(0, 0, widthDots, height).data;
  const dots = new Uint8Array(widthDots * height);
  // Thermal dots are on or off: threshold the anti-aliased glyphs at mid-grey.
  for (let i = 0; i < dots.length; i++) dots[i] = pixels[i * 4]! < 128 ? 1 : 0;
  return { width: widthDots, height, dots };
}
