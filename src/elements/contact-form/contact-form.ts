import { html, type PropertyDeclarations } from 'lit';
import { FirmElement } from '../../core/element.js';
import { define } from '../../core/define.js';
import { clearDraft, flushDrafts } from '../../core/drafts.js';
import { LocaleController, languageName, ownName } from '../../core/locale.js';
import { readProfile } from '../../core/profile.js';
import { FirmEvent } from '../../core/events.js';
import { field, isEmail } from '../../core/field.js';
import { formStyles } from '../../core/form.styles.js';
import { Sender } from '../../core/sender.js';
import { tokens } from '../../core/tokens.styles.js';
import { oneOf, warn } from '../../core/warn.js';
import { mailtoUrl, post, type Outgoing } from './sources.js';
import { check } from './validate.js';
import { strings } from './strings.js';
import { styles } from './contact-form.styles.js';

const TAG = 'firm-contact-form';
const SOURCES = ['rest', 'wordpress', 'mailto'];
/** What is sent, in this order (a checked consent reads "on"). */
const KEYS = ['name', 'email', 'phone', 'language', 'topic', 'message', 'consent'] as const;
type Key = (typeof KEYS)[number];
/** What the mail program gets as labelled lines under the message (mailto). */
const MAIL_LINES: Key[] = ['name', 'email', 'phone', 'language', 'topic'];
/** The fields of the email-or-phone rule: editing either clears its error. */
const REACH_FIELDS = ['email', 'phone'];
/** How much of the page's address is sent: the plugin keeps this many characters, and a longer one must not stop a message. */
const PAGE_MAX_CHARS = 2000;
/** What the form keeps in its draft, each with a value of its type: the fields, the message's idempotency key, when typing began. */
const SHAPE = { name: '', email: '', phone: '', language: '', topic: '', message: '', consent: false, key: '', since: 0 };

/**
 * Only with `share-topic`: the reply language and the topic are what the visitor chose about their
 * matter ("Deportation defense", in Spanish), and say something about a person.
 */
export interface MessageSent {
  language?: string;
  topic?: string;
}

/** Fired when the server has the message (or the mail program was opened). No personal data: language and topic only with `share-topic`. */
export class FirmMessageSentEvent extends FirmEvent<MessageSent> {
  constructor(detail: MessageSent) {
    super('firm-message-sent', detail);
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
 * @fires {FirmMessageSentEvent} firm-message-sent - the message was delivered; `detail` is empty, or `{language, topic}` with `share-topic`
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
 * @csspart button - the Send / Try again button, "Discard", and "I sent the email" (mailto)
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
export class FirmContactForm extends FirmElement {
  static override styles = [tokens, formStyles, styles];
  static override properties: PropertyDeclarations = {
    source: { reflect: true },
    endpoint: { reflect: true },
    encoding: { reflect: true },
    to: { reflect: true },
    topics: { reflect: true },
    disclaimer: { reflect: true },
    successText: { reflect: true, attribute: 'success-text' },
    keepDrafts: { reflect: true, attribute: 'keep-drafts' },
    shareTopic: { reflect: true, attribute: 'share-topic', type: Boolean },
    sent: { state: true, attribute: false },
    mailed: { state: true, attribute: false },
  };

  #locale = new LocaleController(this, strings);
  /** Errors are keyed by field name, or `reach` for the email-or-phone rule: `true`, or the server's words. */
  #form = new Sender<{ since?: number; key?: string }>(this, this.#locale, '[part=summary]', SHAPE);

  /** The message was delivered: the form gives way to the thanks. */
  private sent = false;
  /** mailto: the mail program was opened; the copy stays until the visitor says it was sent. */
  private mailed = false;

  /** `rest`, `wordpress` or `mailto`. Default: `rest` when `endpoint` is set, else `mailto`. */
  source?: string;

  /** rest: the URL to POST to. wordpress: the site's address. */
  endpoint?: string;

  /** rest only: `json` (default) or `form` (application/x-www-form-urlencoded). */
  encoding?: string;

  /** mailto: the firm's address. Default: the profile's `email`. */
  to?: string;

  /** Topics for a select, separated by `;`. No select without them. */
  topics?: string;

  /** Replaces the default attorney–client disclaimer. */
  disclaimer?: string;

  /** Replaces "Thank you. We will respond promptly." */
  successText?: string;

  /** `tab` (default): drafts live in this tab only; `device`: they outlive it, for 30 days (read by the form's Sender). */
  keepDrafts?: string;

  /** Put the chosen reply language and topic in `firm-message-sent` (a topic such as "Deportation defense" is personal). */
  shareTopic = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#form.load(`contact:${this.endpoint || this.to || ''}`);
  }

  get #kind(): string {
    return this.source || (this.endpoint ? 'rest' : 'mailto');
  }

