import { html, css, type LitElement, type TemplateResult } from 'lit';
import { clearDraft, flushDrafts, keepDraft, loadDraft, isDraftEvent, DEVICE_DAYS } from './drafts.js';
import { duration, type LocaleController } from './locale.js';
import { SendError, type FailureKind } from './http.js';
import { trap } from './spam-guard.js';
import { oneOf } from './warn.js';

/**
 * What the comment and contact forms share: their common words, a labelled field with its error
 * line, the look of fields and buttons, and the send lifecycle (once at a time, a failure in words,
 * "Try again" where it can help).
 */

const en = {
  name: 'Name',
  email: 'Email',
  sending: 'Sending…',
  retry: 'Try again',
  kept: 'Your text is kept.',
  discard: 'Discard',
  noName: 'Please enter your name.',
  badEmail: 'Please enter a valid email.',
  /** `{t}` is a wait in words. */
  fail: {
    validation: 'Please check the form.',
    duplicate: 'You already sent this.',
    'too-fast': 'Too fast. Please wait {t}.',
    closed: 'This form is closed.',
    'not-allowed': 'The site does not allow this.',
    'not-found': 'Not found on the site.',
    offline: 'You seem to be offline.',
    unreachable: 'Could not reach the site.',
    timeout: 'The site did not answer.',
    server: 'The site had a problem.',
    unreadable: 'The site’s answer was not understood.',
    unexpected: 'This page had a problem.',
  } as Record<FailureKind, string>,
  moment: 'a moment',
};

export type FormStrings = typeof en;

export const formStrings = {
  en,
  es: {
    name: 'Nombre',
    email: 'Correo electrónico',
    sending: 'Enviando…',
    retry: 'Reintentar',
    kept: 'Su texto se guarda.',
    discard: 'Descartar',
    noName: 'Escriba su nombre.',
    badEmail: 'Escriba un correo válido.',
    fail: {
      validation: 'Revise el formulario.',
      duplicate: 'Ya lo envió.',
      'too-fast': 'Demasiado rápido. Espere {t}.',
      closed: 'Este formulario está cerrado.',
      'not-allowed': 'El sitio no lo permite.',
      'not-found': 'No se encontró en el sitio.',
      offline: 'Parece que no tiene conexión.',
      unreachable: 'No se pudo contactar con el sitio.',
      timeout: 'El sitio no respondió.',
      server: 'El sitio tuvo un problema.',
      unreadable: 'No se entendió la respuesta del sitio.',
      unexpected: 'Esta página tuvo un problema.',
    },
    moment: 'un momento',
  } as FormStrings,
};

