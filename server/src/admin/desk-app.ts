/**
 * `<firm-desk>`: the firm's desk. Signs in, then shows one screen at a time (Comments,
 * Messages, People, Audit log for owners, Settings) for the site chosen, with the counts of
 * what waits in the navigation. Phones first: the navigation sits above the screen, and beside
 * it from 48rem.
 */
import { LitElement, html, css, nothing } from 'lit';
import { LocaleController, duration, plural, tokens } from './kit.js';
import { strings, type Strings } from './strings.js';
import { deskStyles } from './styles.js';
import { ApiError, DeskApi, type Me } from './api.js';
import './desk-comments.js';
import './desk-messages.js';
import './desk-people.js';
import './desk-audit.js';
import './desk-settings.js';

export type Screen = 'comments' | 'messages' | 'people' | 'audit' | 'settings';

/** Where the language a staff member chose with the language button is kept. */
const LANGUAGE_KEY = 'firm-desk-language';

export class FirmDesk extends LitElement {
  static override styles = [
    tokens,
    deskStyles,
    css`
      /* A block: an inline host ignores max-width, and the desk shrank to its content. */
      :host {
        display: block;
        max-width: 72rem;
        margin: 0 auto;
        padding: var(--_gap);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        justify-content: space-between;
        margin-bottom: var(--_gap);
      }
      h1 {
        font-size: 1.5rem;
        margin: 0;
      }
      header .row {
        align-items: center;
      }
      nav ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
      }
      nav button[aria-current='page'] {
        background: var(--_accent);
        color: var(--_accent-contrast);
      }
      .layout {
        display: grid;
        gap: var(--_gap);
      }
      form.sign-in {
        display: grid;
        gap: var(--_gap);
        max-width: 24rem;
      }
      @media (min-width: 48rem) {
        .layout {
          grid-template-columns: 14rem 1fr;
          align-items: start;
        }
        nav ul {
          flex-direction: column;
        }
        nav button {
          width: 100%;
          text-align: start;
        }
      }
    `,
  ];

  static override properties = {
    me: { state: true },
    screen: { state: true },
    site: { state: true },
    problem: { state: true },
    checked: { state: true },
  };

  declare me: Me | undefined;
  declare screen: Screen;
  declare site: string;
  /** Why the sign-in did not work, or that the session ended. */
  declare problem: string;
  /** True once /me has answered (signed in or not). */
  declare checked: boolean;

  readonly api = new DeskApi();
  #locale = new LocaleController<Strings>(this, strings);

  constructor() {
    super();
    this.screen = 'comments';
    this.site = '';
    this.problem = '';
    this.checked = false;
    this.api.onSignedOut = () => {
      this.me = undefined;
      this.problem = this.#locale.t.signedOut;
    };
  }

  override connectedCallback(): void {
    const chosen = localStorage.getItem(LANGUAGE_KEY);
    if (chosen == 'en' || chosen == 'es') document.documentElement.lang = chosen;
    super.connectedCallback();
    void this.refresh();
  }

  /** Reads who is signed in and the counts (after every change a screen makes). */
  async refresh(): Promise<void> {
    try {
      const answer = await this.api.get<({ signedIn: true } & Me) | { signedIn: false }>('/session');
      if (answer.signedIn) {
        this.api.csrf = answer.csrf;
        this.me = answer;
        if (!answer.sites.some((s) => s.id == this.site)) this.site = answer.sites[0]?.id ?? '';
      } else this.me = undefined;
    } catch {
      this.me = undefined;
    }
    this.checked = true;
  }

  async #signIn(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const t = this.#locale.t;
    this.problem = '';
    try {
      const r = await this.api.post<{ csrf: string }>('/session', { email: f.get('email'), password: f.get('password') });
      this.api.csrf = r.csrf;
      await this.refresh();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
    } catch (error) {
      if (error instanceof ApiError && error.status == 429) {
        const time = duration(error.retryAfter ?? 1, this.#locale.tag);
        this.problem = error.code == 'locked' ? t.locked(time) : t.wait(time);
      } else if (error instanceof ApiError && error.status == 401) this.problem = t.wrongPassword;
      else this.problem = t.failed;
    }
  }

