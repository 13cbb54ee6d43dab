import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { FirmElement } from '../../core/element.js';
import { define } from '../../core/define.js';
import { LocaleController, plural } from '../../core/locale.js';
import { loadDraft, saveDraft, clearDraft, DAY, DEVICE_DAYS } from '../../core/drafts.js';
import type { FailureKind } from '../../core/http.js';
import { Sender, FirmEvent, field, formStyles, isEmail } from '../../core/form.js';
import { tokens } from '../../core/tokens.styles.js';
import { warn, oneOf } from '../../core/warn.js';
import { safeUrl, parse } from './rich.js';
import { strings } from './strings.js';
import { local } from './sources/local.js';
import { rest } from './sources/rest.js';
import { wordpress } from './sources/wordpress.js';
import { plain, type Comment, type Draft, type Order, type Source, type Status } from './sources/source.js';
import { styles } from './comments.styles.js';

const TAG = 'firm-comments';
const ME = 'comments:me';
const SOURCES = { local: () => local, rest, wordpress };
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31536e3],
  ['month', 2592e3],
  ['day', 864e2],
  ['hour', 3600],
  ['minute', 60],
];

/** Each HTML comment's nodes, made once: a render keeps them (and a focused link its focus). */
const built = new WeakMap<Comment, Node[]>();
const rich = (c: Comment) => {
  let nodes = built.get(c);
  if (!nodes) built.set(c, (nodes = parse(c.content)));
  return nodes;
};

