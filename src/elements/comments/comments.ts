import { html, noChange, nothing, type PropertyDeclarations } from 'lit';
import { FirmElement, next } from '../../core/element.js';
import { define } from '../../core/define.js';
import { LocaleController, plural } from '../../core/locale.js';
import { loadDraft, saveDraft, clearDraft, DEVICE_DAYS } from '../../core/drafts.js';
import type { FailureKind } from '../../core/http.js';
import { FirmEvent } from '../../core/events.js';
import { Sender } from '../../core/sender.js';
import { formStyles } from '../../core/form.styles.js';
import { tokens } from '../../core/tokens.styles.js';
import { strings } from './strings.js';
import type { Comment, Draft, Order, Source, Status } from './sources/source.js';
import { styles, lazyThreads } from './comments.styles.js';
import type { Entry } from './thread.js';
import { addPage, noPages, withComment, type Paging } from './paging.js';
import { loadHeld, saveHeld, stillHeld } from './held.js';
import { Drawing } from './drawing.js';
import { comment, form } from './view.js';
import { near } from './near.js';
import { placeOf, keep, focusAfter, type Place } from './place.js';
import { setup, orderOf, pageSizeOf } from './setup.js';
import { tidied, problems, outgoing, accepted, afterSend } from './send.js';
import { formatters } from './time.js';

const TAG = 'firm-comments';
/** Name, email and website, kept for the next thread's form with "Remember me". */
const ME = 'comments:me';
const HOUR = 36e5;
/** The comment form as it first shows: the fields it keeps, each with its type (`since`: when typing began). */
const EMPTY = { name: '', email: '', url: '', content: '', parent: '', notify: false, remember: false, since: 0 };

/** Ids and status only: a held comment's words are its author's, not every script's on the page. */
export class CommentEvent extends FirmEvent<{ id: string; parent: string; status: Status }> {
  constructor(detail: CommentEvent['detail']) {
    super('firm-comment-posted', detail);
  }
}

/** Why a comment could not be sent or the list could not be read (the kinds the README lists). */
export class CommentErrorEvent extends FirmEvent<{ kind: FailureKind; code?: string }> {
  constructor(detail: CommentErrorEvent['detail']) {
    super('firm-comment-error', detail);
  }
}

/** A page of the list has loaded; `total` is the thread's count. */
export class CommentsLoadedEvent extends FirmEvent<{ total: number }> {
  constructor(detail: CommentsLoadedEvent['detail']) {
    super('firm-comments-loaded', detail);
  }
}

/**
 * A blog post's comments and the form to add one, on WordPress, on any server speaking our small
 * JSON protocol, or in the browser alone. What a visitor types is kept in the browser until the
 * server has accepted it.
 *
 * @summary Threaded comments with a form that never loses a visitor's text.
 * @tagname firm-comments
 *
 * @slot - shown instead when the element is misconfigured (e.g. the server's own comments)
 *
 * @csspart heading - the count heading ("3 Comments")
 * @csspart order - the "Newest first" toggle
 * @csspart list - each list of comments (top level and replies)
 * @csspart comment - one comment with its replies
 * @csspart avatar - the author's picture (with `avatars`) or initials
 * @csspart author - the author's name (a link when they gave a website)
 * @csspart content - the comment's text
 * @csspart pending - the "awaiting moderation" note
 * @csspart reply - each Reply button
 * @csspart more - the "Load more comments" button ("Try again" when loading failed)
 * @csspart empty - the note shown when there are no comments
 * @csspart form - the comment form
 * @csspart button - the form's other buttons (Discard, Cancel)
 * @csspart status - messages about loading and sending
 *
 * @cssstate --loading - until the first page is shown: the element holds a screen's height, so nothing moves when the list arrives
 *
 * @cssproperty --firm-accent - links, buttons, focus ring
 * @cssproperty --firm-accent-contrast - text on buttons
 * @cssproperty --firm-border - field borders and reply rules
 * @cssproperty --firm-muted - dates and notes
 * @cssproperty --firm-radius - corners of fields and buttons
 * @cssproperty --firm-gap - spacing
 * @cssproperty --firm-closed - error messages
 *
 * @fires firm-comment-posted - a comment was accepted; `detail: {id, parent, status}` with status `approved` or `hold`, never its text
 * @fires firm-comment-error - sending failed; `detail: {kind, code}`
 * @fires firm-comments-loaded - a page of the list has loaded; `detail: {total}`, the thread's count
 */
