/** The comments queue: held first; approve, spam, delete (one or in bulk), edit, reply as the firm; by status and thread. */
import { html, nothing } from 'lit';
import { DeskScreen } from './screen.js';
import type { DeskComment } from './api.js';

type Status = 'hold' | 'spam' | 'approved';
type Action = 'approve' | 'spam' | 'delete';

export class DeskComments extends DeskScreen {
  static override properties = {
    ...DeskScreen.properties,
    comments: { state: true },
    threads: { state: true },
    total: { state: true },
    filter: { state: true },
    thread: { state: true },
    selected: { state: true },
    editing: { state: true },
    replying: { state: true },
  };

  declare comments: DeskComment[] | undefined;
  declare threads: string[];
  declare total: number;
  declare filter: Status;
  declare thread: string;
  declare selected: Set<number>;
  /** The comment whose edit or reply box is open. */
  declare editing: number | undefined;
  declare replying: number | undefined;

  constructor() {
    super();
    this.threads = [];
    this.total = 0;
    this.filter = 'hold';
    this.thread = '';
    this.selected = new Set();
  }

  protected override async load(): Promise<void> {
    try {
      const r = await this.api.get<{ comments: DeskComment[]; threads: string[]; total: number }>('/comments', { site: this.site, status: this.filter, thread: this.thread });
      this.comments = r.comments;
      this.threads = r.threads;
      this.total = r.total;
      this.selected = new Set([...this.selected].filter((id) => r.comments.some((c) => c.id == id)));
    } catch (e) {
      this.error = this.explain(e);
    }
  }

  #act(ids: number[], action: Action) {
    return this.run(async () => {
      const { done } = await this.api.post<{ done: number[] }>('/comments', { site: this.site, ids, action });
      this.selected = new Set();
      await this.load();
      const said = { approve: this.t.approvedN, spam: this.t.spamN, delete: this.t.deletedN }[action];
      return this.n(done.length, said);
    });
  }

  #save(c: DeskComment, form: HTMLFormElement, kind: 'edit' | 'reply') {
    const content = (new FormData(form).get('content') as string) ?? '';
    return this.run(async () => {
      await this.api.post(`/comments/${c.id}/${kind}`, { site: this.site, content });
      this.editing = undefined;
      this.replying = undefined;
      await this.load();
      return kind == 'edit' ? this.t.edited : this.t.replied;
    });
  }

  #toggle(id: number, on: boolean) {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  #filters() {
    const t = this.t;
    const statuses: [Status, string][] = [
      ['hold', t.held],
      ['spam', t.spam],
      ['approved', t.approved],
    ];
    return html`<div class="row">
      <label
        >${t.status}
        <select
          name="status"
          @change=${(e: Event) => {
            this.filter = (e.target as HTMLSelectElement).value as Status;
            this.selected = new Set();
            void this.load();
          }}
        >
          ${statuses.map(([value, label]) => html`<option value=${value} ?selected=${this.filter == value}>${label}</option>`)}
        </select></label
      >
      <label
        >${t.thread}
        <select
          name="thread"
          @change=${(e: Event) => {
            this.thread = (e.target as HTMLSelectElement).value;
            void this.load();
          }}
        >
          <option value="" ?selected=${!this.thread}>${t.allThreads}</option>
          ${this.threads.map((th) => html`<option value=${th} ?selected=${this.thread == th}>${th}</option>`)}
        </select></label
      >
    </div>`;
  }

  #bulk() {
    const t = this.t;
    const ids = [...this.selected];
    const all = this.comments ?? [];
    const everything = all.length > 0 && ids.length == all.length;
    return html`<div class="row" role="group" aria-label=${this.n(ids.length, t.selected)}>
      <label class="check"
        ><input
          type="checkbox"
          name="all"
          .checked=${everything}
          @change=${(e: Event) => (this.selected = new Set((e.target as HTMLInputElement).checked ? all.map((c) => c.id) : []))}
        />${t.selectAll}</label
      >
      <span class="muted">${this.n(ids.length, t.selected)}</span>
      ${this.filter != 'approved' ? html`<button ?disabled=${!ids.length || this.busy} @click=${() => this.#act(ids, 'approve')}>${t.approve}</button>` : nothing}
      ${this.filter != 'spam' ? html`<button ?disabled=${!ids.length || this.busy} @click=${() => this.#act(ids, 'spam')}>${t.markSpam}</button>` : nothing}
      <button class="danger" ?disabled=${!ids.length || this.busy} @click=${() => this.#act(ids, 'delete')}>${t.remove}</button>
    </div>`;
  }

  #comment(c: DeskComment) {
    const t = this.t;
    const box = (kind: 'edit' | 'reply') =>
      html`<form
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.#save(c, e.target as HTMLFormElement, kind);
        }}
      >
        <label>${kind == 'edit' ? t.text : t.yourReply}<textarea name="content" required .value=${kind == 'edit' ? c.content : ''}></textarea></label>
        <div class="row">
          <button class="primary" ?disabled=${this.busy}>${kind == 'edit' ? t.save : t.send}</button>
          <button type="button" @click=${() => ((this.editing = undefined), (this.replying = undefined))}>${t.cancel}</button>
        </div>
      </form>`;
    return html`<li class="card" data-id=${c.id}>
      <label class="check"
        ><input type="checkbox" .checked=${this.selected.has(c.id)} @change=${(e: Event) => this.#toggle(c.id, (e.target as HTMLInputElement).checked)} />
        <span class="sr-only">${t.select(c.author)}</span
        ><strong aria-hidden="true">${c.staff ? `${c.author} (${t.firm})` : c.author}</strong></label
      >
      <span class="muted">${this.date(c.created_at)} · ${t.on(c.thread)}</span>
      ${c.flag ? html`<span class="badge failed">${t.flagged(c.flag)}</span>` : nothing}
      ${this.editing == c.id ? box('edit') : html`<p class="text">${c.content}</p>`}
      <div class="row">
        ${c.status != 'approved' ? html`<button class="primary" ?disabled=${this.busy} @click=${() => this.#act([c.id], 'approve')}>${t.approve}</button>` : nothing}
        ${c.status != 'spam' ? html`<button ?disabled=${this.busy} @click=${() => this.#act([c.id], 'spam')}>${t.markSpam}</button>` : nothing}
        <button class="danger" ?disabled=${this.busy} @click=${() => this.#act([c.id], 'delete')}>${t.remove}</button>
        <button ?disabled=${this.busy} @click=${() => ((this.editing = c.id), (this.replying = undefined))}>${t.edit}</button>
        ${c.status == 'approved' ? html`<button ?disabled=${this.busy} @click=${() => ((this.replying = c.id), (this.editing = undefined))}>${t.reply}</button>` : nothing}
      </div>
      ${this.replying == c.id ? box('reply') : nothing}
    </li>`;
  }

  override render() {
    const t = this.t;
    return html`<h2 tabindex="-1">${t.comments}</h2>
      ${this.#filters()} ${this.statusLine()}
      ${this.comments === undefined
        ? html`<p>${t.loading}</p>`
        : this.comments.length == 0
          ? html`<p>${t.noComments}</p>`
          : html`${this.#bulk()}
              <p class="muted">${this.n(this.total, t.commentsCount)}</p>
              <ul class="cards">
                ${this.comments.map((c) => this.#comment(c))}
              </ul>`}`;
  }
}

customElements.define('desk-comments', DeskComments);

declare global {
  interface HTMLElementTagNameMap {
    'desk-comments': DeskComments;
  }
}