/** Ids and status only: a held comment's words are its author's, not every script's on the page. */
export type CommentEvent = FirmEvent<{ id: string; parent: string; status: Status }>;
export type CommentErrorEvent = FirmEvent<{ kind: FailureKind; code?: string }>;
export type CommentsLoadedEvent = FirmEvent<{ total: number }>;

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
  static override styles = [tokens, formStyles, styles];
  static override properties: PropertyDeclarations = {
    source: { reflect: true },
    endpoint: { reflect: true },
    postId: { attribute: 'post-id', reflect: true },
    order: { reflect: true },
    pageSize: { attribute: 'page-size', type: Number, reflect: true },
    maxDepth: { attribute: 'max-depth', type: Number, reflect: true },
    eager: { type: Boolean, reflect: true },
    noWebsite: { attribute: 'no-website', type: Boolean, reflect: true },
    avatars: { type: Boolean, reflect: true },
    keepDrafts: { attribute: 'keep-drafts', reflect: true },
  };

  // Internal state lives in private fields (set by #setup before the first render); whatever
  // changes it asks for the render.
  #locale = new LocaleController(this, strings);
  #form = new Sender<Draft>(this, this.#locale, '[aria-invalid=true]');
  #visible?: boolean;
  #observer = new IntersectionObserver(
    (seen) => {
      // The latest sighting counts.
      if (seen.pop()!.isIntersecting) {
        this.#visible = true;
        this.#observer.disconnect();
        this.requestUpdate();
      }
    },
    { rootMargin: '600px' },
  );
  #src?: Source;
  #thread!: string;
  #key!: string;
  #loads = 0;
  #list!: Comment[];
  #pending!: Comment[];
  #total = 0;
  #page!: number;
  #more?: boolean;
  #fresh?: string;
  /** Where the list is; a phase that has words names them in the strings. */
  #phase?: '' | 'loading' | 'loadFailed' | 'ready';
  // Made by render(): the list and the pending, by date, and whether the form went under one.
  #all!: Comment[];
  /** The comments already rendered: a cycle of parents (or one's own) ends where it began. */
  #seen!: Set<string>;
  #formShown?: boolean;
  #dates!: [Intl.DateTimeFormat, Intl.RelativeTimeFormat];

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

  /** Show the pictures the source sends (WordPress: Gravatar, a third party) instead of initials. */
  avatars = false;

  /** `tab` (default): a comment's draft lives in this tab only; `device`: it outlives it, for 30 days (read by the form's Sender). */
  keepDrafts?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer.disconnect();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('source') || changed.has('endpoint') || changed.has('postId')) this.#setup();
    this.order = oneOf(TAG, 'order', this.order, ['oldest', 'newest']) ?? 'oldest';
    if (!(this.pageSize > 0)) {
      warn(TAG, 'page-size', this.pageSize, 'use a number');
      this.pageSize = 20;
    }
    if (this.#src && (this.eager || this.#visible) && (!this.#phase || changed.has('order') || changed.has('pageSize'))) this.#load(1);
  }

  /** Which source and which thread. */
  #setup() {
    const kind = oneOf(TAG, 'source', this.source || (this.endpoint ? 'rest' : 'local'), ['local', 'rest', 'wordpress']);
    this.#src = undefined;
    if (kind && kind !== 'local' && !this.endpoint) warn(TAG, 'endpoint', '', `needed with source="${kind}"`);
    else if (kind === 'wordpress' && !/^\d+$/.test(this.postId)) warn(TAG, 'post-id', this.postId, 'use the post’s number');
    else if (kind) this.#src = SOURCES[kind](this.endpoint);
    this.#thread = this.postId || location.pathname;
    this.#key = `comments:${kind}:${this.endpoint}:${this.#thread}`;
    this.#list = [];
    this.#total = this.#page = 0;
    this.#phase = '';
    // The fields show the thread's own draft, else what the visitor gave for the last comment.
    this.#form.load(this.#key, { name: '', email: '', url: '', content: '', parent: '', remember: false }, loadDraft(ME));
    this.#form.forget = [ME];
    // Held comments as the author saw them: read defensively (storage is anyone's to edit), and
    // each forgotten a month after it was written even when the server never lists it (trashed, spam).
    const kept = loadDraft<Record<string, unknown>[]>('pending:' + this.#key);
    const since = Date.now() - DEVICE_DAYS * DAY;
    this.#pending = (Array.isArray(kept) ? kept : [])
      .filter((c) => c && typeof c == 'object')
      .map((c) => ({ ...plain(c), html: c.html === true, hold: true }))
      .filter((c) => !(Date.parse(c.date) < since));
  }

  async #load(page: number) {
    const mine = ++this.#loads;
    this.#phase = 'loading';
    this.requestUpdate();
    try {
      const got = await this.#src!.list(this.#thread, { page, size: this.pageSize, order: this.order });
      if (mine !== this.#loads) return;
      const before = page > 1 ? this.#list : [];
      const ids = new Set(before.map((c) => c.id));
      const added = got.comments.filter((c) => !ids.has(c.id) && ids.add(c.id));
      this.#list = [...before, ...added];
      this.#total = got.total;
      // A page that brings nothing new ends it, whatever the count says.
      this.#more = !!added[0] && this.#list.length < got.total;
      this.#page = page;
      // A held comment the server now lists has been approved: no longer ours to keep.
      const left = this.#pending.filter((c) => !ids.has(c.id));
      if (left.length < this.#pending.length) this.#keep(left);
      this.#phase = 'ready';
      this.dispatchEvent(new FirmEvent('firm-comments-loaded', { total: got.total }));
      if (page > 1 && added[0]) this.#show(added[0].id);
    } catch {
      if (mine === this.#loads) this.#phase = 'loadFailed';
    }
    this.requestUpdate();
  }

  /** The held comments, kept past the tab only for an author who asked to be remembered. */
  #keep(pending: Comment[]) {
    saveDraft('pending:' + this.#key, (this.#pending = pending), this.#form.draft.remember ? DEVICE_DAYS : 0);
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

  async #send(e: Event) {
    e.preventDefault();
    const t = this.#locale.t;
    const f = this.#form;
    // People write `reyes-law.example`: that means https. Any other scheme is kept, to be refused.
    const url = f.draft.url.trim();
    const d = { ...f.draft, url: url && !/^[a-z][\w+.-]*:/i.test(url) ? 'https://' + url : url };
    const failed = await f.send({ name: !d.name.trim(), email: !isEmail(d.email.trim()), url: d.url && !safeUrl(d.url), content: !d.content.trim() }, async () => {
      const { comment, status } = await this.#src!.create(this.#thread, d, f.guarded());
      const hold = status === 'hold';
      const c = { ...comment, parent: comment.parent || d.parent, hold };
      if (hold) this.#keep([...this.#pending, c]);
      else {
        this.#list = [...this.#list, c];
        this.#total++;
      }
      clearDraft(this.#key);
      f.draft = { ...d, content: '', parent: '', since: 0 };
      // What is left is name, email and website: with "Remember me", the next thread's form
      // starts from them (on this device, for a while); without, nothing of them outlives the tab.
      if (d.remember) saveDraft(ME, f.draft, DEVICE_DAYS);
      else clearDraft(ME);
      f.note = '';
      this.#show(c.id);
      // The form may have moved: speak through the region already on the page.
      await this.updateComplete;
      f.note = hold ? t.held : t.posted;
      this.dispatchEvent(new FirmEvent('firm-comment-posted', { id: c.id, parent: c.parent, status }));
    });
    if (failed) this.dispatchEvent(new FirmEvent('firm-comment-error', { kind: failed.kind, code: failed.details.code }));
  }

  /** A comment, its replies nested up to `max-depth`, and deeper ones after it saying whom they answer. */
  #item(c: Comment, depth: number, to?: string): unknown[] {
    const t = this.#locale.t;
    this.#seen.add(c.id);
    const kids = this.#all.filter((k) => k.parent && k.parent === c.id && !this.#seen.has(k.id));
    const deep = depth >= this.maxDepth;
    const author = c.author || t.anonymous;
    // A function, so a name such as "$&" is put in as written, not read as a replacement pattern.
    const replyTo = t.replyTo.replace('{name}', () => author);
    const url = safeUrl(c.url);
    // Off by default: the picture is usually a third party's.
    const avatar = this.avatars && safeUrl(c.avatar);
    const at = Date.parse(c.date);
    const s = (at - Date.now()) / 1000;
    const [unit, size] = UNITS.find(([, n]) => Math.abs(s) >= n) ?? ['second', 1];
    // The draft says which comment it answers: the form shows under it.
    const here = c.id === this.#form.draft.parent;
    this.#formShown ||= here;
    // One template a comment where possible: 200 comments render in one go.
    return [
      html`<li part="comment">
        <article class=${c.id === this.#fresh ? 'fresh' : ''} tabindex="-1">
          <header>
            ${avatar
              ? html`<img part="avatar" src=${avatar} alt="" loading="lazy" referrerpolicy="no-referrer" />`
              : html`<span part="avatar" aria-hidden="true"
                  >${author
                    .split(' ', 2)
                    .map((w) => [...w][0])
                    .join('')
                    .toUpperCase()}</span
                >`}
            <b part="author">${url ? html`<a href=${url} rel="nofollow ugc noopener">${author}</a>` : author}</b>
            <time datetime=${c.date}>${at ? `${this.#dates[0].format(at)} · ${this.#dates[1].format(Math.round(s / size), unit)}` : ''}</time>
          </header>
          ${to ? html`<small>${t.inReply.replace('{name}', () => to)}</small>` : nothing}
          <div part="content" class=${c.html ? '' : 'text'}>${c.html ? rich(c) : c.content}</div>
          ${c.hold
            ? html`<small part="pending">${t.held}</small>`
            : html`<button part="reply" aria-label=${replyTo} @click=${() => this.#reply(c.id)}>${t.reply}</button>`}
        </article>
        ${here ? this.#compose(replyTo) : nothing} ${kids[0] && !deep ? html`<ol part="list">${kids.flatMap((k) => this.#item(k, depth + 1))}</ol>` : nothing}
      </li>`,
      ...(deep ? kids.flatMap((k) => this.#item(k, depth, author)) : []),
    ];
  }

  /** The form, under the heading that says what it adds. */
  #compose(heading: string) {
    const t = this.#locale.t;
    const e = this.#form.errors;
    return html`<form part="form" novalidate aria-labelledby="fh" @submit=${this.#send} @input=${(e: Event) => this.#form.input(e)}>
      <h3 id="fh">${heading}</h3>
      ${field('name', t.name, e.name && t.noName)}${field('email', `${t.email} ${t.never}`, e.email && t.badEmail, 'email')}${this.noWebsite
        ? nothing
        : field('url', t.url, e.url && t.badUrl, 'url', false)}
      ${field('content', t.comment, e.content && t.noComment, 'textarea')}
      <label><input type="checkbox" name="remember" /> ${t.remember}</label>
      ${this.#form.guard.field()}
      <div>
        ${this.#form.button(t.send)} ${this.#form.draft.parent ? html`<button part="button" type="button" @click=${() => this.#reply('')}>${t.cancel}</button>` : nothing}
        ${this.#form.discardButton()}
      </div>
      ${this.#form.status()}
    </form>`;
  }

  override render() {
    if (!this.#src) return html`<slot></slot>`;
    const { t, tag } = this.#locale;
    const phase = this.#phase;
    this.#dates = [new Intl.DateTimeFormat(tag, { dateStyle: 'long' }), new Intl.RelativeTimeFormat(tag, { numeric: 'auto' })];
    const time = (c: Comment) => Date.parse(c.date) || 0;
    // One comment an id, the first met (a server may list one twice).
    const byId = new Map<string, Comment>();
    for (const c of [...this.#list, ...this.#pending]) if (!byId.has(c.id)) byId.set(c.id, c);
    const all = [...byId.values()].sort((a, b) => time(a) - time(b));
    this.#all = all;
    this.#seen = new Set();
    this.#formShown = false;
    // A reply whose parent is not here (yet) stands at the top level.
    const roots = all.filter((c) => !c.parent || !byId.has(c.parent));
    if (this.order === 'newest') roots.reverse();
    const items = roots.flatMap((c) => this.#item(c, 1));
    // What no root reaches is a cycle (or its own parent): each stands at the top level once.
    for (const c of all) if (!this.#seen.has(c.id)) items.push(...this.#item(c, 1));
    // Once a page has come, the count stands through later loads.
    const counted = this.#page > 0;
    return html`<header>
        <h2 part="heading">${counted ? plural(tag, this.#total, t.count) : t.comments}</h2>
        ${this.#total > 1
          ? html`<button part="order" aria-pressed=${this.order === 'newest'} @click=${() => (this.order = this.order === 'newest' ? 'oldest' : 'newest')}>${t.newest}</button>`
          : nothing}
      </header>
      ${items[0] ? html`<ol part="list">${items}</ol>` : phase === 'ready' ? html`<p part="empty">${t.empty}</p>` : nothing}
      <p part="status" role="status" class=${counted || phase === 'loadFailed' || items[0] ? '' : 'wait'}>
        ${phase === 'ready' ? nothing : t[phase as 'loading']}
      </p>
      ${this.#more || phase === 'loadFailed'
        ? html`<button part="more" @click=${() => phase !== 'loading' && this.#load(this.#page + 1)}>${phase === 'loadFailed' ? t.retry : t.more}</button>`
        : nothing}
      ${this.#formShown ? nothing : this.#compose(t.leave)}`;
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