export class FirmComments extends FirmElement {
  static override styles = [tokens, formStyles, styles, lazyThreads];
  static override properties: PropertyDeclarations = {
    source: { reflect: true },
    endpoint: { reflect: true },
    postId: { attribute: 'post-id', reflect: true },
    order: { reflect: true },
    pageSize: { attribute: 'page-size', type: Number, reflect: true },
    maxDepth: { attribute: 'max-depth', type: Number, reflect: true },
    eager: { type: Boolean, reflect: true },
    noWebsite: { attribute: 'no-website', type: Boolean, reflect: true },
    noNotify: { attribute: 'no-notify', type: Boolean, reflect: true },
    avatars: { type: Boolean, reflect: true },
    keepDrafts: { attribute: 'keep-drafts', reflect: true },
  };

  // Internal state lives in private fields (set by #start before the first render); whatever
  // changes it asks for the render.
  #locale = new LocaleController(this, strings);
  #form = new Sender<Draft>(this, this.#locale, '[aria-invalid=true]', EMPTY);
  /** `:state(--loading)` holds a screen's height for the list until its first page is shown (see the styles). */
  #internals = this.attachInternals();
  #roomKept?: boolean;
  #visible?: boolean;
  #src?: Source;
  /** What the source, endpoint and thread were when last read, and what the list was last asked for. */
  #config?: string;
  #asked?: string;
  #thread!: string;
  #key!: string;
  #loads = 0;
  #pages: Paging = noPages;
  #pending: Comment[] = [];
  #fresh?: string;
  /** Where the list is; a phase that has words names them in the strings. */
  #phase?: '' | 'loading' | 'loadFailed' | 'ready';
  /** The thread as shown, drawn by parts (drawing.ts); once the first page is all drawn, the form and the rest show. */
  #list = new Drawing<unknown>();
  #part?: Promise<unknown>;
  #complete?: boolean;
  /** The language whose formatters are made (#formatters). */
  #formatted?: string;
  /** While "Load more" draws: a comment the reader sees, and where on screen it stays (place.ts). */
  #keepAt?: Place;

  /** `local` (the browser's storage), `rest` (our JSON protocol) or `wordpress`. Default: `rest` with an `endpoint`, else `local`. */
  source = '';

  /** The `rest` URL, or the WordPress site's address. */
  endpoint = '';

  /** The thread: WordPress's post ID; any text for the other sources (default: the page's path). */
  postId = '';

  /** `oldest` or `newest` first. */
  order: Order = 'oldest';

  /** Comments per page; "Load more comments" fetches the next. */
  pageSize = 20;

  /** Reply levels shown nested; deeper replies say whom they answer. */
  maxDepth = 3;

  /** Load at once, rather than when the element nears the viewport. */
  eager = false;

  /** Hide the website field. */
  noWebsite = false;

  /** Hide "Email me when someone replies" (shown with `rest` only): for a server that sends no such mail. */
  noNotify = false;

  /** Show the pictures the source sends (WordPress: Gravatar, a third party) instead of initials. */
  avatars = false;

  /** `tab` (default): a comment's draft lives in this tab only; `device`: it outlives it, for 30 days (read by the form's Sender). */
  keepDrafts?: string;

