import { LitElement, html, nothing, type PropertyDeclarations } from 'lit';
import { define } from '../../core/define.js';
import { DraftController } from '../../core/drafts.js';
import { SendError } from '../../core/http.js';
import { LocaleController, duration, ownName } from '../../core/locale.js';
import { readProfile } from '../../core/profile.js';
import { SpamGuard, honeypotStyles } from '../../core/spam-guard.js';
import { tokens } from '../../core/tokens.styles.js';
import { oneOf, warn } from '../../core/warn.js';
import { mailtoUrl, post, postToWordPress, type Outgoing } from './sources.js';
import { check, isEmail, type Fields } from './validate.js';
import { strings } from './strings.js';
import { styles } from './contact-form.styles.js';

const TAG = 'firm-contact-form';
const SOURCES = ['rest', 'wordpress', 'mailto'] as const;
const EMPTY: Fields = { name: '', email: '', phone: '', language: '', topic: '', message: '', consent: false };

type Draft = Fields & { since?: number };

/** Fired when the server has the message (or the mail program was opened). No personal data. */
export class FirmMessageSentEvent extends Event {
  constructor(readonly detail: { topic: string; language: string }) {
    super('firm-message-sent', { bubbles: true, composed: true });
  }
}

/**
 * "Send us a message": name, email or phone, preferred language, topic, message and the
 * disclaimer, checked in the browser, kept as typed until the server has it, and never lost to a
 * failed send.
 *
 * @summary A contact form that keeps every message until it is delivered.
 * @tagname firm-contact-form
 *
 * @fires firm-message-sent - the message was delivered; `detail` is `{topic, language}` only
 *
 * @slot - fallback content, shown until the form can work (and when it is misconfigured)
 *
 * @csspart heading - the heading
 * @csspart form - the form
 * @csspart summary - the error summary, focused when fields need fixing
 * @csspart label - each field's label
 * @csspart input - each input, select, text area and the checkbox
 * @csspart error - a field's error message
 * @csspart disclaimer - the disclaimer text above the checkbox
 * @csspart button - the Send / Try again button
 * @csspart status - the live line saying sending, sent or what went wrong
 * @csspart link - the mail link shown by the mailto source
 *
 * @cssproperty --firm-accent - button and focus ring
 * @cssproperty --firm-accent-contrast - button text
 * @cssproperty --firm-surface - field background
 * @cssproperty --firm-border - field outlines
 * @cssproperty --firm-muted - hints
 * @cssproperty --firm-closed - errors
 * @cssproperty --firm-radius - corners
 * @cssproperty --firm-gap - spacing
 */
export class FirmContactForm extends LitElement {
  static override styles = [tokens, honeypotStyles, styles];
  static override properties: PropertyDeclarations = {
    v: { state: true, attribute: false },
    errors: { state: true, attribute: false },
    phase: { state: true, attribute: false },
    source: { reflect: true },
    endpoint: { reflect: true },
    encoding: { reflect: true },
    to: { reflect: true },
    topics: { reflect: true },
    languages: { reflect: true },
    heading: { reflect: true },
    disclaimer: { reflect: true },
    successText: { reflect: true, attribute: 'success-text' },
  };

  #locale = new LocaleController(this, strings);
  #drafts = new DraftController<Draft>(this);
  #guard = new SpamGuard();
  /** When the visitor began typing, kept with the draft so a restored draft is not "too fast". */
  #since = 0;
  #mailto = '';
  #failure?: SendError;
  #profileEmail = '';
  #profileLanguages: string[] = [];

  private v: Fields = { ...EMPTY };
  private errors: Record<string, string> = {};
  /** '' (editing), 'sending', 'sent', 'failed' or 'mailed'. */
  private phase = '';

  /** `rest`, `wordpress` or `mailto`. Default: `rest` when `endpoint` is set, else `mailto`. */
  source = '';

  /** rest: the URL to POST to. wordpress: the site's address. */
  endpoint = '';

  /** rest only: `json` (default) or `form` (application/x-www-form-urlencoded). */
  encoding = 'json';

  /** mailto: the firm's address. Default: the profile's `email`. */
  to = '';

  /** Topics for a select, separated by `;`. No select without them. */
  topics = '';

  /** BCP 47 codes offered as the preferred language. Default: the profile's, else `en es`. */
  languages = '';

  /** Replaces "Send us a message". */
  heading = '';

  /** Replaces the default attorney–client disclaimer. */
  disclaimer = '';

  /** Replaces "Thank you. We will respond promptly." */
  successText = '';

  override connectedCallback(): void {
    super.connectedCallback();
    const profile = readProfile();
    this.#profileEmail = profile.email ?? '';
    this.#profileLanguages = profile.availableLanguage ?? [];
    const { since, ...draft } = this.#drafts.load(this.#key) ?? {};
    this.v = { ...EMPTY, ...draft };
    this.#since = since ?? 0;
  }

