/**
 * The one way a wait estimate is put into words — on the kiosk screen, the printed ticket and
 * the phone page alike, so they always agree. Pure.
 *
 * The hub gives whole minutes and an 80 % range ("约 25–35 分钟"); with people ahead the words
 * never say 0. An older hub without a range gives the minutes alone ("约 25 分钟").
 */
import type { Language } from './i18n.ts';

export interface WaitToShow {
  ahead: number;
  estimatedWaitMinutes: number | null;
  estimatedWaitRange?: { low: number; high: number } | null;
}

const WORDS: Record<Language, { about: (text: string) => string; minutes: string; dash: string; soon: string; sentence: (text: string) => string }> = {
  'zh-CN': { about: (x) => `约 ${x} 分钟`, minutes: '分钟', dash: '–', soon: '即将为您叫号', sentence: (x) => `预计等候${x}` },
  'zh-TW': { about: (x) => `約 ${x} 分鐘`, minutes: '分鐘', dash: '–', soon: '即將為您叫號', sentence: (x) => `預計等候${x}` },
  en: { about: (x) => `about ${x} min`, minutes: 'min', dash: '–', soon: 'You will be called shortly', sentence: (x) => `Estimated wait ${x}` },
};

/** "约 25–35 分钟", "约 8 分钟", or "即将为您叫号"; null when the hub has no estimate (no counter open). */
export function waitText(wait: WaitToShow, language: Language): string | null {
  if (wait.estimatedWaitMinutes === null) return null;
  const words = WORDS[language];
  const floor = wait.ahead > 0 ? 1 : 0;
  const range = wait.estimatedWaitRange;
  const low = Math.max(floor, range ? range.low : wait.estimatedWaitMinutes);
  const high = Math.max(low, range ? range.high : wait.estimatedWaitMinutes);
  if (high === 0) return words.soon;
  return words.about(low === high ? String(low) : `${low}${words.dash}${high}`);
}

/** The same as a sentence: "预计等候约 25–35 分钟" (or "即将为您叫号"). */
export function waitSentence(wait: WaitToShow, language: Language): string | null {
  const text = waitText(wait, language);
  if (text === null) return null;
  return text === WORDS[language].soon ? text : WORDS[language].sentence(text);
}