  constructor() {
    super();
    // Lazy loading: the list is asked for when the element nears the viewport (unless `eager`).
    near(this, () => {
      this.#visible = true;
      this.#start();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#loading(true);
    // The list is asked for now, not after the first render: the answer travels while the page's
    // first Intl data loads and the heading renders.
    this.#start();
  }

  override willUpdate(): void {
    this.#start();
    const list = this.#list;
    list.thread(this.#pages.list, this.#pending, this.order, this.maxDepth);
    // One more part of the list a render (a keystroke draws nothing new once all are drawn).
    list.grow();
    this.#complete ||= this.#pages.page > 0 && list.done;
    this.#loading(!!this.#src && !this.#complete);
  }

  override updated(): void {
    if (this.#keepAt) keep(this.#keepAt);
    // The rest of the list, a part a task: the page stays responsive and no task runs long.
    if (!this.#list.done) this.#part = next().then(() => this.requestUpdate());
    else this.#list.settle();
  }

  /** Resolves once every part of the list is drawn. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await super.getUpdateComplete();
    while (!this.#list.done) {
      await this.#part;
      await super.getUpdateComplete();
    }
    return true;
  }

  /**
   * Sets `:state(--loading)` (the dashes keep Chromium before 125, which knows only such names,
   * from throwing); a browser without custom states keeps no height: the list then pushes what
   * follows as it arrives.
   */
  #loading(on: boolean) {
    // Only a change: setting a state restyles the whole element.
    if (on !== this.#roomKept) this.#internals.states?.[on ? 'add' : 'delete']('--loading');
    this.#roomKept = on;
  }

  /** Reads the attributes (warning once about any it cannot use) and asks for the list when it is wanted and not asked for yet. */
  #start() {
    const config = [this.source, this.endpoint, this.postId].join(' ');
    if (config !== this.#config) {
      this.#config = config;
      this.#setup();
    }
    this.order = orderOf(this.order);
    this.pageSize = pageSizeOf(this.pageSize);
    const ask = [this.#key, this.order, this.pageSize].join(' ');
    if (this.#src && (this.eager || this.#visible) && ask !== this.#asked) {
      this.#asked = ask;
      this.#load(1);
    }
  }

  /** Which source and which thread (setup.ts), and everything shown of the last one gone. */
  #setup() {
    const { source, thread, key } = setup(this.source, this.endpoint, this.postId, location.pathname);
    this.#src = source;
    this.#thread = thread;
    this.#key = key;
    this.#pages = noPages;
    this.#list.drawn = 0;
    this.#complete = false;
    this.#phase = '';
    // The fields show the thread's own draft, else what the visitor gave for the last comment.
    this.#form.load(this.#key, EMPTY, loadDraft(ME));
    this.#form.forget = () => this.#forget();
    this.#pending = loadHeld(key);
  }

  async #load(page: number) {
    const mine = ++this.#loads;
    // "Load more": the reader keeps their place, then focus goes to the first new comment (place.ts).
    const at = page > 1 ? placeOf(this.renderRoot) : undefined;
    this.#keepAt = at;
    this.#phase = 'loading';
    this.requestUpdate();
    try {
      const answer = this.#src!.list(this.#thread, { page, size: this.pageSize, order: this.order });
      // A failure is read below, after the formatters: not an unhandled rejection meanwhile.
      answer.catch(() => {});
      if (this.#locale.tag !== this.#formatted) await this.#formatters();
      const got = await answer;
      if (mine !== this.#loads) return;
      this.#pages = addPage(this.#pages, page, got);
      // Page 1 again (another order): the list is drawn afresh.
      if (page == 1) this.#list.drawn = 0;
      const left = stillHeld(this.#pending, this.#pages.list);
      if (left.length < this.#pending.length) this.#keep(left);
      this.#phase = 'ready';
      this.dispatchEvent(new CommentsLoadedEvent({ total: got.total }));
      if (at) {
        this.requestUpdate();
        await this.updateComplete;
        this.#keepAt = undefined;
        focusAfter(this.renderRoot, at[0]);
      }
    } catch {
      if (mine === this.#loads) {
        this.#keepAt = undefined;
        this.#phase = 'loadFailed';
        // The form shows, and stays through "Try again".
        this.#complete = true;
      }
    }
    this.requestUpdate();
  }

  /**
   * Makes the formatters the first comments need (dates, the count) while the answer travels, in a
   * task of their own: the language's ICU data loads at their first use (14 ms at 1× CPU), and it
   * made the first part drawn the visit's longest task. After the first render, which follows the
   * page's first Intl object (element.ts).
   */
  async #formatters() {
    await this.updateComplete;
    await next();
    const { t, tag } = this.#locale;
    formatters(tag);
    plural(tag, 0, t.count);
    this.#formatted = tag;
    await next();
  }

  /** The held comments, kept past the tab only for an author who asked to be remembered. */
  #keep(pending: Comment[]) {
    this.#pending = pending;
    saveHeld(this.#key, pending, this.#form.draft.remember);
  }

  /**
   * "Remember me" unticked, or "Discard": name, email and website leave the device at once, and
   * so do held comments (sent, so not a draft: their author still sees them, in this tab only).
   */
  #forget() {
    clearDraft(ME);
    this.#keep(this.#pending);
  }

  #input(e: Event) {
    const f = this.#form;
    f.input(e);
    if ((e.target as HTMLInputElement).name == 'remember' && !f.draft.remember) this.#forget();
  }

  /**
   * Whether the form offers mail about replies: only where the source sends it (WordPress and the
   * tab alone would not: a box promising mail nobody sends would mislead), unless `no-notify`.
   */
  #mails() {
    return !!this.#src!.mails && !this.noNotify;
  }

  /** Renders, then moves focus to the comment `id` (its article is the one marked `fresh`). */
  #show(id: string) {
    this.#fresh = id;
    this.#form.focus('.fresh');
  }

  #reply(id: string) {
    this.#form.draft.parent = id;
    this.#form.save();
    this.#form.focus('textarea');
  }

  /** One listener for every comment's Reply: the button's value is the comment it answers. */
  #replyClicked = (e: Event) => {
    const button = (e.target as Element).closest<HTMLButtonElement>('[part=reply]');
    if (button) this.#reply(button.value);
  };

