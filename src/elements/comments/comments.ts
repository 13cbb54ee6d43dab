import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { define } from '../../core/define.js';
import { LocaleController, plural, duration } from '../../core/locale.js';
import { DraftController, loadDraft, saveDraft, clearDraft } from '../../core/drafts.js';
import { SpamGuard, honeypotStyles } from '../../core/spam-guard.js';
import { SendError, type FailureKind } from '../../core/http.js';
import { tokens } from '../../core/tokens.styles.js';
import { warn } from '../../core/warn.js';
import { safeUrl, type Tree } from './rich.js';
import { strings, type Field } from './strings.js';
import { local } from './sources/local.js';
import { rest } from './sources/rest.js';
import { wordpress } from './sources/wordpress.js';
import type { Comment, Draft, Order, Source, Status } from './sources/source.js';
import { styles } from './comments.styles.js';

const TAG = 'firm-comments';
const FIELDS: Field[] = ['name', 'email', 'url', 'content'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ME = 'comments:me';

/** The allowed elements of a comment, rebuilt through templates: see rich.ts. */
const TAGS: Record<string, (k: unknown, h: string) => TemplateResult> = {
  p: (k) => html`<p>${k}</p>`,
  br: () => html`<br />`,
  a: (k, h) => html`<a href=${h} rel="nofollow ugc noopener">${k}</a>`,
  strong: (k) => html`<strong>${k}</strong>`,
  b: (k) => html`<b>${k}</b>`,
  em: (k) => html`<em>${k}</em>`,
  i: (k) => html`<i>${k}</i>`,
  code: (k) => html`<code>${k}</code>`,
  pre: (k) => html`<pre>${k}</pre>`,
  blockquote: (k) => html`<blockquote>${k}</blockquote>`,
  ul: (k) => html`<ul>${k}</ul>`,
  ol: (k) => html`<ol>${k}</ol>`,
  li: (k) => html`<li>${k}</li>`,
};

// Links are checked again here, so a tree from storage is as safe as one just parsed. Plain text
// stays one text node (its line breaks shown by CSS): no templates for most comments.
const rich = (tree: string | Tree): unknown =>
  typeof tree === 'string' ? tree : tree.map((n) => {
    if (typeof n === 'string') return n;
    const h = safeUrl(n.h, true);
    return Object.hasOwn(TAGS, n.t) && (h || n.t !== 'a') ? TAGS[n.t](rich(n.c), h) : rich(n.c);
  });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31536e3],
  ['month', 2592e3],
  ['day', 864e2],
  ['hour', 3600],
  ['minute', 60],
];
const formats = new Map<string, [Intl.DateTimeFormat, Intl.RelativeTimeFormat]>();

const blank = (): Draft => ({ name: '', email: '', url: '', content: '', parent: '' });

/** `example.com` means `https://example.com`; any other scheme is kept, to be refused. */
const withScheme = (u: string) => (u && !/^[a-z][\w+.-]*:/i.test(u) ? 'https://' + u : u);

export type CommentEvent = FirmCommentEvent<{ comment: Comment; status: Status }>;
export type CommentErrorEvent = FirmCommentEvent<{ kind: FailureKind; code?: string }>;

