/** Text width on a receipt printer, where CJK characters take two columns. Pure. */

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

export function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += WIDE.test(ch) ? 2 : 1;
  return n;
}

/**
 * Breaks text into lines of at most `width` columns: between words for Latin text, between
 * any two characters for CJK, so a printer never wraps a word in the middle.
 */
export function wrapColumns(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  const tokens =
    text.match(
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|\s+/g,
    ) ?? [];
  for (const token of tokens) {
    if (/^\s+$/.test(token)) {
      if (line && columns(line) < width) line += ' ';
      continue;
    }
    if (columns(line) + columns(token) <= width) {
      line += token;
      continue;
    }
    if (line.trim()) lines.push(line.trimEnd());
    line = token;
    while (columns(line) > width) {
      // A single word longer than the line: cut it.
      let cut = '';
      for (const ch of line) {
        if (columns(cut + ch) > width) break;
        cut += ch;
      }
      lines.push(cut);
      line = line.slice(cut.length);
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}
