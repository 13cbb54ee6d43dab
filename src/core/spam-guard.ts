import { html, type TemplateResult } from 'lit';

/**
 * The no-captcha spam guard shared by the comment and contact forms: a honeypot field that
 * people and assistive technology never meet, and the time since the form first showed. Both
 * travel with the request; the server decides (our WordPress plugin marks such comments as spam
 * rather than telling the bot).
 */
export const HONEYPOT_FIELD = 'firm_hp';
export const ELAPSED_FIELD = 'firm_elapsed';

/** The trap is hidden by the `.hp` rule in core/form.ts's styles. */
export class SpamGuard {
  #shownAt = Date.now();
  #value = '';

  /** The trap: inert, so it is out of the tab order and the accessibility tree. */
  field(): TemplateResult {
    return html`<label class="hp" .inert=${true} aria-hidden="true"
      >Website URL<input name="url_confirm" autocomplete="off" @input=${(e: Event) => (this.#value = (e.target as HTMLInputElement).value)}
    /></label>`;
  }

  /** What to send: `firm_hp` (empty from people) and `firm_elapsed` (milliseconds). */
  fields(): { [HONEYPOT_FIELD]: string; [ELAPSED_FIELD]: number } {
    return { [HONEYPOT_FIELD]: this.#value, [ELAPSED_FIELD]: Date.now() - this.#shownAt };
  }
}