  async #send(e: Event) {
    e.preventDefault();
    const t = this.#locale.t;
    const f = this.#form;
    const d = tidied(f.draft);
    const failed = await f.send(problems(d), async () => {
      const sent = outgoing(d, this.#mails(), this.#locale.lang);
      const { comment, status, confirm } = await this.#src!.create(this.#thread, sent, f.guarded());
      const hold = status === 'hold';
      const c = accepted(comment, d.parent, status);
      if (hold) this.#keep([...this.#pending, c]);
      else this.#pages = withComment(this.#pages, c);
      clearDraft(this.#key);
      f.draft = afterSend(d);
      // What is left is name, email and website: with "Remember me", the next thread's form
      // starts from them (on this device, for a while); without, nothing of them outlives the tab.
      if (d.remember) saveDraft(ME, f.draft, DEVICE_DAYS);
      else clearDraft(ME);
      f.note = '';
      this.#show(c.id);
      // The form may have moved: speak through the region already on the page.
      await this.updateComplete;
      f.note = `${hold ? t.held : t.posted}${confirm ? ' ' + t.confirm : ''}`;
      this.dispatchEvent(new CommentEvent({ id: c.id, parent: c.parent, status }));
    });
    if (failed) this.dispatchEvent(new CommentErrorEvent({ kind: failed.kind, code: failed.details.code }));
  }

  override render() {
    if (!this.#src) return html`<slot></slot>`;
    const { t, tag } = this.#locale;
    const phase = this.#phase;
    const { total, page, more } = this.#pages;
    const parent = this.#form.draft.parent;
    const list = this.#list;
    // Drawn again only when something it shows changed; a form inside it (a reply) always is.
    // "2 days ago" is redrawn hourly at most, unless the list changes.
    const draws = list.draws([tag, this.#fresh, parent, this.avatars, Math.floor(Date.now() / HOUR)], !!parent);
    const entries = draws ? list.entries.slice(0, list.drawn) : [];
    const f = this.#form;
    const compose = (heading: string) =>
      form(heading, f, { t, website: !this.noWebsite, mails: this.#mails(), send: this.#send, input: this.#input, cancel: () => this.#reply('') });
    // The form shows under the comment the draft answers, if it is drawn; else after the list.
    let formShown = false;
    const under = (id: string, replyTo: string) => {
      if (id !== parent) return nothing;
      formShown = true;
      return compose(replyTo);
    };
    // Each comment as made for an earlier part when it was (drawing.ts).
    const item = (entry: Entry): unknown => list.item(entry, () => comment(entry, { t, tag, avatars: this.avatars, fresh: this.#fresh, item, under }));
    // Once a page has come, the count stands through later loads.
    const counted = page > 0;
    const failed = phase === 'loadFailed';
    // Not a <header>: at the top of the shadow root it would be a second banner landmark beside the page's own.
    return html`<div class="top">
        <h2 part="heading">${counted ? plural(tag, total, t.count) : t.comments}</h2>
        ${total > 1
          ? html`<button part="order" aria-pressed=${this.order === 'newest'} @click=${() => (this.order = this.order === 'newest' ? 'oldest' : 'newest')}>${t.newest}</button>`
          : nothing}
      </div>
      ${draws ? (entries[0] ? html`<ol part="list" @click=${this.#replyClicked}>${entries.map(item)}</ol>` : phase === 'ready' ? html`<p part="empty">${t.empty}</p>` : nothing) : noChange}
      <p part="status" role="status">${phase === 'ready' ? nothing : t[phase as 'loading']}</p>
      ${(this.#complete && more) || failed
        ? html`<button part="more" @click=${() => phase !== 'loading' && this.#load(page + 1)}>${failed ? t.retry : t.more}</button>`
        : nothing}
      ${formShown || !this.#complete ? nothing : compose(t.leave)}`;
  }
}

define(TAG, FirmComments);

declare global {
  interface HTMLElementTagNameMap {
    'firm-comments': FirmComments;
  }
  interface GlobalEventHandlersEventMap {
    'firm-comment-posted': CommentEvent;
    'firm-comment-error': CommentErrorEvent;
    'firm-comments-loaded': CommentsLoadedEvent;
  }
}