export class FirmCommentEvent<T> extends Event {
  constructor(
    type: string,
    readonly detail: T,
  ) {
    super(type, { bubbles: true, composed: true });
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
 * @csspart avatar - the picture or initials
 * @csspart author - the author's name (a link when they gave a website)
 * @csspart content - the comment's text
 * @csspart pending - the "awaiting moderation" note
 * @csspart reply - each Reply button
 * @csspart more - the "Load more comments" button
 * @csspart empty - the note shown when there are no comments
 * @csspart form - the comment form
 * @csspart button - the form's buttons
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
 * @fires firm-comment-posted - a comment was accepted; `detail: {comment, status}` with status `approved` or `hold`
 * @fires firm-comment-error - sending failed; `detail: {kind, code}`
 */
export class FirmComments extends LitElement {
  static override styles = [tokens, honeypotStyles, styles];
  static override properties: PropertyDeclarations = {
    phase: { state: true, attribute: false },
    replyTo: { state: true, attribute: false },
    errors: { state: true, attribute: false },
    notice: { state: true, attribute: false },
    source: { reflect: true },
    endpoint: { reflect: true },
    postId: { attribute: 'post-id', reflect: true },
    order: { reflect: true },
    pageSize: { attribute: 'page-size', type: Number, reflect: true },
    maxDepth: { attribute: 'max-depth', type: Number, reflect: true },
    eager: { type: Boolean, reflect: true },
    noWebsite: { attribute: 'no-website', type: Boolean, reflect: true },
    avatars: { type: Boolean, reflect: true },
  };

  private locale = new LocaleController(this, strings);
  private drafts = new DraftController<Draft>(this);
  private guard = new SpamGuard();
  private observer?: IntersectionObserver;
  private visible = false;
  private src?: Source;
  private thread = '';
  private key = '';
  private draft = blank();
  private sending = false;
  private loads = 0;
  // Changed together with `phase`, which re-renders.
  private list: Comment[] = [];
  private pending: Comment[] = [];
  private total = 0;
  private page = 0;
  private more = false;
  private fresh = '';
  private kids = new Map<string, Comment[]>();
  private formShown = false;

  private phase: '' | 'loading' | 'more' | 'failed' | 'ready' = '';
  private replyTo = '';
  private errors: Partial<Record<Field, string>> = {};
  private notice?: { text: string; retry?: boolean };

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

  /** Show the avatar pictures the source sends (WordPress: Gravatar, a third party); default initials. */
  avatars = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer = new IntersectionObserver(
      (seen) => {
        if (seen.some((e) => e.isIntersecting)) {
          this.visible = true;
          this.observer!.disconnect();
          this.requestUpdate();
        }
      },
      { rootMargin: '600px' },
    );
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer!.disconnect();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const thread = changed.has('source') || changed.has('endpoint') || changed.has('postId');
    if (thread) this.setup();
    if (!/^(oldest|newest)$/.test(this.order)) {
      warn(TAG, 'order', this.order, 'use oldest or newest');
      this.order = 'oldest';
    }
    if (!(this.pageSize > 0)) {
      warn(TAG, 'page-size', this.pageSize, 'use a number');
      this.pageSize = 20;
    }
    if (this.src && (this.eager || this.visible) && (!this.phase || changed.has('order') || changed.has('pageSize'))) this.load(1);
    // Storage is slow the first time on a page: read it while the list is on its way.
    if (thread) {
      this.drafts.flush();
      const d = (this.draft = this.drafts.load(this.key) ?? { ...blank(), ...loadDraft<Draft>(ME) });
      this.replyTo = d.parent;
      this.pending = loadDraft<Comment[]>('pending:' + this.key) ?? [];
      // The fields show another thread's text until told: the bindings only see the draft.
      this.updateComplete.then(() => {
        for (const f of this.renderRoot.querySelectorAll<HTMLInputElement>('[name]')) {
          if (f.type === 'checkbox') f.checked = !!d.remember;
          else if (f.name in d) f.value = d[f.name as Field];
        }
      });
    }
  }

  /** Which source and which thread. */
  private setup() {
    const kind = this.source || (this.endpoint ? 'rest' : 'local');
    const make = { local: () => local, rest, wordpress }[kind];
    this.src = undefined;
    if (!make) warn(TAG, 'source', kind, 'use local, rest or wordpress');
    else if (kind !== 'local' && !this.endpoint) warn(TAG, 'endpoint', '', `needed with source="${kind}"`);
    else if (kind === 'wordpress' && !/^\d+$/.test(this.postId)) warn(TAG, 'post-id', this.postId, 'use the post’s number');
    else this.src = make(this.endpoint);
    this.thread = this.postId || location.pathname;
    this.key = `comments:${kind}:${this.endpoint}:${this.thread}`;
    this.list = [];
    this.total = this.page = 0;
    this.phase = '';
    this.errors = {};
    this.notice = undefined;
  }

  private async load(page: number) {
    const mine = ++this.loads;
    this.phase = page > 1 ? 'more' : 'loading';
    try {
      const answer = this.src!.list(this.thread, { page, size: this.pageSize, order: this.order });
      // While the network answers.
      this.formats();
      const got = await answer;
      if (mine !== this.loads) return;
      const before = page > 1 ? this.list : [];
      const ids = new Set(before.map((c) => c.id));
      const added = got.comments.filter((c) => !ids.has(c.id) && ids.add(c.id));
      this.list = [...before, ...added];
      ({ total: this.total, more: this.more } = got);
      this.page = page;
      // A held comment the server now lists has been approved: no longer ours to keep.
      const left = this.pending.filter((c) => !ids.has(c.id));
      if (left.length < this.pending.length) this.keep(left);
      this.phase = 'ready';
      if (page > 1 && added[0]) this.focusOn('.fresh', added[0].id);
    } catch {
      if (mine === this.loads) this.phase = 'failed';
    }
  }

  private keep(pending: Comment[]) {
    this.pending = pending;
    saveDraft('pending:' + this.key, pending);
  }

  private focusOn(selector: string, fresh = this.fresh) {
    this.fresh = fresh;
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  private onInput(e: Event) {
    const { name, value, checked, type } = e.target as HTMLInputElement;
    if (!(name in this.draft) && name !== 'remember') return;
    (this.draft as unknown as Record<string, unknown>)[name] = type === 'checkbox' ? checked : value;
    this.drafts.save(this.key, this.draft);
  }

  private reply(id: string) {
    this.draft.parent = this.replyTo = id;
    this.drafts.save(this.key, this.draft);
    this.focusOn('textarea');
  }

  private async send(e?: Event) {
    e?.preventDefault();
    if (this.sending) return;
    const t = this.locale.t;
    const d = { ...this.draft, url: withScheme(this.draft.url.trim()) };
    const errors: Partial<Record<Field, string>> = {};
    if (!d.name.trim()) errors.name = t.need.name;
    if (!EMAIL.test(d.email.trim())) errors.email = t.need.email;
    if (d.url && !safeUrl(d.url)) errors.url = t.need.url;
    if (!d.content.trim()) errors.content = t.need.content;
    this.errors = errors;
    if (Object.keys(errors).length) return this.focusOn('[aria-invalid=true]');
    this.sending = true;
    this.notice = { text: t.sending };
    try {
      const { comment, status } = await this.src!.create(this.thread, d, this.guard.fields());
      const hold = status === 'hold';
      const c = { ...comment, parent: comment.parent || d.parent, hold };
      if (hold) this.keep([...this.pending, c]);
      else {
        this.list = [...this.list, c];
        this.total++;
      }
      if (d.remember) saveDraft(ME, { ...blank(), name: d.name, email: d.email, url: d.url, remember: true });
      else clearDraft(ME);
      this.drafts.clear(this.key);
      this.draft = { ...d, content: '', parent: '' };
      this.replyTo = '';
      this.notice = undefined;
      this.focusOn('.fresh', c.id);
      // The form may have moved: speak through the region already on the page.
      await this.updateComplete;
      this.notice = { text: hold ? t.held : t.posted };
      this.dispatchEvent(new FirmCommentEvent('firm-comment-posted', { comment: c, status }));
    } catch (err) {
      const x = err instanceof SendError ? err : new SendError('server');
      const retry = /offline|timeout|server|too-fast/.test(x.kind);
      this.errors = Object.fromEntries(FIELDS.filter((f) => x.details.fields?.[f] !== undefined).map((f) => [f, t.need[f]]));
      const wait = x.details.retryAfter ? duration(x.details.retryAfter, this.locale.tag) : t.moment;
      this.notice = { text: t.fail[x.kind].replace('{t}', wait) + (retry ? ' ' + t.kept : ''), retry };
      this.focusOn('[aria-invalid=true]');
      this.dispatchEvent(new FirmCommentEvent('firm-comment-error', { kind: x.kind, code: x.details.code }));
    }
    this.sending = false;
  }

  /** The date formats of the language in force, made once: the first costs tens of milliseconds. */
  private formats() {
    const tag = this.locale.tag;
    let f = formats.get(tag);
    if (!f) formats.set(tag, (f = [new Intl.DateTimeFormat(tag, { dateStyle: 'long' }), new Intl.RelativeTimeFormat(tag, { numeric: 'auto' })]));
    return f;
  }

  /** "March 5, 2026 · 2 days ago", or "" when the date is unreadable. */
  private when(at: number) {
    if (!at) return '';
    const [date, relative] = this.formats();
    const s = (at - Date.now()) / 1000;
    const [unit, size] = UNITS.find(([, n]) => Math.abs(s) >= n) ?? ['second', 1];
    return `${date.format(at)} · ${relative.format(Math.round(s / size), unit)}`;
  }

  /** A comment, its replies nested up to `max-depth`, and deeper ones after it saying whom they answer. */
  private item(c: Comment, depth: number, to?: string): unknown[] {
    const t = this.locale.t;
    const kids = this.kids.get(c.id) ?? [];
    const deep = depth >= this.maxDepth;
    const author = c.author || t.anonymous;
    const url = safeUrl(c.url);
    const avatar = this.avatars && safeUrl(c.avatar);
    const at = Date.parse(c.date);
    const fresh = c.id === this.fresh;
    const here = this.replyTo === c.id && !c.hold;
    this.formShown ||= here;
    // One template a comment where possible: 200 comments render in one go.
    return [
      html`<li part="comment">
        <article class=${fresh ? 'fresh' : ''} tabindex="-1">
          <header>
            <span part="avatar" aria-hidden="true"
              >${avatar
                ? html`<img src=${avatar} alt="" loading="lazy" />`
                : author
                    .split(' ', 2)
                    .map((w) => [...w][0])
                    .join('')
                    .toUpperCase()}</span
            >
            <b part="author">${url ? html`<a href=${url} rel="nofollow ugc noopener">${author}</a>` : author}</b>
            <time datetime=${at ? new Date(at).toISOString() : nothing}>${this.when(at)}</time>
          </header>
          ${to ? html`<small>${t.inReply.replace('{name}', to)}</small>` : nothing}
          <div part="content" class=${typeof c.content === 'string' ? 'text' : ''}>${rich(c.content)}</div>
          ${c.hold ? html`<small part="pending">${t.held}</small>` : nothing}
          <button part="reply" ?hidden=${!!c.hold} aria-label=${t.replyTo.replace('{name}', author)} @click=${() => this.reply(c.id)}>${t.reply}</button>
        </article>
        ${here ? this.form() : nothing} ${kids.length && !deep ? html`<ol part="list">${kids.flatMap((k) => this.item(k, depth + 1))}</ol>` : nothing}
      </li>`,
      ...(deep ? kids.flatMap((k) => this.item(k, depth, author)) : []),
    ];
  }

  private field(f: Field) {
    const error = this.errors[f];
    return html`<p>
      <label for=${f}>${this.locale.t.labels[f]}</label>${f === 'content'
        ? html`<textarea id=${f} name=${f} rows="5" required .value=${this.draft.content} aria-invalid=${error ? 'true' : 'false'} aria-describedby="content-error"></textarea>`
        : html`<input
            id=${f}
            name=${f}
            type=${f === 'name' ? 'text' : f}
            autocomplete=${f}
            ?required=${f !== 'url'}
            .value=${this.draft[f]}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby="${f}-error"
          />`}<small id="${f}-error" class="error">${error}</small>
    </p>`;
  }

  private form() {
    const t = this.locale.t;
    const to = this.replyTo && [...this.list, ...this.pending].find((c) => c.id === this.replyTo);
    return html`<form part="form" novalidate aria-labelledby="form-heading" @submit=${this.send} @input=${this.onInput}>
      <h3 id="form-heading">${to ? t.replyTo.replace('{name}', to.author || t.anonymous) : t.leave}</h3>
      <div class="people">${this.field('name')}${this.field('email')}${this.noWebsite ? nothing : this.field('url')}</div>
      ${this.field('content')}
      <label><input type="checkbox" name="remember" .checked=${!!this.draft.remember} /> ${t.remember}</label>
      ${this.guard.field()}
      <div>
        <button part="button" class="primary">${t.send}</button>
        ${this.replyTo ? html`<button part="button" type="button" @click=${() => this.reply('')}>${t.cancel}</button>` : nothing}
      </div>
      <p part="status" role="status">
        ${this.notice?.text}${this.notice?.retry ? html` <button part="button" type="button" @click=${() => this.send()}>${t.retry}</button>` : nothing}
      </p>
    </form>`;
  }

  override render() {
    if (!this.src) return html`<slot></slot>`;
    const t = this.locale.t;
    const phase = this.phase;
    const ids = new Set(this.list.map((c) => c.id));
    const time = (c: Comment) => Date.parse(c.date) || 0;
    const all = [...this.list, ...this.pending.filter((c) => !ids.has(c.id))].sort((a, b) => time(a) - time(b));
    const known = new Set(all.map((c) => c.id));
    const roots: Comment[] = [];
    this.kids = new Map();
    for (const c of all) {
      if (c.parent && known.has(c.parent)) this.kids.set(c.parent, [...(this.kids.get(c.parent) ?? []), c]);
      else roots.push(c);
    }
    if (this.order === 'newest') roots.reverse();
    this.formShown = false;
    const items = roots.flatMap((c) => this.item(c, 1));
    const counted = phase === 'ready' || phase === 'more';
    return html`<header>
        <h2 part="heading">${counted ? plural(this.locale.tag, this.total, t.count) : t.comments}</h2>
        ${this.total > 1
          ? html`<button part="order" aria-pressed=${this.order === 'newest' ? 'true' : 'false'} @click=${() => (this.order = this.order === 'newest' ? 'oldest' : 'newest')}>
              ${t.newest}
            </button>`
          : nothing}
      </header>
      ${items.length ? html`<ol part="list">${items}</ol>` : phase === 'ready' ? html`<p part="empty">${t.empty}</p>` : nothing}
      <p part="status" role="status" class=${counted || phase === 'failed' || items.length ? '' : 'wait'}>
        ${phase === 'loading' ? t.loading : phase === 'failed' ? html`${t.loadFailed} <button part="button" type="button" @click=${() => this.load(this.page + 1)}>${t.retry}</button>` : nothing}
      </p>
      ${this.more && phase !== 'failed' ? html`<button part="more" @click=${() => phase === 'ready' && this.load(this.page + 1)}>${t.more}</button>` : nothing}
      ${this.formShown ? nothing : this.form()}`;
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
  }
}
