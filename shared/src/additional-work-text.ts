/**
 * What the customer reads before answering on additional work (增项), built once here so the
 * phone page shows exactly the text the hub records as their consent. Pure.
 */
import type { Language } from './i18n.ts';

export interface WorkToShow {
  items: { description: string; priceYuan: number }[];
  note: string | null;
  totalYuan: number;
}

/** ¥480, ¥480.50 */
export function formatYuan(yuan: number): string {
  return `¥${Number.isInteger(yuan) ? String(yuan) : yuan.toFixed(2)}`;
}

const WORDS: Record<Language, { total: string; note: string; approve: string; decline: string }> = {
  'zh-CN': { total: '合计', note: '说明', approve: '同意', decline: '不需要' },
  'zh-TW': { total: '合計', note: '說明', approve: '同意', decline: '不需要' },
  en: { total: 'Total', note: 'Note', approve: 'approved', decline: 'declined' },
};

/** One line per item, `1. 更换刹车片 ¥480`, then the note and the total. */
export function workLines(work: WorkToShow, language: Language): string[] {
  const w = WORDS[language];
  return [
    ...work.items.map((item, i) => `${i + 1}. ${item.description} ${formatYuan(item.priceYuan)}`),
    ...(work.note ? [`${w.note}: ${work.note}`] : []),
    `${w.total}: ${formatYuan(work.totalYuan)}`,
  ];
}

/** The lines shown plus the answer to each item: what is kept as the customer's consent. */
export function consentRecord(work: WorkToShow, language: Language, approvals: { itemIndex: number; approved: boolean }[]): string {
  const w = WORDS[language];
  const answers = work.items.map((item, i) => {
    const answer = approvals.find((a) => a.itemIndex === i);
    return `${i + 1}. ${item.description} ${formatYuan(item.priceYuan)}: ${answer?.approved ? w.approve : w.decline}`;
  });
  return [...workLines(work, language), '—', ...answers].join('\n');
}

/** Sum of the approved items, in yuan. */
export function approvedTotal(work: WorkToShow, approvals: { itemIndex: number; approved: boolean }[]): number {
  const fen = work.items.reduce((sum, item, i) => sum + (approvals.some((a) => a.itemIndex === i && a.approved) ? Math.round(item.priceYuan * 100) : 0), 0);
  return fen / 100;
}
