/** People: one email address across the sites; export it (JSON) or erase it, each asked first. */
import { html, nothing } from 'lit';
import { DeskScreen } from './screen.js';

interface Person {
  email: string;
  comments: { id: number; site: string; thread: string; author: string; content: string; status: string; created_at: string }[];
  messages: { id: number; site: string; name: string; topic: string; message: string; created_at: string }[];
}

export class DeskPeople extends DeskScreen {
  static override properties = {
    ...DeskScreen.properties,
    person: { state: true },
    confirming: { state: true },
  };

  declare person: Person | undefined;
  declare confirming: boolean;

  constructor() {
    super();
    this.confirming = false;
  }

  #search(e: Event) {
    e.preventDefault();
    const email = String(new FormData(e.target as HTMLFormElement).get('email') ?? '').trim();
    return this.run(async () => {
      this.confirming = false;
      this.person = await this.api.get<Person>('/people', { email });
      const p = this.person;
      return p.comments.length + p.messages.length ? this.t.found(p.comments.length, p.messages.length) : this.t.foundNothing;
    });
  }

  #export() {
    const email = this.person!.email;
    return this.run(async () => {
      const data = await this.api.post<object>('/people/export', { email });
      // Saved by the browser from memory: the file never sits on the server.
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${email.replace(/[^\w.@-]/g, '_')}.json`;
      this.renderRoot.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      this.dispatchEvent(new CustomEvent('desk-exported', { detail: data, bubbles: true, composed: true }));
      return this.t.exported;
    });
  }

  #erase(e: Event) {
    e.preventDefault();
    const email = this.person!.email;
    const confirm = String(new FormData(e.target as HTMLFormElement).get('confirm') ?? '').trim();
    if (confirm.toLowerCase() != email) {
      this.error = this.t.mismatch;
      return;
    }
    return this.run(async () => {
      const r = await this.api.post<{ placeholders: number; comments: number; messages: number }>('/people/erase', { email, confirm });
      this.confirming = false;
      this.person = await this.api.get<Person>('/people', { email });
      return this.t.erased(r.placeholders + r.comments, r.messages);
    });
  }

  override render() {
    const t = this.t;
    const p = this.person;
    const any = p && p.comments.length + p.messages.length > 0;
    return html`<h2 tabindex="-1">${t.people}</h2>
      <p class="muted">${t.peopleHelp}</p>
      <form class="row" role="search" aria-label=${t.findPerson} @submit=${this.#search}>
        <label>${t.email}<input type="email" name="email" required autocomplete="off" /></label>
        <button class="primary" ?disabled=${this.busy}>${t.search}</button>
      </form>
      ${this.statusLine()}
      ${any
        ? html`<h3>${p.email}</h3>
            <ul class="cards">
              ${p.comments.map((c) => html`<li class="card"><span class="muted">${t.comments} · ${c.site} · ${this.date(c.created_at)} · ${t.on(c.thread)}</span><p class="text">${c.content}</p></li>`)}
              ${p.messages.map((m) => html`<li class="card"><span class="muted">${t.messages} · ${m.site} · ${this.date(m.created_at)}${m.topic ? ` · ${m.topic}` : ''}</span><p class="text">${m.message}</p></li>`)}
            </ul>
            <div class="row">
              <button ?disabled=${this.busy} @click=${this.#export}>${t.exportJson}</button>
              <button class="danger" ?disabled=${this.busy} aria-expanded=${this.confirming} @click=${() => (this.confirming = !this.confirming)}>${t.erase}</button>
            </div>
            ${this.confirming
              ? html`<form @submit=${this.#erase}>
                  <p>${t.eraseHelp}</p>
                  <label>${t.confirmAddress}<input type="email" name="confirm" required autocomplete="off" /></label>
                  <button class="danger" ?disabled=${this.busy}>${t.eraseAll(p.email)}</button>
                </form>`
              : nothing}`
        : nothing}`;
  }
}

customElements.define('desk-people', DeskPeople);

declare global {
  interface HTMLElementTagNameMap {
    'desk-people': DeskPeople;
  }
}