  get #to(): string {
    return this.to || readProfile().email || '';
  }

  #onInput(e: Event): void {
    this.#form.input(e);
    // An edited message is a new message: it gets a new key when it is sent.
    delete this.#form.draft.key;
    // Email and phone share the rule that one of them is needed.
    if (REACH_FIELDS.includes((e.target as HTMLInputElement).name) && this.#form.errors.reach) {
      delete this.#form.errors.reach;
      this.requestUpdate();
    }
  }

  #onSubmit(e: Event): void {
    e.preventDefault();
    const t = this.#locale.t;
    const f = this.#form;
    // The form holds what is chosen without a keystroke (the language) too.
    const fd = new FormData(e.currentTarget as HTMLFormElement);
    const v = Object.fromEntries(KEYS.map((k) => [k, ((fd.get(k) ?? '') as string).trim()])) as Record<Key, string>;
    f.send(check(v), async () => {
      // `key` names this version of the message: made when it is first sent, kept with the draft
      // so a resend after a timeout (or a reload) carries the same, and dropped by any edit.
      f.draft.key ||= `${Date.now()}`;
      f.save();
      // On disk before anything leaves the page: a crash or a closed tab mid-send loses nothing.
      flushDrafts();
      // The page without its query and fragment, which carry tokens and search terms.
      const page = (location.origin + location.pathname).slice(0, PAGE_MAX_CHARS);
      const m: Outgoing = { ...v, consent: true, page, key: f.draft.key, ...f.guarded() };
      if (this.#kind == 'mailto') {
        // The firm's staff read the language by its name, in the words of the rest of the mail.
        const given = MAIL_LINES.filter((k) => m[k]);
        const lines = given.map((k) => `${t[k]}: ${k == 'language' ? languageName(m[k], this.#locale.tag) : m[k]}`);
        const url = mailtoUrl(this.#to, `${t.message}: ${m.name}`, [m.message, '', ...lines, m.page]);
        // The address stays in view, linked, in case no mail program opens.
        f.note = html`${t.email}: <a part="link" href=${url}>${this.#to}</a>`;
        this.mailed = true;
        (await f.focus('[part=link]'))!.click();
        // The draft stays until the visitor says the mail went ("I sent the email") or discards it.
      } else {
        await post(this.#kind, this.endpoint!, m, this.encoding == 'form');
        this.#delivered();
      }
      this.dispatchEvent(new FirmMessageSentEvent(this.shareTopic ? { language: m.language, topic: m.topic } : {}));
    });
  }

  /** The server has the message, or (mailto) the visitor says the mail went: the copy kept in the browser goes. */
  #delivered(): void {
    const f = this.#form;
    clearDraft(f.key);
    this.sent = true;
    f.note = this.successText || this.#locale.t.sent;
    f.focus('[part=status]');
  }

  override render() {
    // Misconfigured: one warning (oneOf says its own) and the webmaster's fallback content stays.
    const kind = oneOf(TAG, 'source', this.#kind, SOURCES);
    const mail = kind == 'mailto';
    const to = this.#to;
    if (!kind || (mail ? !isEmail(to) : !this.endpoint)) {
      if (kind) warn(TAG, mail ? 'to' : 'endpoint', mail ? to : '', `needed with source="${kind}"`);
      return html`<slot></slot>`;
    }
    const t = this.#locale.t;
    const f = this.#form;
    const e = f.errors;
    const topics = (this.topics ?? '').split(';').map((s) => s.trim()).filter(Boolean);
    const must = (label: string) => `${label} ${t.required}`;
    // The server's words only where the form has none of its own (they are often in English).
    const say = (k: string) => e[k] && (t.says[k] ?? e[k]);
    // Email and phone share the rule that one is needed: its legend turns error line for both.
    const reach = e.reach ? ' reach-error' : '';
    const errors = Object.keys(e);
    return html`<h2 part="heading" id="fh">${t.heading}</h2>
      ${this.sent
        ? ''
        : html`<form part="form" novalidate aria-labelledby="fh" @submit=${this.#onSubmit} @input=${this.#onInput}>
            ${errors.length
              ? html`<ul part="summary" tabindex="-1" aria-label=${t.fail.validation}>
                  ${errors.map((k) => html`<li>${say(k)}</li>`)}
                </ul>`
              : ''}
            ${field('name', must(t.name), say('name'))}
            <fieldset>
              <legend id="reach-error" class=${reach && 'error'}>${t.says.reach}</legend>
              ${field('email', t.email, say('email'), 'email', false, reach)} ${field('phone', t.phone, say('phone'), 'tel', false, reach)}
            </fieldset>
            ${field(
              'language',
              t.language,
              say('language'),
              // The language the page speaks (else the browser picks the first); a kept choice is put back after rendering.
              (readProfile().availableLanguage ?? ['en', 'es']).map((l) => html`<option value=${l} lang=${l} ?selected=${l.startsWith(this.#locale.lang)}>${ownName(l) ?? l}</option>`),
            )}
            ${topics.length ? field('topic', t.topic, say('topic'), [html`<option value="">—</option>`, ...topics.map((s) => html`<option>${s}</option>`)]) : ''}
            ${field('message', must(t.message), say('message'), 'textarea')}
            <p part="disclaimer" id="disclaimer">${this.disclaimer || t.disclaimer}</p>
            <p>
              <label part="label"
                ><input
                  type="checkbox"
                  name="consent"
                  part="input"
                  required
                  aria-invalid=${!!e.consent}
                  aria-describedby="disclaimer consent-error"
                />
                ${must(t.consent)}</label
              ><small part="error" id="consent-error" class="error">${say('consent')}</small>
            </p>
            ${f.guard.field()}
            <div>${f.button(t.send)} ${f.discardButton()}</div>
          </form>`}
      ${f.status()}
      ${this.mailed && !this.sent && f.draft.since ? html`<button part="button" @click=${this.#delivered}>${t.mailed}</button>` : ''}`;
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
