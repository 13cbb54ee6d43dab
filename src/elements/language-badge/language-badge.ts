import { LitElement, html, nothing, type PropertyDeclarations } from 'lit';
import { define } from '../../core/define.js';
import { LocaleController, languageName } from '../../core/locale.js';
import { readProfile } from '../../core/profile.js';
import { tokens } from '../../core/tokens.styles.js';
import { oneOf, warn } from '../../core/warn.js';
import { badgeFor, type Badge } from './phrases.js';
import { styles } from './language-badge.styles.js';

const TAG = 'firm-language-badge';
const VARIANTS = ['pill', 'banner', 'plain'];

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
export class FirmLanguageBadge extends LitElement {
  static override styles = [tokens, styles];
  static override properties: PropertyDeclarations = {
    language: { reflect: true },
    languages: { reflect: true },
    href: { reflect: true },
    variant: { reflect: true },
    profileLanguages: { state: true, attribute: false },
  };

  #locale = new LocaleController(this);

  /** One BCP 47 code. Default: the profile's `availableLanguage`, else "es". */
  language = '';

  /** Several BCP 47 codes, separated by spaces or commas: `es zh-Hant vi`. */
  languages = '';

  /** Makes each badge a link; `{lang}` in it is replaced by the badge's language code. */
  href = '';

  /** `pill` (default), `banner` or `plain`. */
  variant = 'pill';

  private profileLanguages: string[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    this.profileLanguages = readProfile().availableLanguage ?? [];
  }

  #codes(): { codes: string[]; attribute: string } {
    const given = `${this.language} ${this.languages}`.trim();
    if (given) return { codes: given.split(/[\s,]+/), attribute: this.languages.trim() ? 'languages' : 'language' };
    const page = this.#locale.lang;
    const others = this.profileLanguages.filter((c) => !c.toLowerCase().startsWith(page));
    return { codes: others.length ? others : ['es'], attribute: 'availableLanguage' };
  }

  #badges(): Badge[] {
    const { codes, attribute } = this.#codes();
    const seen = new Set<string>();
    const out: Badge[] = [];
    for (const code of codes) {
      const badge = badgeFor(code);
      if (!badge) warn(TAG, attribute, code, 'not a BCP 47 language code; left out');
      else if (!seen.has(badge.tag)) {
        seen.add(badge.tag);
        out.push(badge);
      }
    }
    return out;
  }

  #gloss(badge: Badge): string | undefined {
    const page = this.#locale.tag;
    if (new Intl.Locale(page).language === new Intl.Locale(badge.tag).language) return undefined;
    const name = languageName(badge.tag, page) ?? badge.tag;
    return this.#locale.lang === 'es' ? `Hablamos ${name}` : `${name} spoken here`;
  }

  #renderBadge(badge: Badge) {
    const gloss = this.#gloss(badge);
    const body = html`<span part="phrase" class="phrase" lang=${badge.tag} dir=${badge.dir}>${badge.phrase}</span>${gloss
        ? html`<span part="gloss" class="gloss">${gloss}</span>`
        : nothing}`;
    return this.href
      ? html`<a part="badge" class="badge" href=${this.href.replace('{lang}', badge.tag)} hreflang=${badge.tag}>${body}</a>`
      : html`<span part="badge" class="badge">${body}</span>`;
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
