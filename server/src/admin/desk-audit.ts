/** The audit log (owners): who did what, when; newest first. */
import { html } from 'lit';
import { DeskScreen } from './screen.js';
import type { AuditEntry } from './api.js';

export class DeskAudit extends DeskScreen {
  static override properties = { ...DeskScreen.properties, entries: { state: true } };

  declare entries: AuditEntry[] | undefined;

  protected override async load(): Promise<void> {
    try {
      this.entries = (await this.api.get<{ entries: AuditEntry[] }>('/audit', { site: this.site })).entries;
    } catch (e) {
      this.error = this.explain(e);
    }
  }

  override render() {
    const t = this.t;
    return html`<h2 tabindex="-1">${t.audit}</h2>
      <p class="muted">${t.auditHelp}</p>
      ${this.statusLine()}
      ${this.entries === undefined
        ? html`<p>${t.loading}</p>`
        : this.entries.length == 0
          ? html`<p>${t.noEntries}</p>`
          : html`<ul class="cards">
              ${this.entries.map(
                (e) =>
                  html`<li class="card">
                    <span><strong>${e.action}</strong> · ${e.target}${e.site != this.site ? ` · ${e.site}` : ''}</span>
                    <span class="muted">${this.date(e.at)} · ${e.actor}</span>
                    ${e.detail ? html`<span class="text">${e.detail}</span>` : ''}
                  </li>`,
              )}
            </ul>`}`;
  }
}

customElements.define('desk-audit', DeskAudit);

declare global {
  interface HTMLElementTagNameMap {
    'desk-audit': DeskAudit;
  }
}
