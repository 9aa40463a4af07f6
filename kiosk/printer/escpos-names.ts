/** How ESC/POS manuals name commands (`ESC !`, `GS ( k`, `DLE EOT`), and real-time sequences. Pure. */

export const INTRODUCER: Record<number, string> = { 0x1b: 'ESC', 0x1d: 'GS', 0x1c: 'FS', 0x10: 'DLE' };
const DLE_NAMES: Record<number, string> = { 0x04: 'EOT', 0x05: 'ENQ', 0x14: 'DC4' };

/** `ESC !`, `GS ( k`, `GS v 0`, `DLE EOT`: how manuals name the command at `i`. */
export function commandName(b: Buffer, i: number): string {
  const byte = (k: number): string => {
    const v = b[i + k];
    if (v === undefined) return '';
    return v >= 0x21 && v <= 0x7e ? String.fromCharCode(v) : v.toString(16).padStart(2, '0');
  };
  const intro = INTRODUCER[b[i]!]!;
  if (intro === 'DLE') return `DLE ${DLE_NAMES[b[i + 1]!] ?? byte(1)}`;
  if (intro === 'GS' && (b[i + 1] === 0x28 || b[i + 1] === 0x76)) return `GS ${byte(1)} ${b[i + 1] === 0x76 ? String(b[i + 2]! - 0x30) : byte(2)}`;
  return `${intro} ${byte(1)}`;
}

/** DLE EOT n, DLE ENQ n and DLE DC4: real-time commands a printer runs wherever they appear. */
export function findRealtimeSequence(data: Buffer): number {
  for (let k = 0; k + 1 < data.length; k++) {
    if (data[k] !== 0x10) continue;
    const next = data[k + 1]!;
    if (next === 0x04 || next === 0x05 || next === 0x14) return k;
  }
  return -1;
}

export const hex = (bytes: ArrayLike<number>): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
