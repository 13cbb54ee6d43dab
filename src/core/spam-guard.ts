import { html, type TemplateResult } from 'lit';

/**
 * The no-captcha spam guard shared by the comment and contact forms: a honeypot field that
 * people and assistive technology never meet, and the time since the form first showed. Both
 * travel with the request (`firm_hp`, `firm_elapsed`); the server decides (our WordPress plugin
 * marks such comments as spam rather than telling the bot).
 */

/** The trap is out of sight by the tokens' `.sr-only`, out of reach by `inert`. */
export class SpamGuard {
  #shownAt = Date.now();

  /**
   * The trap: inert, so it is out of the tab order and the accessibility tree. What a bot types
   * in it reaches the form's `input` handler like any field (as `url_confirm`).
   */
  field(): TemplateResult {
    return html`<label class="hp sr-only" .inert=${true} aria-hidden="true">Website URL<input name="url_confirm" autocomplete="off" /></label>`;
  }

  /**
   * What to send: `firm_hp`, what the trap holds (empty from people), and `firm_elapsed`, the
   * milliseconds since the form showed or since `since` (typing began, maybe on an earlier visit).
   */
  fields(trap = '', since?: number): { firm_hp: string; firm_elapsed: number } {
    return { firm_hp: trap, firm_elapsed: Date.now() - Math.min(this.#shownAt, since || Date.now()) };
  }
}
