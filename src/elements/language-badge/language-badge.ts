import { html, nothing, type PropertyDeclarations } from 'lit';
import { FirmElement } from '../../core/element.js';
import { define } from '../../core/define.js';
import { LocaleController, languageName } from '../../core/locale.js';
import { readProfile } from '../../core/profile.js';
import { tokens } from '../../core/tokens.styles.js';
import { oneOf, warn } from '../../core/warn.js';
import { badgeFor, type Badge } from './phrases.js';
import { styles } from './language-badge.styles.js';

const TAG = 'firm-language-badge';
const VARIANTS = ['pill', 'banner'];

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

  #locale = new LocaleController(this);

  /** One BCP 47 code. Default: the profile's `availableLanguage`, else "es". */
  language = '';

  /** Several BCP 47 codes, separated by spaces or commas: `es zh-Hant vi`. */
  languages = '';

  /** Makes each badge a link; `{lang}` in it is replaced by the badge's language code. */
  href = '';

  /** `pill` (default) or `banner`. */
  variant = 'pill';

  #badges(): Badge[] {
    const given = `${this.language} ${this.languages}`.trim();
    const page = this.#locale.lang;
    // The profile gives canonical codes: the language subtag is lower case.
    const others = given ? [] : (readProfile().availableLanguage ?? []).filter((c) => !c.startsWith(page));
    const codes = given ? given.split(/[\s,]+/) : others.length ? others : ['es'];
    const attribute = !given ? 'availableLanguage' : this.languages.trim() ? 'languages' : 'language';
    // By tag, so that two codes for one language ("he", "iw") give one badge.
    const badges = new Map<string, Badge>();
    for (const code of codes) {
      const badge = badgeFor(code);
      if (badge) badges.set(badge.tag, badge);
      else warn(TAG, attribute, code, 'not a language code');
    }
    return [...badges.values()];
  }

  #renderBadge(badge: Badge) {
    const { tag, lang } = this.#locale;
    const name = languageName(badge.tag, tag) ?? badge.tag;
    // Spanish writes a language's name in lower case mid-sentence ("Hablamos vietnamita"); WebKit
    // (Safari 26, WebKitGTK 2.50) gives it capitalized, as for a label.
    const named = lang == 'es' ? name.charAt(0).toLocaleLowerCase('es') + name.slice(1) : name;
    const body = html`<span part="phrase" lang=${badge.tag} dir=${badge.dir}>${badge.phrase}</span>${
      // No gloss where the phrase is already in the page's language.
      tag.split('-')[0] == badge.language ? nothing : html`<span part="gloss">${lang == 'es' ? `Hablamos ${named}` : `${name} spoken here`}</span>`
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
