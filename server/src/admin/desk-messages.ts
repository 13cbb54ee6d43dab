/** The inbox: each message with its mail's delivery state; mark handled, resend, release possible spam; by box and topic. */
import { html, nothing } from 'lit';
import { DeskScreen } from './screen.js';
import type { DeskMessage } from './api.js';
import { strings } from './strings.js';

/**
 * The reply link: the visitor's address and a plain subject in their language, never their
 * message. A `?body=` quoting it would copy a legal matter into a URL, which mail programs,
 * browsers and sync services log and keep, and whose length limits cut it. The address is
 * the visitor's own text: each side of the `@` is percent-encoded (RFC 6068), so an address
 * such as `a@b.example?bcc=someone%40else.example` cannot add recipients, a subject or a body.
 */
export function replyHref(m: Pick<DeskMessage, 'email' | 'language'>): string {
  const at = m.email.lastIndexOf('@');
  const subject = strings[m.language.toLowerCase().startsWith('es') ? 'es' : 'en'].replySubject;
  return `mailto:${encodeURIComponent(m.email.slice(0, at))}@${encodeURIComponent(m.email.slice(at + 1))}?subject=${encodeURIComponent(subject)}`;
}

type Box = 'inbox' | 'handled' | 'spam';
type Action = 'handled' | 'unhandled' | 'resend' | 'release';

export class DeskMessages extends DeskScreen {
  static override properties = {
    ...DeskScreen.properties,
    messages: { state: true },
    topics: { state: true },
    box: { state: true },
    topic: { state: true },
  };

  declare messages: DeskMessage[] | undefined;
  declare topics: string[];
  declare box: Box;
  declare topic: string;

  constructor() {
    super();
    this.topics = [];
    this.box = 'inbox';
    this.topic = '';
  }

  protected override async load(): Promise<void> {
    try {
      const r = await this.api.get<{ messages: DeskMessage[]; topics: string[] }>('/messages', { site: this.site, box: this.box, topic: this.topic });
      this.messages = r.messages;
      this.topics = r.topics;
    } catch (e) {
      this.error = this.explain(e);
    }
  }

  #act(id: number, action: Action) {
    return this.run(async () => {
      const { done } = await this.api.post<{ done: number[] }>('/messages', { site: this.site, ids: [id], action });
      await this.load();
      return this.n(done.length, this.t.doneN);
    });
  }

  #mail(m: DeskMessage) {
    const t = this.t;
    const mail = m.mail;
    if (!mail) return html`<span class="badge">${t.notMailed}</span>`;
    switch (mail.state) {
      case 'sent':
        return html`<span class="badge sent">${t.mailSent(this.date(mail.sent_at!), mail.recipients)}</span>`;
      case 'failed':
        return html`<span class="badge failed">${t.mailFailed(mail.last_error ?? '')}</span>`;
      case 'sending':
        return html`<span class="badge">${t.mailSending}</span>`;
      default:
        return html`<span class="badge">${mail.last_error ? t.mailRetry(mail.last_error) : t.mailQueued}</span>`;
    }
  }

  #message(m: DeskMessage) {
    const t = this.t;
    return html`<li class="card" data-id=${m.id}>
      <h3>${m.name || m.email || m.phone}${m.topic ? html` · ${m.topic}` : nothing}</h3>
      <span class="muted">${this.date(m.created_at)}</span>
      <dl>
        ${m.email ? html`<dt>${t.email}</dt><dd><a href=${replyHref(m)}>${m.email}</a></dd>` : nothing}
        ${m.phone ? html`<dt>${t.phone}</dt><dd><a href=${`tel:${m.phone}`}>${m.phone}</a></dd>` : nothing}
        ${m.page ? html`<dt>${t.page}</dt><dd>${m.page}</dd>` : nothing}
      </dl>
      <p class="text" lang=${m.language || nothing}>${m.message}</p>
      ${m.flag ? html`<span class="badge failed">${t.flagged(m.flag)}</span>` : this.#mail(m)}
      ${m.handled_at ? html`<span class="muted">${t.handledBy(m.handled_by ?? '', this.date(m.handled_at))}</span>` : nothing}
      <div class="row">
        ${this.box == 'spam'
          ? html`<button class="primary" ?disabled=${this.busy} @click=${() => this.#act(m.id, 'release')}>${t.release}</button>`
          : html`${m.handled_at
                ? html`<button ?disabled=${this.busy} @click=${() => this.#act(m.id, 'unhandled')}>${t.backToInbox}</button>`
                : html`<button class="primary" ?disabled=${this.busy} @click=${() => this.#act(m.id, 'handled')}>${t.markHandled}</button>`}
              <button ?disabled=${this.busy} @click=${() => this.#act(m.id, 'resend')}>${t.resend}</button>`}
      </div>
    </li>`;
  }

  override render() {
    const t = this.t;
    const boxes: [Box, string][] = [
      ['inbox', t.inbox],
      ['handled', t.handled],
      ['spam', t.possibleSpam],
    ];
    return html`<h2 tabindex="-1">${t.messages}</h2>
      <div class="row">
        <label
          >${t.box}
          <select
            name="box"
            @change=${(e: Event) => {
              this.box = (e.target as HTMLSelectElement).value as Box;
              void this.load();
            }}
          >
            ${boxes.map(([value, label]) => html`<option value=${value} ?selected=${this.box == value}>${label}</option>`)}
          </select></label
        >
        <label
          >${t.topic}
          <select
            name="topic"
            @change=${(e: Event) => {
              this.topic = (e.target as HTMLSelectElement).value;
              void this.load();
            }}
          >
            <option value="" ?selected=${!this.topic}>${t.allTopics}</option>
            ${this.topics.map((topic) => html`<option value=${topic} ?selected=${this.topic == topic}>${topic}</option>`)}
          </select></label
        >
      </div>
      ${this.statusLine()}
      ${this.messages === undefined
        ? html`<p>${t.loading}</p>`
        : this.messages.length == 0
          ? html`<p>${t.noMessages}</p>`
          : html`<ul class="cards">
              ${this.messages.map((m) => this.#message(m))}
            </ul>`}`;
  }
}

customElements.define('desk-messages', DeskMessages);

declare global {
  interface HTMLElementTagNameMap {
    'desk-messages': DeskMessages;
  }
}
