import { html, nothing, type PropertyDeclarations } from 'lit';
import { FirmElement } from '../../core/element.js';
import { define } from '../../core/define.js';
import { LocaleController, languageName } from '../../core/locale.js';
import { readProfile } from '../../core/profile.js';
import { tokens } from '../../core/tokens.styles.js';
import { oneOf, warn } from '../../core/warn.js';
import { badgeFor, type Badge } from './phrases.js';
import { strings } from './strings.js';
import { styles } from './language-badge.styles.js';

const TAG = 'firm-language-badge';
const VARIANTS = ['pill', 'banner'];
/** Shown when neither an attribute nor the page's profile names a language. */
const DEFAULT_LANGUAGE = 'es';

/**
 * "Se habla español" and its siblings: one badge per language, each in its own `lang` and `dir`
 * so screen readers pronounce it, with a gloss in the page's language for everyone else.
 *
 * @summary Tells visitors which languages the office speaks.
 * @tagname firm-language-badge
 *
 * @csspart list - the list that holds several badges
 * @csspart badge - one badge (a link when `href` is set)
 * @csspart phrase - the phrase in its own language
 * @csspart gloss - the same in the page's language
 *
 * @cssproperty --firm-accent - link and banner colour
 * @cssproperty --firm-accent-contrast - text on the banner
 * @cssproperty --firm-surface - badge background
 * @cssproperty --firm-border - pill outline
 * @cssproperty --firm-radius - banner corners
 */
export class FirmLanguageBadge extends FirmElement {
  static override styles = [tokens, styles];
  static override properties: PropertyDeclarations = {
    language: { reflect: true },
    languages: { reflect: true },
    href: { reflect: true },
    variant: { reflect: true },
  };

  #locale = new LocaleController(this, strings);

  /** One BCP 47 code. Default: the profile's `availableLanguage`, else "es". */
  language = '';

  /** Several BCP 47 codes, separated by spaces or commas: `es zh-Hant vi`. */
  languages = '';

  /** Makes each badge a link; `{lang}` in it is replaced by the badge's language code. */
  href = '';

  /** `pill` (default) or `banner`. */
  variant = 'pill';

  #badges(): Badge[] {
    // By tag, so that two codes for one language ("he", "iw") give one badge.
    const badges = new Map<string, Badge>();
    const add = (attribute: string, value: string, codes: string[]) => {
      const unreadable = [];
      for (const code of codes) {
        const badge = badgeFor(code);
        if (badge) badges.set(badge.tag, badge);
        else unreadable.push(code);
      }
      // One warning for the attribute, however many of its words could not be read.
      if (unreadable.length) warn(TAG, attribute, value, `not a language code: ${unreadable.join(', ')}`);
    };
    const words = (value: string) => value.split(/[\s,]+/).filter(Boolean);
    add('language', this.language, words(this.language));
    add('languages', this.languages, words(this.languages));
    if (this.language.trim() || this.languages.trim()) return [...badges.values()];
    // No attribute: the profile's languages but the page's own (its codes are canonical: the
    // language subtag is lower case), else Spanish.
    const page = this.#locale.lang;
    const offered = (readProfile().availableLanguage ?? []).filter((code) => !code.startsWith(page));
    add('availableLanguage', `${offered}`, offered.length ? offered : [DEFAULT_LANGUAGE]);
    return [...badges.values()];
  }

  #renderBadge(badge: Badge) {
    const { tag, t, lang } = this.#locale;
    const name = languageName(badge.tag, tag) ?? badge.tag;
    // Spanish writes a language's name in lower case mid-sentence ("Hablamos vietnamita"); WebKit
    // (Safari 26, WebKitGTK 2.50) gives it capitalized, as for a label.
    const named = lang == 'es' ? name.charAt(0).toLocaleLowerCase('es') + name.slice(1) : name;
    // A function, so that no "$" in a name is ever read as a replacement pattern.
    const gloss = t.gloss.replace('{name}', () => named);
    const body = html`<span part="phrase" lang=${badge.tag} dir=${badge.dir}>${badge.phrase}</span>${
      // No gloss where the phrase is already in the page's language.
      tag.split('-')[0] == badge.language ? nothing : html`<span part="gloss">${gloss}</span>`
    }`;
    return this.href
      ? html`<a part="badge" href=${this.href.replace('{lang}', badge.tag)} hreflang=${badge.tag}>${body}</a>`
      : html`<span part="badge">${body}</span>`;
  }

  override render() {
    oneOf(TAG, 'variant', this.variant, VARIANTS);
    const badges = this.#badges();
    // Nothing readable: the webmaster's own content inside the element stays visible.
    if (!badges.length) return html`<slot></slot>`;
    if (badges.length === 1) return this.#renderBadge(badges[0]);
    return html`<ul part="list" role="list">
      ${badges.map((b) => html`<li>${this.#renderBadge(b)}</li>`)}
    </ul>`;
  }
}

define(TAG, FirmLanguageBadge);

declare global {
  interface HTMLElementTagNameMap {
    'firm-language-badge': FirmLanguageBadge;
  }
}
