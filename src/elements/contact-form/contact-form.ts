import { LitElement, html, type PropertyDeclarations } from 'lit';
import { define } from '../../core/define.js';
import { DraftController } from '../../core/drafts.js';
import type { SendError } from '../../core/http.js';
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
/** What is sent, in this order; the mail program gets all but the message as labelled lines. */
const KEYS = ['name', 'email', 'phone', 'language', 'topic', 'message'] as const;

/** The fields as last kept, and when the visitor began typing (a restored draft is not "too fast"). */
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
 * @cssproperty --firm-border - field outlines
 * @cssproperty --firm-muted - hints
 * @cssproperty --firm-closed - errors
 * @cssproperty --firm-radius - corners
 * @cssproperty --firm-gap - spacing
 */
export class FirmContactForm extends LitElement {
  static override styles = [tokens, honeypotStyles, styles];
  static override properties: PropertyDeclarations = {
    errors: { state: true, attribute: false },
    phase: { state: true, attribute: false },
    note: { state: true, attribute: false },
    source: { reflect: true },
    endpoint: { reflect: true },
    encoding: { reflect: true },
    to: { reflect: true },
    topics: { reflect: true },
    disclaimer: { reflect: true },
    successText: { reflect: true, attribute: 'success-text' },
  };

  #locale = new LocaleController(this, strings);
  #drafts = new DraftController<Draft>(this);
  #guard = new SpamGuard();
  /** The fields start from it; the form itself holds what is typed since. */
  #draft: Draft = {};

  /** Field name (or `reach`, the email-or-phone rule) → what is wrong with it. */
  private errors: Record<string, string> = {};
  /** '' (editing), 'sending', 'sent' or 'failed'. */
  private phase = '';
  /** The status line: sending, sent, the mail link, or what went wrong. */
  private note: unknown = '';

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

  /** Replaces the default attorney–client disclaimer. */
  disclaimer = '';