  async #signOut() {
    await this.api.post('/signout', {}).catch(() => {});
    this.me = undefined;
  }

  async #go(screen: Screen) {
    this.screen = screen;
    await this.updateComplete;
    const view = this.renderRoot.querySelector('.view') as HTMLElement & { updateComplete?: Promise<unknown> };
    await view?.updateComplete;
    // Keyboard and screen-reader users land on the new screen's heading.
    view?.shadowRoot?.querySelector<HTMLElement>('h2')?.focus();
  }

  #toggleLanguage() {
    const lang = this.#locale.lang == 'es' ? 'en' : 'es';
    document.documentElement.lang = lang;
    // Kept for the next visit (a language is no secret): the page itself follows the browser's.
    localStorage.setItem(LANGUAGE_KEY, lang);
  }

  #signInForm() {
    const t = this.#locale.t;
    return html`<form class="sign-in" @submit=${this.#signIn}>
      <h2>${t.signIn}</h2>
      <label>${t.email}<input type="email" name="email" autocomplete="username" required /></label>
      <label>${t.password}<input type="password" name="password" autocomplete="current-password" required /></label>
      <p role="alert" class="error">${this.problem}</p>
      <button class="primary">${t.signIn}</button>
    </form>`;
  }

  #view() {
    const common = { api: this.api, site: this.site, me: this.me! };
    switch (this.screen) {
      case 'messages':
        return html`<desk-messages class="view" .api=${common.api} .me=${common.me} site=${common.site}></desk-messages>`;
      case 'people':
        return html`<desk-people class="view" .api=${common.api} .me=${common.me} site=${common.site}></desk-people>`;
      case 'audit':
        return html`<desk-audit class="view" .api=${common.api} .me=${common.me} site=${common.site}></desk-audit>`;
      case 'settings':
        return html`<desk-settings class="view" .api=${common.api} .me=${common.me} site=${common.site}></desk-settings>`;
      default:
        return html`<desk-comments class="view" .api=${common.api} .me=${common.me} site=${common.site}></desk-comments>`;
    }
  }

  override render() {
    const t = this.#locale.t;
    const tag = this.#locale.tag;
    const me = this.me;
    const header = html`<header>
      <h1 tabindex="-1">${t.desk}</h1>
      <div class="row">
        ${me ? html`<span class="muted">${t.signedInAs(me.email)}</span><button @click=${this.#signOut}>${t.signOut}</button>` : nothing}
        <button lang=${this.#locale.lang == 'es' ? 'en' : 'es'} aria-label=${t.languageLabel} @click=${this.#toggleLanguage}>${t.language}</button>
      </div>
    </header>`;
    if (!this.checked) return html`${header}<p role="status">${t.loading}</p>`;
    if (!me) return html`${header}${this.#signInForm()}`;
    const counts = me.counts[this.site] ?? { held: 0, inbox: 0, spam: 0, flagged: 0 };
    const items: [Screen, string, number | undefined][] = [
      ['comments', t.comments, counts.held],
      ['messages', t.messages, counts.inbox],
      ['people', t.people, undefined],
      ...(me.role == 'owner' ? ([['audit', t.audit, undefined]] as [Screen, string, undefined][]) : []),
      ['settings', t.settings, undefined],
    ];
    return html`${header}
      <div class="layout">
        <div>
          ${me.sites.length > 1
            ? html`<label
                >${t.site}
                <select name="site" @change=${(e: Event) => (this.site = (e.target as HTMLSelectElement).value)}>
                  ${me.sites.map((s) => html`<option value=${s.id} ?selected=${s.id == this.site}>${s.name}</option>`)}
                </select></label
              >`
            : nothing}
          <nav aria-label=${t.sections}>
            <ul>
              ${items.map(
                ([screen, label, count]) =>
                  html`<li>
                    <button aria-current=${this.screen == screen ? 'page' : 'false'} @click=${() => this.#go(screen)}>
                      ${label}${count ? html` <span class="badge">${plural(tag, count, t.waiting)}</span>` : nothing}
                    </button>
                  </li>`,
              )}
            </ul>
          </nav>
        </div>
        <main @desk-changed=${() => this.refresh()}>${this.#view()}</main>
      </div>`;
  }
}

customElements.define('firm-desk', FirmDesk);

declare global {
  interface HTMLElementTagNameMap {
    'firm-desk': FirmDesk;
  }
}
