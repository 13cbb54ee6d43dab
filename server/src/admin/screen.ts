/** What every screen of the desk shares: the API, the site, the strings, a polite status line. */
import { LitElement, html, type PropertyValues } from 'lit';
import { LocaleController, plural, tokens } from './kit.js';
import { strings, type Strings } from './strings.js';
import { deskStyles } from './styles.js';
import { ApiError, type DeskApi, type Me } from './api.js';

export class DeskScreen extends LitElement {
  static override styles = [tokens, deskStyles];
  static override properties = {
    api: { attribute: false },
    site: {},
    me: { attribute: false },
    status: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  declare api: DeskApi;
  declare site: string;
  declare me: Me;
  declare status: string;
  declare error: string;
  declare busy: boolean;

  protected locale = new LocaleController<Strings>(this, strings);

  constructor() {
    super();
    this.status = '';
    this.error = '';
    this.busy = false;
  }

  protected get t(): Strings {
    return this.locale.t;
  }

  protected n(n: number, forms: { one: string; other: string }): string {
    return plural(this.locale.tag, n, forms);
  }

  protected date(iso: string): string {
    return new Intl.DateTimeFormat(this.locale.tag, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('site') || changed.has('api')) && this.api && this.site) void this.load();
  }

  /** Reads the screen's data (each screen its own). */
  protected async load(): Promise<void> {}

  /** Runs an action: the status line says what happened, or the error why not; the counts in the navigation follow. */
  protected async run(action: () => Promise<string>): Promise<void> {
    this.busy = true;
    this.error = '';
    this.status = '';
    try {
      this.status = await action();
      this.dispatchEvent(new Event('desk-changed', { bubbles: true, composed: true }));
    } catch (e) {
      this.error = this.explain(e);
    } finally {
      this.busy = false;
    }
  }

  protected explain(e: unknown): string {
    if (e instanceof ApiError) {
      if (e.code == 'csrf') return this.t.outOfDate;
      if (e.code == 'signed_out') return this.t.signedOut;
      // The server's words are English; the desk says the known refusals in its own language.
      return this.t.refusals[e.code] ?? e.message;
    }
    return this.t.failed;
  }

  protected statusLine() {
    return html`<p role="status">${this.status}</p>
      <p role="alert" class="error">${this.error}</p>`;
  }
}