  /** Replaces "Thank you. We will respond promptly." */
  successText = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.#draft = this.#drafts.load(this.#key) ?? {};
  }

  get #key(): string {
    return `contact:${this.endpoint || this.to}`;
  }

  get #kind(): string {
    return this.source || (this.endpoint ? 'rest' : 'mailto');
  }

  get #to(): string {
    return this.to || readProfile().email || '';
  }

  /** What the form holds now, with when typing began. */
  #read(form: HTMLFormElement): Draft {
    return { ...(Object.fromEntries(new FormData(form)) as Fields), since: this.#draft.since };
  }

  #onInput(e: Event): void {
    const name = (e.target as HTMLInputElement).name;
    this.#draft.since ||= Date.now();
    this.#drafts.save(this.#key, this.#read(e.currentTarget as HTMLFormElement));
    delete this.errors[name];
    if (name == 'email' || name == 'phone') delete this.errors.reach;
    this.requestUpdate();
  }

  async #onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    // Nothing awaits between this check and `phase = 'sending'` below: a double click sends once.
    if (this.phase == 'sending') return;
    const t = this.#locale.t;
    const f = this.#read(e.currentTarget as HTMLFormElement);
    const v = Object.fromEntries(KEYS.map((k) => [k, f[k]?.trim() ?? ''])) as Record<(typeof KEYS)[number], string>;
    const errors = check({ ...v, consent: f.consent }, t);
    if (Object.keys(errors).length) return this.#show(errors);
    // On disk before anything leaves the page: a crash or a closed tab mid-send loses nothing.
    this.#drafts.flush();
    const hp = this.#guard.fields();
    const since = f.since;
    const m: Outgoing = { ...v, consent: true, page: location.href, ...hp, firm_elapsed: Math.max(hp.firm_elapsed, since ? Date.now() - since : 0) };
    this.errors = {};
    try {
      if (this.#kind == 'mailto') {
        const lines = KEYS.slice(0, 5).map((k) => m[k] && `${t[k]}: ${(k == 'language' && ownName(m[k])) || m[k]}`);
        const url = mailtoUrl(this.#to, t.subject + m.name, [m.message, '', ...lines.filter(Boolean), m.page]);
        this.note = html`${t.mailed} <a part="link" href=${url}>${this.#to}</a>.`;
        await this.updateComplete;
        // The draft stays: only a server can say it has the message.
        this.#part('link').click();
      } else {
        this.phase = 'sending';
        this.note = t.sending;
        await (this.#kind == 'wordpress' ? postToWordPress(this.endpoint, m) : post(this.endpoint, m, this.encoding == 'form'));
        this.#drafts.clear(this.#key);
        this.phase = 'sent';
        this.note = this.successText || t.sent;
        await this.updateComplete;
        this.#part('status').focus();
      }
      this.dispatchEvent(new FirmMessageSentEvent({ topic: m.topic, language: m.language }));
    } catch (err) {
      const { kind, details = {} } = err as SendError;
      const { fields, retryAfter: wait } = details;
      this.phase = fields ? '' : 'failed';
      this.note = fields ? '' : `${t[kind as 'server'] ?? t.server} ${wait ? `${t.wait} ${duration(wait, this.#locale.tag)}. ` : ''}${t.kept}`;
      if (fields) this.#show(fields);
    }
  }

  #part(name: string): HTMLElement {
    return this.renderRoot.querySelector(`[part=${name}]`)!;
  }

  async #show(errors: Record<string, string>): Promise<void> {
    this.errors = errors;
    await this.updateComplete;
    this.#part('summary').focus();
  }

  override render() {
    // Misconfigured: one warning (oneOf says its own) and the webmaster's fallback content stays.
    const kind = oneOf(TAG, 'source', this.#kind, ['rest', 'wordpress', 'mailto']);
    const mail = kind == 'mailto';
    const to = this.#to;
    if (!kind || (mail ? !isEmail(to) : !this.endpoint)) {
      if (kind) warn(TAG, mail ? 'to' : 'endpoint', mail ? to : '', `source="${kind}" needs a usable one`);
      return html`<slot></slot>`;
    }
    const t = this.#locale.t;
    const d = this.#draft;
    const e = this.errors;
    const sending = this.phase == 'sending';
    const topics = this.topics.split(';').map((s) => s.trim()).filter(Boolean);
    // Every field has its error line, empty until something is wrong; email and phone share the rule that one is needed.
    const invalid = (n: string, reach?: boolean) => (e[n] || (reach && e.reach) ? 'true' : 'false');
    const error = (n: string) => html`<small part="error" id="${n}-error" class="error">${e[n]}</small>`;
    const field = (n: keyof typeof t, control: unknown, required?: boolean) =>
      html`<p><label part="label" for="${n}">${t[n]} ${required ? html`<span class="req">${t.required}</span>` : ''}</label>${control}${error(n)}</p>`;
    const input = (n: 'name' | 'email' | 'phone', type: 'text' | 'email' | 'tel', reach?: boolean) =>
      field(
        n,
        html`<input
          part="input"
          id=${n}
          name=${n}
          type=${type}
          autocomplete=${type == 'text' ? 'name' : type}
          ?required=${!reach}
          .value=${d[n] ?? ''}
          aria-invalid=${invalid(n, reach)}
          aria-describedby="${n}-error${reach ? ' reach-error' : ''}"
        />`,
        !reach,
      );
    const select = (n: 'language' | 'topic', options: unknown) =>
      field(n, html`<select part="input" id=${n} name=${n} aria-invalid=${invalid(n)} aria-describedby="${n}-error">${options}</select>`);
    const errors = Object.entries(e);
    return html`<h2 part="heading" id="f-heading">${t.heading}</h2>
      ${this.phase == 'sent'
        ? ''
        : html`<form part="form" aria-labelledby="f-heading" novalidate @submit=${this.#onSubmit} @input=${this.#onInput}>
            ${errors.length
              ? html`<div part="summary" class="summary" tabindex="-1" role="group" aria-labelledby="f-summary">
                  <p id="f-summary">${t.fix}</p>
                  <ul>
                    ${errors.map((m) => html`<li>${m[1]}</li>`)}
                  </ul>
                </div>`
              : ''}
            ${input('name', 'text')}
            <fieldset>
              <legend>${t.reach}</legend>
              ${input('email', 'email', true)} ${input('phone', 'tel', true)} ${error('reach')}
            </fieldset>
            ${select(
              'language',
              // The kept choice, else the language the page speaks (else the browser picks the first).
              (readProfile().availableLanguage ?? ['en', 'es']).map((l) => html`<option value=${l} lang=${l} ?selected=${l.startsWith(d.language || this.#locale.lang)}>${ownName(l) ?? l}</option>`),
            )}
            ${topics.length ? select('topic', [html`<option value="">—</option>`, ...topics.map((s) => html`<option ?selected=${s == d.topic}>${s}</option>`)]) : ''}
            ${field(
              'message',
              html`<textarea part="input" id="message" name="message" required .value=${d.message ?? ''} aria-invalid=${invalid('message')} aria-describedby="message-error"></textarea>`,
              true,
            )}
            <p part="disclaimer" class="hint" id="disclaimer">${this.disclaimer || t.disclaimer}</p>
            <p>
              <input
                part="input"
                type="checkbox"
                id="consent"
                name="consent"
                required
                .checked=${!!d.consent}
                aria-invalid=${invalid('consent')}
                aria-describedby="disclaimer consent-error"
              />
              <label part="label" for="consent">${t.consent} <span class="req">${t.required}</span></label>${error('consent')}
            </p>
            ${this.#guard.field()}
            <button part="button" aria-disabled=${sending}>${sending ? t.sending : this.phase == 'failed' ? t.again : t.send}</button>
          </form>`}
      <p part="status" class="status" role="status" tabindex="-1">${this.note}</p>`;
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
