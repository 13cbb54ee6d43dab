import { ownName } from '../../core/locale.js';

/**
 * "We speak X" as a native speaker would write it on a sign, for the sixteen languages most often
 * offered by US law firms. Any other valid BCP 47 code shows the language's own name
 * ("Deutsch", "עברית"), which reads as well on a badge and costs no bytes.
 */
export const PHRASES: Record<string, string> = {
  en: 'We speak English',
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

/** Right-to-left scripts, and languages whose default script is one. */
const RTL = /^(Arab|Hebr|Thaa|Syrc|Nkoo|Adlm|ar|fa|he|ur|ps|sd|ug|yi|dv|ckb|syr)$/;

/** Which entry of {@link PHRASES} serves a canonical tag: "es-MX" → "es", "zh-TW" → "zh-Hant". */
export function phraseKey(tag: string): string | undefined {
  const locale = new Intl.Locale(tag);
  const base = locale.language === 'fil' ? 'tl' : locale.language;
  if (base === 'zh') {
    const script = locale.script ?? (['TW', 'HK', 'MO'].includes(locale.region ?? '') ? 'Hant' : 'Hans');
    return `zh-${script}`;
  }
  return base in PHRASES ? base : undefined;
}

export function direction(tag: string): 'ltr' | 'rtl' {
  const locale = new Intl.Locale(tag);
  return RTL.test(locale.script ?? locale.language) ? 'rtl' : 'ltr';
}

export interface Badge {
  tag: string;
  phrase: string;
  dir: 'ltr' | 'rtl';
}

/** A badge for a BCP 47 code, or undefined when the code is not a language we can name. */
export function badgeFor(code: string): Badge | undefined {
  let tag: string;
  try {
    tag = Intl.getCanonicalLocales(code)[0];
  } catch {
    return undefined;
  }
  if (!tag) return undefined;
  const key = phraseKey(tag);
  const phrase = (key && PHRASES[key]) || ownName(tag);
  return phrase ? { tag: key ?? tag, phrase, dir: direction(tag) } : undefined;
}