  get #key(): string {
    return `contact:${this.endpoint || this.to}`;
  }

  get #kind(): string {
    return this.source || (this.endpoint ? 'rest' : 'mailto');
  }

  get #address(): string {
    return this.to || this.#profileEmail;
  }

  get #langs(): string[] {
    const given = this.languages.split(/[\s,]+/).filter(Boolean);
    return given.length ? given : this.#profileLanguages.length ? this.#profileLanguages : ['en', 'es'];
  }

  /** The chosen language, else the one the page speaks, else the first offered. */
  get #language(): string {
    const langs = this.#langs;
    return langs.includes(this.v.language) ? this.v.language : (langs.find((l) => l.startsWith(this.#locale.lang)) ?? langs[0]);
  }

  #onInput(e: Event): void {
    const t = e.target as HTMLInputElement;
    const name = t.name;
    // The honeypot's input bubbles here too; it is not part of the draft.
    if (!(name in EMPTY)) return;
    this.v = { ...this.v, [name]: t.type === 'checkbox' ? t.checked : t.value };
    this.#since ||= Date.now();
    this.#drafts.save(this.#key, { ...this.v, since: this.#since });
    const errors = { ...this.errors };
    delete errors[name];
    if (name === 'email' || name === 'phone') delete errors.reach;
    this.errors = errors;
  }

  /** Fragment links do not reach into a shadow root: move focus by hand. */
  #jump(e: Event): void {
    e.preventDefault();
    this.renderRoot.querySelector<HTMLElement>((e.currentTarget as HTMLAnchorElement).hash)?.focus();
  }

  async #onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    // Nothing awaits between this check and `phase = 'sending'` below: a double click sends once.
    if (this.phase === 'sending') return;
    const t = this.#locale.t;
    const problems = Object.entries(check(this.v));
    if (problems.length) return this.#showErrors(Object.fromEntries(problems.map(([k, p]) => [k, t[p]])));
    // On disk before anything leaves the page: a crash or a closed tab mid-send loses nothing.
    this.#drafts.flush();
    const v = this.v;
    const hp = this.#guard.fields();
    const m: Outgoing = {
      name: v.name.trim(),
      email: v.email.trim(),
      phone: v.phone.trim(),
      language: this.#language,
      topic: v.topic,
      message: v.message.trim(),
      consent: true,
      page: location.href,
      ...hp,
      firm_elapsed: Math.max(hp.firm_elapsed, this.#since && Date.now() - this.#since),
    };
    const sent = () => this.dispatchEvent(new FirmMessageSentEvent({ topic: m.topic, language: m.language }));
    if (this.#kind === 'mailto') {
      const rows: [string, string][] = [
        [t.name, m.name],
        [t.email, m.email],
        [t.phone, m.phone],
        [t.language, ownName(m.language) ?? m.language],
        [t.topic, m.topic],
      ];
      const lines = [m.message, '', ...rows.filter((r) => r[1]).map((r) => r.join(': ')), m.page];
      this.#mailto = mailtoUrl(this.#address, t.subject.replace('{name}', m.name), lines);
      this.phase = 'mailed';
      await this.updateComplete;
      // The draft stays: only a server can say it has the message.
      this.#byPart('link')!.click();
      sent();
      return;
    }
    this.phase = 'sending';
    this.errors = {};
    try {
      await (this.#kind === 'wordpress' ? postToWordPress(this.endpoint, m) : post(this.endpoint, m, this.encoding === 'form'));
      this.#drafts.clear(this.#key);
      this.phase = 'sent';
      sent();
      await this.updateComplete;
      this.#byPart('status')!.focus();
    } catch (err) {
      const failure = err instanceof SendError ? err : new SendError('server');
      const fields = failure.details.fields;
      this.phase = fields ? '' : 'failed';
      this.#failure = failure;
      if (fields) await this.#showErrors(fields);
    }
  }

  #byPart(name: string) {
    return this.renderRoot.querySelector<HTMLElement>(`[part=${name}]`);
  }

  async #showErrors(errors: Record<string, string>): Promise<void> {
    this.errors = errors;
    await this.updateComplete;
    this.#byPart('summary')?.focus();
  }

  #statusText() {
    const t = this.#locale.t;
    const f = this.#failure;
    if (this.phase === 'sending') return t.sending;
    if (this.phase === 'sent') return this.successText || t.sent;
    if (this.phase === 'mailed') return html`${t.mailed} <a part="link" href=${this.#mailto}>${this.#address}</a>.`;
    if (this.phase !== 'failed' || !f) return '';
    const why = ({ offline: t.offline, timeout: t.timeout, 'too-fast': t.tooFast } as Record<string, string>)[f.kind] ?? t.server;
    const wait = f.details.retryAfter ? t.wait.replace('{t}', duration(f.details.retryAfter, this.#locale.tag)) : '';
    return [why, wait, t.kept].filter(Boolean).join(' ');
  }

  /** The errors that speak of a field: its own, and the email-or-phone rule for that pair. */
  #errorsOf(name: string): string[] {
    return [name, name === 'email' || name === 'phone' ? 'reach' : ''].filter((n) => this.errors[n]);
  }

  #error(name: string) {
    const m = this.errors[name];
    return m ? html`<p part="error" class="error" id="e-${name}">${m}</p>` : nothing;
  }

  /** A labelled field; `control` gets the id, name, value and error wiring from here. */
  #field(name: keyof Fields, control: (a: { invalid: 'true' | 'false'; described: string }) => unknown, required = false) {
    const t = this.#locale.t;
    const ids = this.#errorsOf(name);
    return html`<div>
      <label part="label" for="f-${name}">${t[name as 'name']} ${required ? html`<span class="req">${t.required}</span>` : nothing}</label
      >${control({ invalid: ids.length ? 'true' : 'false', described: ids.map((n) => `e-${n}`).join(' ') })}${this.#error(name)}
    </div>`;
  }

  #input(name: 'name' | 'email' | 'phone', type: 'text' | 'email' | 'tel', required = false) {
    return this.#field(
      name,
      (a) =>
        html`<input
          part="input"
          id="f-${name}"
          name=${name}
          type=${type}
          autocomplete=${type === 'text' ? 'name' : type}
          ?required=${required}
          .value=${this.v[name]}
          aria-invalid=${a.invalid}
          aria-describedby=${a.described}
        />`,
      required,
    );
  }

  #select(name: 'language' | 'topic', options: unknown[]) {
    return this.#field(name, (a) => html`<select part="input" id="f-${name}" name=${name} aria-invalid=${a.invalid} aria-describedby=${a.described}>${options}</select>`);
  }

  override render() {
    // Misconfigured: one warning (oneOf says its own) and the webmaster's fallback content stays.
    const kind = oneOf(TAG, 'source', this.#kind, SOURCES);
    const bad: [string, string, string] | false | undefined =
      kind === 'mailto'
        ? !isEmail(this.#address) && ['to', this.#address, 'not an email address']
        : kind && !this.endpoint && ['endpoint', '', `source="${kind}" needs it`];
    if (bad) warn(TAG, ...bad);
    if (!kind || bad) return html`<slot></slot>`;
    oneOf(TAG, 'encoding', this.encoding, ['json', 'form']);
    const t = this.#locale.t;
    const v = this.v;
    const errors = Object.entries(this.errors);
    const topics = this.topics.split(';').map((s) => s.trim()).filter(Boolean);
    const language = this.#language;
    const consent = this.#errorsOf('consent');
    const form = html`<form part="form" aria-labelledby="f-heading" novalidate @submit=${this.#onSubmit} @input=${this.#onInput}>
      ${errors.length
        ? html`<div part="summary" class="summary" tabindex="-1" role="group" aria-labelledby="f-summary">
            <p id="f-summary">${t.fix}</p>
            <ul>
              ${errors.map(([k, m]) => {
                const id = k === 'reach' ? 'email' : k;
                // A server may name a field the form does not show: then the message stands alone.
                return html`<li>${id in EMPTY ? html`<a href="#f-${id}" @click=${this.#jump}>${m}</a>` : m}</li>`;
              })}
            </ul>
          </div>`
        : nothing}
      ${this.#input('name', 'text', true)}
      <fieldset>
        <legend>${t.reach}</legend>
        ${this.#input('email', 'email')} ${this.#input('phone', 'tel')} ${this.#error('reach')}
      </fieldset>
      ${this.#select(
        'language',
        this.#langs.map((l) => html`<option value=${l} lang=${l} ?selected=${l === language}>${ownName(l) ?? l}</option>`),
      )}
      ${topics.length
        ? this.#select('topic', [html`<option value="">${t.choose}</option>`, ...topics.map((s) => html`<option ?selected=${s === v.topic}>${s}</option>`)])
        : nothing}
      ${this.#field(
        'message',
        (a) =>
          html`<textarea part="input" id="f-message" name="message" required .value=${v.message} aria-invalid=${a.invalid} aria-describedby=${a.described}></textarea>`,
        true,
      )}
      <p part="disclaimer" class="hint" id="f-disclaimer">${this.disclaimer || t.disclaimer}</p>
      <div class="check">
        <input
          part="input"
          type="checkbox"
          id="f-consent"
          name="consent"
          required
          .checked=${v.consent}
          aria-invalid=${consent.length ? 'true' : 'false'}
          aria-describedby="f-disclaimer${consent.length ? ' e-consent' : ''}"
        /><label part="label" for="f-consent">${t.consent} <span class="req">${t.required}</span></label>
      </div>
      ${this.#error('consent')} ${this.#guard.field()}
      <button part="button" aria-disabled=${this.phase === 'sending' ? 'true' : 'false'}>
        ${this.phase === 'sending' ? t.sending : this.phase === 'failed' ? t.again : t.send}
      </button>
    </form>`;
    return html`<h2 part="heading" id="f-heading">${this.heading || t.heading}</h2>
      ${this.phase === 'sent' ? nothing : form}
      <p part="status" class="status" role="status" tabindex="-1">${this.#statusText()}</p>`;
  }
}

define(TAG, FirmContactForm);

declare global {
  interface HTMLElementTagNameMap {
    'firm-contact-form': FirmContactForm;
  }
  interface GlobalEventHandlersEventMap {
    'firm-message-sent': FirmMessageSentEvent;
  }
}
