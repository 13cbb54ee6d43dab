/** Settings per site (owners change them): moderation, addresses, routing by topic, retention, trusted commenters. */
import { html, nothing } from 'lit';
import { DeskScreen } from './screen.js';

interface Route {
  topic: string;
  to: string[];
}
interface Effective {
  moderation: 'hold' | 'approve';
  notify: string[];
  moderators: string[];
  routes: Route[];
  retentionDays: number;
  trustedAfter: number;
}
interface Retention {
  retentionDays: number;
  messages: { due: number; next: string | null } | null;
  spam: { due: number; next: string | null } | null;
  addressDays: number;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export class DeskSettings extends DeskScreen {
  static override properties = { ...DeskScreen.properties, effective: { state: true }, retention: { state: true }, mayChange: { state: true } };

  declare effective: Effective | undefined;
  declare retention: Retention | undefined;
  declare mayChange: boolean;

  protected override async load(): Promise<void> {
    try {
      const r = await this.api.get<{ effective: Effective; retention: Retention; mayChange: boolean }>('/settings', { site: this.site });
      this.effective = r.effective;
      this.retention = r.retention;
      this.mayChange = r.mayChange;
    } catch (e) {
      this.error = this.explain(e);
    }
  }

  #save(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const settings = {
      moderation: f.get('moderation'),
      notify: lines(String(f.get('notify'))),
      moderators: lines(String(f.get('moderators'))),
      routes: lines(String(f.get('routes'))).map((line) => {
        const at = line.lastIndexOf(':');
        return { topic: line.slice(0, at).trim(), to: line.slice(at + 1).split(',').map((a) => a.trim()).filter(Boolean) };
      }),
      retentionDays: Number(f.get('retentionDays')),
      trustedAfter: Number(f.get('trustedAfter')),
    };
    return this.run(async () => {
      await this.api.post('/settings', { site: this.site, settings });
      await this.load();
      return this.t.saved;
    });
  }

  #retention() {
    const t = this.t;
    const r = this.retention;
    if (!r) return nothing;
    const day = (iso: string) => new Intl.DateTimeFormat(this.locale.tag, { dateStyle: 'long' }).format(new Date(iso));
    const part = (what: string, p: { due: number; next: string | null } | null) =>
      p ? html`<li>${t.willGo(what, r.retentionDays)} ${p.due ? this.n(p.due, t.dueNow) : p.next ? t.nextOn(day(p.next)) : ''}</li>` : nothing;
    return html`<ul>
      ${r.retentionDays ? html`${part(t.messages, r.messages)}${part(t.spam, r.spam)}` : html`<li>${t.keptForever}</li>`}
      <li>${t.addresses(r.addressDays)}</li>
    </ul>`;
  }

  override render() {
    const t = this.t;
    const s = this.effective;
    // One heading for every state: it keeps the focus the navigation gave it while the settings load.
    return html`<h2 tabindex="-1">${t.settings}</h2>
      ${s ? this.#form(s) : html`${this.statusLine()}<p>${t.loading}</p>`}`;
  }

  #form(s: Effective) {
    const t = this.t;
    const off = !this.mayChange;
    return html`${off ? html`<p class="muted">${t.readOnly}</p>` : nothing}
      <form @submit=${this.#save}>
        <fieldset ?disabled=${off}>
          <legend class="sr-only">${t.settings} · ${this.site}</legend>
          <label
            >${t.moderation}
            <select name="moderation">
              <option value="hold" ?selected=${s.moderation == 'hold'}>${t.holdAll}</option>
              <option value="approve" ?selected=${s.moderation == 'approve'}>${t.approveAll}</option>
            </select></label
          >
          <label>${t.notify}<textarea name="notify" .value=${s.notify.join('\n')}></textarea></label>
          <label>${t.moderators}<textarea name="moderators" .value=${s.moderators.join('\n')}></textarea></label>
          <label>${t.routes}<textarea name="routes" .value=${s.routes.map((r) => `${r.topic}: ${r.to.join(', ')}`).join('\n')}></textarea></label>
          <label>${t.retention}<input type="number" name="retentionDays" min="0" max="3650" .value=${String(s.retentionDays)} /></label>
          <label>${t.trusted}<input type="number" name="trustedAfter" min="0" max="1000" .value=${String(s.trustedAfter)} /></label>
          <button class="primary" ?disabled=${this.busy}>${t.save}</button>
        </fieldset>
      </form>
      ${this.statusLine()} ${this.#retention()}`;
  }
}

customElements.define('desk-settings', DeskSettings);

declare global {
  interface HTMLElementTagNameMap {
    'desk-settings': DeskSettings;
  }
}
