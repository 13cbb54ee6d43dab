import { ownName } from '../../core/locale.js';

/**
 * "We speak X" as a native speaker would write it on a sign, for the sixteen languages most often
 * offered by US law firms. Any other valid BCP 47 code shows the language's own name
 * ("English", "Deutsch", "עברית"), which reads as well on a badge and costs no bytes.
 */
const PHRASES: Record<string, string> = {
  es: 'Se habla español',
  'zh-Hans': '我们讲中文',
  'zh-Hant': '我們講中文',
  vi: 'Chúng tôi nói tiếng Việt',
  ko: '한국어 상담 가능',
  tl: 'Nagsasalita kami ng Tagalog',
  ar: 'نتحدث العربية',
  fa: 'فارسی صحبت می‌کنیم',
  hy: 'Խոսում ենք հայերեն',
  ru: 'Говорим по-русски',
  pt: 'Falamos português',
  fr: 'Nous parlons français',
  ht: 'Nou pale kreyòl ayisyen',
  hi: 'हम हिन्दी बोलते हैं',
  pa: 'ਅਸੀਂ ਪੰਜਾਬੀ ਬੋਲਦੇ ਹਾਂ',
  ja: '日本語対応いたします',
};

/** Scripts written right to left, by their ISO 15924 codes: Arabic, Hebrew, Thaana, Syriac, N'Ko, Adlam. */
const RIGHT_TO_LEFT = ['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm'];

export interface Badge {
  /** The badge's `lang`: the phrase's key ("zh-TW" → "zh-Hant"), else the canonical code. */
  tag: string;
  /** The page's language is glossed only when it differs from this one. */
  language: string;
  phrase: string;
  dir: 'ltr' | 'rtl';
}

/** A badge for a BCP 47 code, or undefined when the code is not a language we can name. */
export function badgeFor(code: string): Badge | undefined {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(code);
  } catch {
    return undefined;
  }
  // The likely script tells Chinese apart ("zh-TW" is written in Hant) and gives the direction.
  const { language, script } = locale.maximize();
  const base = language == 'fil' ? 'tl' : language;
  const key = base == 'zh' ? `zh-${script}` : base;
  const tag = key in PHRASES ? key : locale.toString();
  const phrase = PHRASES[tag] ?? ownName(tag);
  if (!phrase) return undefined;
  return { tag, language, phrase, dir: RIGHT_TO_LEFT.includes(script!) ? 'rtl' : 'ltr' };
}
