import { html, nothing, type PropertyDeclarations } from 'lit';
import { FirmElement } from '../../core/element.js';
import { define } from '../../core/define.js';
import { LocaleController } from '../../core/locale.js';
import { tokens } from '../../core/tokens.styles.js';
import { warn } from '../../core/warn.js';
import { strings } from './strings.js';
import { styles } from './author-bio.styles.js';

const TAG = 'firm-author-bio';

/**
 * "About the Author" with the author's photo, name and title, and the webmaster's own bio text
 * (it stays in the page, where search engines read it) clamped to a few lines with a "Read more"
 * button that appears only when the text is really longer.
 *
 * @summary Who wrote the post, with a bio that opens on demand.
 * @tagname firm-author-bio
 *
 * @slot - the bio: paragraphs or plain text
 *
 * @csspart heading - "About the Author"
 * @csspart author - the photo, name and title together
 * @csspart photo - the photo
 * @csspart name - the name (a link when `href` is set)
 * @csspart title - the author's title
 * @csspart text - the box that clamps the bio
 * @csspart toggle - the "Read more" / "Read less" button
 *
 * @cssproperty --firm-accent - links and the button
 * @cssproperty --firm-muted - the title
 * @cssproperty --firm-gap - spacing
 */
export class FirmAuthorBio extends FirmElement {
  static override styles = [tokens, styles];
  static override properties: PropertyDeclarations = {
    heading: { reflect: true },
    name: { reflect: true },
    title: { reflect: true },
    photo: { reflect: true },
    href: { reflect: true },
    lines: { type: Number, reflect: true },
  };

  #locale = new LocaleController(this, strings);

  // Internal state, rendered again by hand when it changes.
  #open = false;
  #overflows = false;

  /** Default "About the Author" / "Sobre el autor"; `heading=""` leaves the heading out. */
  heading?: string;

  /** The author's name, also the photo's `alt`. */
  name?: string;

  /** "Immigration Attorney". */
  override title!: string;

  /** The photo's address. */
  photo?: string;

  /** The author's page. */
  href?: string;

  /** How many lines of the bio show before "Read more" (4 when unset). Unset rather than 4, so that an unreadable attribute stays as written. */
  lines?: number;

  protected override firstUpdated(): void {
    new ResizeObserver(() => this.#measure()).observe(this.#text);
  }

  protected override updated(): void {
    const lines = this.lines ?? 4;
    if (!(lines > 0)) warn(TAG, 'lines', this.getAttribute('lines'), 'use a number');
    // An open bio is not clamped at all.
    this.#text.style.setProperty('--lines', this.#open ? 'none' : String(lines > 0 ? Math.floor(lines) : 4));
  }

  get #text(): HTMLElement {
    return this.renderRoot.querySelector('#text')!;
  }

  /** Only a clamped bio can tell whether it is longer than its lines. */
  #measure(): void {
    if (this.#open) return;
    this.#overflows = this.#text.scrollHeight > this.#text.clientHeight;
    this.requestUpdate();
  }

  #toggle(): void {
    this.#open = !this.#open;
    this.requestUpdate();
  }

  override render() {
    const t = this.#locale.t;
    const heading = this.heading ?? t.heading;
    const { name, photo, href, title } = this;
    return html`${heading ? html`<h2 part="heading">${heading}</h2>` : nothing}
      ${name || photo
        ? html`<div part="author">
            ${photo ? html`<img part="photo" src=${photo} alt=${name ?? ''} width="72" height="72" loading="lazy" />` : nothing}
            <div>
              ${href ? html`<a part="name" href=${href}>${name}</a>` : html`<b part="name">${name}</b>`}
              ${title ? html`<span part="title">${title}</span>` : nothing}
            </div>
          </div>`
        : nothing}
      <div part="text" id="text" @slotchange=${this.#measure}><slot></slot></div>
      ${this.#overflows || this.#open
        ? html`<button part="toggle" aria-expanded=${this.#open} aria-controls="text" @click=${this.#toggle}>
            ${this.#open ? t.less : t.more}
          </button>`
        : nothing}`;
  }
}

define(TAG, FirmAuthorBio);

declare global {
  interface HTMLElementTagNameMap {
    'firm-author-bio': FirmAuthorBio;
  }
}
