import { html, nothing, type PropertyDeclarations } from 'lit';
import { FirmElement } from '../../core/element.js';
import { define } from '../../core/define.js';
import { LocaleController } from '../../core/locale.js';
import { tokens } from '../../core/tokens.styles.js';
import { warn } from '../../core/warn.js';
import { strings } from './strings.js';
import { styles } from './author-bio.styles.js';

const TAG = 'firm-author-bio';
/** Lines of the bio shown before "Read more", unless `lines` says otherwise. */
const DEFAULT_LINES = 4;

/**
 * "About the Author" with the author's photo, name and job title, and the webmaster's own bio text
 * (it stays in the page, where search engines read it) clamped to a few lines with a "Read more"
 * button that appears only when the text is really longer.
 *
 * @summary Who wrote the post, with a bio that opens on demand.
 * @tagname firm-author-bio
 *
 * @slot - the bio: paragraphs or plain text
 *
 * @csspart heading - "About the Author"
 * @csspart author - the photo, name and job title together
 * @csspart photo - the photo
 * @csspart name - the name (a link when `href` is set)
 * @csspart title - the author's job title
 * @csspart text - the box that clamps the bio
 * @csspart toggle - the "Read more" / "Read less" button
 *
 * @cssproperty --firm-accent - links and the button
 * @cssproperty --firm-muted - the job title
 * @cssproperty --firm-gap - spacing
 */
export class FirmAuthorBio extends FirmElement {
  static override styles = [tokens, styles];
  static override properties: PropertyDeclarations = {
    heading: { reflect: true },
    name: { reflect: true },
    jobTitle: { attribute: 'job-title', reflect: true },
    photo: { reflect: true },
    href: { reflect: true },
    lines: { type: Number, reflect: true },
    // `attribute: false` is what `state` means to lit; the manifest's analyzer reads only the former.
    expanded: { state: true, attribute: false },
    overflows: { state: true, attribute: false },
  };

  #locale = new LocaleController(this, strings);

  get #text(): HTMLElement {
    return this.renderRoot.querySelector('#text')!;
  }

  /** The visitor opened the bio with "Read more". */
  private expanded = false;

  /** The clamped bio is longer than its lines: "Read more" has something to show. */
  private overflows = false;

  /** Default "About the Author" / "Sobre el autor"; `heading=""` leaves the heading out. */
  heading?: string;

  /** The author's name, also the photo's `alt`. */
  name?: string;

  /** "Immigration Attorney". A page that still writes `title` has it read here, with one warning. */
  jobTitle?: string;

  /** The photo's address. */
  photo?: string;

  /** The author's page. */
  href?: string;

  /** How many lines of the bio show before "Read more" (4 when unset). Unset rather than 4, so that an unreadable attribute stays as written. */
  lines?: number;

  /**
   * Sites written before `job-title` used `title`, which every browser also shows as a tooltip over
   * the whole bio: it is read as `job-title` and taken off the element, with one warning.
   */
  override connectedCallback(): void {
    super.connectedCallback();
    const title = this.getAttribute('title');
    if (title == null || this.jobTitle != null) return;
    warn(TAG, 'title', title, 'use job-title');
    this.jobTitle = title;
    this.removeAttribute('title');
  }

  protected override firstUpdated(): void {
    new ResizeObserver(() => this.#measure()).observe(this.#text);
  }

  protected override updated(): void {
    const lines = this.lines ?? DEFAULT_LINES;
    const readable = lines > 0;
    if (!readable) warn(TAG, 'lines', this.getAttribute('lines'), 'use a number');
    // An open bio is not clamped at all.
    this.#text.style.setProperty('--lines', this.expanded ? 'none' : String(readable ? Math.floor(lines) : DEFAULT_LINES));
  }

  /** Only a clamped bio can tell whether it is longer than its lines. */
  #measure(): void {
    if (this.expanded) return;
    this.overflows = this.#text.scrollHeight > this.#text.clientHeight;
  }

  #toggle(): void {
    this.expanded = !this.expanded;
  }

  override render() {
    const t = this.#locale.t;
    const heading = this.heading ?? t.heading;
    const { name, photo, href, jobTitle } = this;
    return html`${heading ? html`<h2 part="heading">${heading}</h2>` : nothing}
      ${name || photo
        ? html`<div part="author">
            ${photo ? html`<img part="photo" src=${photo} alt=${name ?? ''} width="72" height="72" loading="lazy" />` : nothing}
            <div>
              ${href ? html`<a part="name" href=${href}>${name}</a>` : html`<b part="name">${name}</b>`}
              ${jobTitle ? html`<span part="title">${jobTitle}</span>` : nothing}
            </div>
          </div>`
        : nothing}
      <div part="text" id="text" @slotchange=${this.#measure}><slot></slot></div>
      ${this.overflows || this.expanded
        ? html`<button part="toggle" aria-expanded=${this.expanded} aria-controls="text" @click=${this.#toggle}>
            ${this.expanded ? t.less : t.more}
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
