import { html, type LitElement, type TemplateResult } from 'lit';
import { clearDraft, flushDrafts, keepDraft, loadDraft, isDraftEvent, DEVICE_DAYS } from './drafts.js';
import type { FormStrings } from './form-strings.js';
import { duration, type LocaleController } from './locale.js';
import { SendError, type FailureKind } from './http.js';
import { trap } from './spam-guard.js';
import { oneOf } from './warn.js';

/**
 * The send lifecycle the comment and contact forms share: the draft of what is typed, once at a
 * time, a failure in words, "Try again" where it can help.
 */

/** Failures a second try cannot mend: the visitor must change something, or stop. */
const FINAL_FAILURES: FailureKind[] = ['validation', 'duplicate', 'closed'];

/** Field name → what is wrong with it, for the fields that have something wrong (WordPress names them author_name, author_email…). */
const marked = (errors: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(errors)
      .filter(([, wrong]) => Boolean(wrong))
      .map(([name, wrong]) => [name.replace('author_', ''), wrong]),
  );

/** What the visitor gave a control: whether a checkbox is checked, any other's text. */
const valueOf = (f: HTMLInputElement): string | boolean => (f.type == 'checkbox' ? f.checked : f.value);

/**
 * The fields of `shape` a copy read from storage holds, each only with the type `shape` gives it.
 * Storage is anyone's to write (another script on the site, an older version of the kit): a stored
 * `__proto__` or `constructor` must reach neither the draft's prototype nor the server.
 */
function known(shape: object, kept: unknown): object {
  const from = Object(kept);
  return Object.fromEntries(Object.entries(shape).filter(([name, empty]) => typeof from[name] == typeof empty).map(([name]) => [name, from[name]]));
}

/** Puts a kept value back in its control. */
function restore(f: HTMLInputElement, value: unknown): void {
  if (f.type == 'checkbox') f.checked = Boolean(value);
  else f.value = value as string;
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
  #blank?: object;
  /** What "Discard" deletes besides the form's own draft (the comments' "Remember me" copy). */
  forget = () => {};

  constructor(
    readonly host: LitElement,
    readonly locale: LocaleController<FormStrings>,
    /** What takes focus when fields need fixing. */
    readonly first: string,
    /** The fields the form keeps (`since` too), each with a value of its type: nothing else is read back from storage. */
    readonly shape: object,
  ) {
    host.addController(this);
  }

  /**
   * Another tab on this device wrote this form's draft: its copy shows here when it is newer (the
   * newest one wins). Deleted there ("Discard", or the server has it): the form empties here too,
   * and this tab's copy goes, so nothing writes the discarded text back.
   */
  #onStorage = (e: StorageEvent) => {
    if (!isDraftEvent(e, this.key) || this.sending) return;
    if (e.newValue == null) {
      clearDraft(this.key);
      this.#empty();
    } else Object.assign(this.draft, known(this.shape, loadDraft(this.key)));
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
      if (f.name in this.draft) restore(f, this.draft[f.name as keyof D]);
    }
    this.#box = (fields[0] as HTMLInputElement | undefined)?.form;
  }

  /** Turns to the draft kept under `key`, over `kept` (what other drafts give), over `empty`, with nothing marked or said. */
  load(key: string, empty?: object, kept?: object): void {
    flushDrafts();
    this.#blank = empty;
    this.key = key;
    this.draft = { ...empty, ...known(this.shape, kept), ...known(this.shape, loadDraft(key)) } as D;
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
    clearDraft(this.key);
    this.#empty();
    this.forget();
    this.focus('[name]');
  }

  /** The form as it first was, with nothing marked or said. */
  #empty(): void {
    this.draft = { ...this.#blank } as D;
    this.errors = {};
    this.note = '';
    this.retry = false;
    // Fields the draft no longer names go back to what the page gave them (the language the page speaks).
    this.host.renderRoot.querySelector('form')?.reset();
  }

  /**
   * Keeps a field as it is typed, with when typing began, and clears its error. What is typed
   * shows in its field already: the element renders only when something else changes (the error
   * goes, typing begins). Beside 1,000 comments a render was 1.5–2.5 ms of a keystroke at 4× CPU.
   */
  input(e: Event): void {
    const f = e.target as HTMLInputElement;
    const name = f.name;
    const shown = name in this.errors || !this.draft.since;
    Object.assign(this.draft, { [name]: valueOf(f) });
    this.draft.since ||= Date.now();
    this.save();
    delete this.errors[name];
    if (shown) this.host.requestUpdate();
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
    this.errors = marked(errors);
    let failed: SendError | undefined;
    if (Object.keys(this.errors).length == 0) failed = await this.#deliver(deliver);
    // To the fields to fix, if any (after a success nothing matches: focus stays where `deliver` put it).
    this.focus(this.first);
    return failed;
  }

  /** Runs `deliver` with the form held; a failure is said in words, its fields marked, and returned. */
  async #deliver(deliver: () => Promise<unknown>): Promise<SendError | undefined> {
    const { t, tag } = this.locale;
    this.sending = true;
    this.retry = false;
    this.note = t.sending;
    this.host.requestUpdate();
    let failed: SendError | undefined;
    try {
      await deliver();
    } catch (err) {
      if (err instanceof SendError) failed = err;
      else {
        // A bug (ours or the page's) is not the site's failure: said apart, and logged for whoever can fix it.
        console.error(err);
        failed = new SendError('unexpected');
      }
      const { fields = {}, retryAfter } = failed.details;
      this.retry = !FINAL_FAILURES.includes(failed.kind);
      const wait = retryAfter ? duration(retryAfter, tag) : t.moment;
      const said = t.fail[failed.kind].replace('{t}', wait);
      this.note = this.retry ? `${said} ${t.kept}` : said;
      this.errors = marked(fields);
    }
    this.sending = false;
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
