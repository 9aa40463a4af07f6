/**
 * How a screen may address a customer (issue #14 item 4): surname and a polite title, never the
 * full name, which a lounge or a queue behind the kiosk should not read. Pure.
 */

/** Two-character surnames, so 欧阳娜娜 is 欧阳先生/女士 rather than 欧先生/女士. */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '端木',
  '南宫',
  '西门',
  '独孤',
  '百里',
]);
const TITLES = ['先生', '女士', '小姐', '太太'];

export function greetingName(name: string | null | undefined): string | null {
  const trimmed = (name ?? '').trim();
  if (!trimmed) return null;
  if (/^[\u4e00-\u9fff]/.test(trimmed)) {
    const title = TITLES.find((x) => trimmed.endsWith(x) && trimmed.length <= x.length + 2);
    if (title) return trimmed;
    const surname = COMPOUND_SURNAMES.has(trimmed.slice(0, 2)) && trimmed.length > 2 ? trimmed.slice(0, 2) : trimmed.slice(0, 1);
    return `${surname}先生/女士`;
  }
  const words = trimmed.split(/\s+/).filter((w) => /^[A-Za-z][A-Za-z'-]*$/.test(w));
  return words.length ? words[words.length - 1]! : null;
}
