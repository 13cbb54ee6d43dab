import { html } from 'lit';

/**
 * The no-captcha spam guard shared by the comment and contact forms: a honeypot field that
 * people and assistive technology never meet, and the time since the form first showed. Both
 * travel with the request (`firm_hp`, `firm_elapsed`); the server decides (our WordPress plugin
 * marks such comments as spam rather than telling the bot).
 */

/**
 * The trap: out of sight by the tokens' `.sr-only`, out of the tab order and the accessibility
 * tree by `inert`. What a bot types in it reaches the form's `input` handler like any field (as
 * `url_confirm`).
 */
export const trap = html`<label class="hp sr-only" .inert=${true} aria-hidden="true">Website URL<input name="url_confirm" autocomplete="off" /></label>`;