export const isEmail = (s: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(s);

export const formStyles = css`
  form,
  form p {
    display: grid;
    gap: 0.25em;
    margin: 0;
  }
  form {
    gap: var(--_gap);
  }
  input,
  select,
  textarea,
  button {
    font: inherit;
    color: inherit;
    padding: 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: none;
  }
  [aria-invalid='true'],
  .error {
    border-color: var(--_closed);
    color: var(--_closed);
  }
  button {
    justify-self: start;
    cursor: pointer;
    padding: 0.5em 1em;
    border-color: var(--_accent);
    color: var(--_accent);
  }
  .primary {
    background: var(--_accent);
    color: var(--_accent-contrast);
  }
`;

/**
 * A labelled control with its error line, tied by `aria-describedby` and `aria-invalid`. `kind`
 * is an input type, `textarea`, or a select's options; `also` is another error line's id (with
 * its leading space) that marks the control too.
 */
export function field(n: string, label: unknown, error: unknown, kind: 'text' | 'email' | 'tel' | 'url' | 'textarea' | unknown[] = 'text', required = true, also = ''): TemplateResult {
  const bad = !!(error || also);
  const by = `${n}-error${also}`;
  return html`<p>
    <label part="label" for=${n}>${label}</label>${kind == 'textarea'
      ? html`<textarea part="input" id=${n} name=${n} rows="5" ?required=${required} aria-invalid=${bad} aria-describedby=${by}></textarea>`
      : kind instanceof Array
        ? html`<select part="input" id=${n} name=${n} aria-invalid=${bad} aria-describedby=${by}>${kind}</select>`
        : html`<input part="input" id=${n} name=${n} type=${kind} autocomplete=${kind == 'text' ? 'name' : kind} ?required=${required} aria-invalid=${bad} aria-describedby=${by} />`}<small
      part="error"
      id="${n}-error"
      class="error"
      >${error}</small
    >
  </p>`;
}

/** Field name → what is wrong with it, for the fields that have something wrong (WordPress names them author_name, author_email…). */
const marked = (errors: Record<string, unknown>) => Object.fromEntries(
    Object.entries(errors)
      .filter((e) => e[1])
      .map(([k, v]) => [k.replace('author_', ''), v]),
  );

/** Where a control holds what the visitor gave. */
const held = (f: HTMLInputElement) => (f.type == 'checkbox' ? 'checked' : 'value');

/** Fired on what a visitor did, with what the page may know of it. */
export class FirmEvent<T> extends Event {
  constructor(
    type: string,
    readonly detail: T,
  ) {
    super(type, { bubbles: true, composed: true });
  }
}

/**
 * A form's life, kept by its element: the draft of what is typed (kept in the browser and put
 * back in the fields after each render), the state it renders, and `send()`.
 */
export class Sender<D extends { since?: number }> {
  sending?: boolean;
  /** The last failure may pass on a second try: the button says "Try again". */
  retry?: boolean;
  /** The status line (`load()` sets it, and the draft and its key, before the first render). */
  note: unknown;
  /** Field name → what is wrong with it. */
  errors: Record<string, unknown> = {};
  /** `guard.field()` is the spam trap, rendered in the form. */
  guard = { field: () => trap };
  #shownAt = Date.now();
  /** The form, found at the last render. */
  #box?: HTMLFormElement | null;
  draft = {} as D;
  key!: string;
  /** What an empty form holds. */
  #empty?: object;
  /** More drafts "Discard" deletes with the form's own (the comments' "Remember me" copy). */
  forget: string[] = [];

  constructor(
    readonly host: LitElement,
    readonly locale: LocaleController<FormStrings>,
    /** What takes focus when fields need fixing. */
    readonly first: string,
  ) {
    host.addController(this);
  }

  /** Another tab on this device wrote this form's draft: its copy shows here when it is newer (the newest one wins). */
  #onStorage = (e: StorageEvent) => {
    if (!isDraftEvent(e, this.key) || this.sending) return;
    Object.assign(this.draft, loadDraft(this.key));
    this.host.requestUpdate();
  };

  hostConnected(): void {
    addEventListener('storage', this.#onStorage);
  }

  hostDisconnected(): void {
    removeEventListener('storage', this.#onStorage);
  }

  /** Puts the draft back in the fields, and holds them while a message travels (what is typed then would be lost when the form empties). */
  hostUpdated(): void {
    // The form's own list of controls once it is known: a search of the whole element visits
    // every node of the comments around it (8 ms a keystroke at 4× CPU beside 1,000 comments).
    const fields = this.#box?.isConnected ? this.#box.elements : this.host.renderRoot.querySelectorAll('[name]');
    for (const f of fields as Iterable<HTMLInputElement>) {
      f.readOnly = !!this.sending;
      if (f.name in this.draft) Object.assign(f, { [held(f)]: this.draft[f.name as keyof D] });
    }
    this.#box = (fields[0] as HTMLInputElement | undefined)?.form;
  }

  /** Turns to the draft kept under `key`, over `kept` (what other drafts give), over `empty`, with nothing marked or said. */
  load(key: string, empty?: object, kept?: object): void {
    flushDrafts();
    this.#empty = empty;
    this.draft = { ...empty, ...kept, ...loadDraft((this.key = key)) } as D;
    this.errors = {};
    this.note = '';
  }

  /** Kept for the tab, unless the element's `keep-drafts="device"` keeps it on the device (then for `DEVICE_DAYS`). */
  save(): void {
    const keep = oneOf(this.host.localName, 'keep-drafts', this.host.getAttribute('keep-drafts') ?? 'tab', ['tab', 'device']);
    keepDraft(this.key, this.draft, keep == 'device' ? DEVICE_DAYS : 0);
  }

  /** "Discard": every copy of what was typed is deleted, and the form empties. */
  discard(): void {
    if (this.sending) return;
    for (const key of [this.key, ...this.forget]) clearDraft(key);
    this.draft = { ...this.#empty } as D;
    this.errors = {};
    this.note = '';
    this.retry = false;
    // Fields the draft no longer names go back to what the page gave them (the language the page speaks).
    this.host.renderRoot.querySelector('form')?.reset();
    this.focus('[name]');
  }

  /** Keeps a field as it is typed, with when typing began, and clears its error. */
  input(e: Event): void {
    const f = e.target as HTMLInputElement;
    const name = f.name;
    Object.assign(this.draft, { [name]: f[held(f)] });
    this.draft.since ||= Date.now();
    this.save();
    delete this.errors[name];
    this.host.requestUpdate();
  }

  /**
   * The spam guard's fields: `firm_hp`, what the trap holds (empty from people), and
   * `firm_elapsed`, the milliseconds since the form showed, or since typing began when a draft
   * kept from an earlier visit says so.
   */
  guarded(): { firm_hp: string; firm_elapsed: number } {
    const d = this.draft as D & { url_confirm?: string };
    return { firm_hp: d.url_confirm ?? '', firm_elapsed: Date.now() - Math.min(this.#shownAt, d.since || Date.now()) };
  }

  /** Renders, then focuses `selector`; resolves with what it focused. */
  async focus(selector: string): Promise<HTMLElement | null> {
    this.host.requestUpdate();
    await this.host.updateComplete;
    const el = this.host.renderRoot.querySelector<HTMLElement>(selector);
    el?.focus();
    return el;
  }

  /**
   * Marks the fields `errors` names (falsy values pass), or else runs `deliver`, once at a time:
   * a double click sends once. A failure is said in words and its fields marked; it is returned.
   */
  async send(errors: Record<string, unknown>, deliver: () => Promise<unknown>): Promise<SendError | void> {
    if (this.sending) return;
    const { t, tag } = this.locale;
    let failed;
    if (!Object.keys((this.errors = marked(errors)))[0]) {
      this.sending = true;
      this.retry = false;
      this.note = t.sending;
      this.host.requestUpdate();
      try {
        await deliver();
      } catch (err) {
        // A bug (ours or the page's) is not the site's failure: said apart, and logged for whoever can fix it.
        if (!(err instanceof SendError)) console.error(err);
        failed = err instanceof SendError ? err : new SendError('unexpected');
        const { fields = {}, retryAfter } = failed.details;
        this.retry = !/val|dup|clo/.test(failed.kind);
        this.note = t.fail[failed.kind].replace('{t}', retryAfter ? duration(retryAfter, tag) : t.moment) + (this.retry ? ' ' + t.kept : '');
        this.errors = marked(fields);
      }
      this.sending = false;
    }
    // To the fields to fix, if any (after a success nothing matches: focus stays where `deliver` put it).
    this.focus(this.first);
    return failed;
  }

  /** The send button: it says "Sending…", then "Try again" after a failure that may pass. */
  button(label: string): TemplateResult {
    const t = this.locale.t;
    return html`<button part="button" class="primary" aria-disabled=${!!this.sending}>${this.sending ? t.sending : this.retry ? t.retry : label}</button>`;
  }

  /** "Discard": deletes every copy of what was typed. */
  discardButton(): TemplateResult {
    return html`<button part="button" type="button" aria-disabled=${!!this.sending} @click=${() => this.discard()}>${this.locale.t.discard}</button>`;
  }

  /** The status line, focusable for a success to take focus. */
  status(): TemplateResult {
    return html`<p part="status" role="status" tabindex="-1">${this.note}</p>`;
  }
}
