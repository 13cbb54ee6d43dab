import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The two languages every visible string and accessible name exists in. */
export type Lang = 'en' | 'es';

/**
 * A message table: English fixes the shape, Spanish must match it key for key. Plural strings are
 * objects keyed by `Intl.PluralRules` categories, filled in with {@link plural}.
 */
export interface Messages<T> {
  en: T;
  es: T;
}

type Host = ReactiveControllerHost & HTMLElement;

const hosts = new Set<LocaleController>();

/** The nearest non-empty `lang` attribute, crossing shadow roots (the document and shadow roots have none), else "en". */
export function resolveLang(el: Element): string {
  for (let node: Node | undefined = el; node; node = node.parentNode ?? (node as ShadowRoot).host) {
    const lang = (node as Element).getAttribute?.('lang')?.trim();
    if (lang) return lang;
  }
  return 'en';
}

export const langOf = (tag: string): Lang => (/^es\b/i.test(tag) ? 'es' : 'en');

/**
 * Tracks which language its element speaks and re-renders it when any `lang` attribute on the
 * page changes, when it is connected again and once the page is parsed. One MutationObserver
 * serves every element on the page.
 */
export class LocaleController<T = unknown> implements ReactiveController {
  static {
    // One observer for the page, watching from the first load: with no element yet it has nothing to do.
    const relang = () =>
      hosts.forEach((c) => {
        if (c.#read()) c.#host.requestUpdate();
      });
    new MutationObserver(relang).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['lang'],
      subtree: true,
    });
    // A classic script in <head> upgrades elements as the parser meets them, before the JSON-LD
    // printed further down (some plugins put it in the footer): every element renders again once
    // the page is parsed.
    if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', () => hosts.forEach((c) => c.#host.requestUpdate()));
  }

  /** The full BCP 47 tag in force (e.g. "es-MX"), for `Intl`. */
  tag = 'en';
  lang: Lang = 'en';

  readonly #host: Host;
  readonly #table?: Messages<T>;

  constructor(host: Host, table?: Messages<T>) {
    this.#host = host;
    this.#table = table;
    host.addController(this);
  }

  /** The strings of the language in force. */
  get t(): T {
    return this.#table![this.lang];
  }

  /** Renders again on every connection: a moved element may sit under another `lang`, and re-reads the profile. */
  hostConnected(): void {
    this.#read();
    hosts.add(this);
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    hosts.delete(this);
  }

  /** True when the language in force changed. */
  #read(): boolean {
    const before = this.tag;
    const tag = resolveLang(this.#host);
    try {
      this.tag = Intl.getCanonicalLocales(tag)[0];
    } catch {
      this.tag = langOf(tag);
    }
    this.lang = langOf(this.tag);
    return this.tag != before;
  }
}

/** "lunes" → "Lunes": for words that begin a line, in the rules of the language `tag`. */
export const capitalize = (text: string, tag: string): string => text.charAt(0).toLocaleUpperCase(tag) + text.slice(1);

/** A language's name in `inTag`'s language (default: its own), or undefined when `Intl` does not know it. */
export const languageName = (code: string, inTag = code): string | undefined =>
  new Intl.DisplayNames([inTag], { type: 'language', fallback: 'none' }).of(code);

/** A language's own name, capitalized as it starts a label: "es" → "Español". */
export function ownName(code: string): string | undefined {
  const name = languageName(code);
  return name && capitalize(name, code);
}

/**
 * The plural rules and number format of each language, made once: a render can come with every
 * keystroke (the comments' heading), and making them cost 2 ms a keystroke at 4× CPU.
 */
const counting = new Map<string, [Intl.PluralRules, Intl.NumberFormat]>();

/** Picks the plural form for `n` and puts the formatted number in place of `{n}`. */
export function plural(tag: string, n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string {
  let f = counting.get(tag);
  if (!f) counting.set(tag, (f = [new Intl.PluralRules(tag), new Intl.NumberFormat(tag)]));
  return (forms[f[0].select(n)] ?? forms.other).replace('{n}', f[1].format(n));
}

/** The units a wait is said in, largest first, with their length in seconds. */
const UNITS = [
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
] as const;

/** A wait in words for "try again in …": 45 → "45 seconds", 90 → "2 minutes" ("2 minutos"). */
export function duration(seconds: number, tag: string): string {
  // The largest unit the wait fills; under a second it is still said in seconds.
  const [unit, size] = UNITS.find(([, size]) => seconds >= size) ?? UNITS[UNITS.length - 1];
  // Never "0 seconds": a wait rounds up.
  const count = Math.max(1, Math.ceil(seconds / size));
  return new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: 'long' }).format(count);
}
