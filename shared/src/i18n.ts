/**
 * Every string a customer or advisor reads, in the three store languages. Simplified Chinese
 * is the source; the others must define every key (checked by the type system).
 * i18next does the lookup, interpolation and fallback.
 */
import i18next, { type TFunction } from 'i18next';
import { en } from './i18n/en.ts';
import { zhCN, type Catalogue, type MessageKey } from './i18n/zh-CN.ts';
import { zhTW } from './i18n/zh-TW.ts';

export const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' };

export type { MessageKey } from './i18n/zh-CN.ts';

const resources = {
  'zh-CN': { translation: zhCN },
  'zh-TW': { translation: zhTW },
  en: { translation: en },
};

/** Every message template per language (for checks over all keys). */
export const MESSAGES: Record<Language, Catalogue> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** Whether a key exists in the catalogues (for keys built from codes the hub sends). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** A translator for one language; synchronous, as every catalogue is bundled. */
export function translator(language: Language): Translate {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: 'zh-CN',
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  const t: TFunction = instance.t.bind(instance);
  return (key, values) => t(key, values ?? {}) as string;
}
