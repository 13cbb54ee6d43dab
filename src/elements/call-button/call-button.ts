import { html, nothing, type PropertyDeclarations } from 'lit';
import { define } from '../../core/define.js';
import { LocaleController } from '../../core/locale.js';
import { readProfile } from '../../core/profile.js';
import { tokens } from '../../core/tokens.styles.js';
import { oneOf } from '../../core/warn.js';
import { wakeAt } from '../office-hours/clock.js';
import { readSchedule, statusAt } from '../office-hours/schedule.js';
import { ContactElement } from '../contact-card/contact.js';
import { strings } from './strings.js';
import { styles } from './call-button.styles.js';

const TAG = 'firm-call-button';
const POSITIONS = ['bottom-right', 'bottom-left', 'bottom-center', 'bar', 'inline'];
const SHOW_ON = ['mobile', 'always'];

/**
 * A floating click-to-call button for phones, like the WordPress "Call Now Button": a real link,
 * clear of the screen's rounded corners and home bar. With `hours-aware` it follows the office
 * hours: while the office is closed it offers "Send us a message" instead, or steps aside.
 *
 * @summary A floating "Call Us Today!" button that follows the office hours.
 * @tagname firm-call-button
 *
 * @slot - fallback content, shown when there is no phone number to call
 *
 * @csspart button - the link
 * @csspart label - its text
 *
 * @cssproperty --firm-accent - the button's colour
 * @cssproperty --firm-accent-contrast - its text
 *
 * @fires {FirmContactEvent} firm-contact - a visitor tapped the button: `detail.channel` is "phone", or "cta" for the message link
 */
export class FirmCallButton extends ContactElement {
  static override styles = [tokens, styles];
  static override properties: PropertyDeclarations = {
    position: { reflect: true },
    showOn: { reflect: true, attribute: 'show-on' },
    label: { reflect: true },
    hoursAware: { type: Boolean, reflect: true, attribute: 'hours-aware' },
    messageHref: { reflect: true, attribute: 'message-href' },
  };

  #locale = new LocaleController(this, strings);

  /** `bottom-right` (default), `bottom-left`, `bottom-center`, `bar` (full width along the bottom) or `inline` (in the page's flow, e.g. a header). */
  position?: string;

  /** `mobile` (default: narrow screens only) or `always`. */
  showOn?: string;

  /** Default "Call Us Today!" / "¡Llámenos hoy!". */
  label?: string;

  /** While the office is closed, offer `message-href` instead of a call (or hide without it). */
  hoursAware = false;

  /** Where "Send us a message" leads while the office is closed. */
  messageHref?: string;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    wakeAt(this, null);
  }

  /** The shared clock calls this when the office opens or closes. */
  wake(): void {
    this.requestUpdate();
  }

  override render() {
    const t = this.#locale.t;
    const p = readProfile();
    if (this.position) oneOf(TAG, 'position', this.position, POSITIONS);
    if (this.showOn) oneOf(TAG, 'show-on', this.showOn, SHOW_ON);
    const source = this.hoursAware ? readSchedule(TAG, this, p) : undefined;
    const status = source && statusAt(source.schedule, new Date(), source.timeZone);
    // A first render can come after the element was already removed: it must not join the clock then.
    wakeAt(this, this.isConnected && status ? status.recheckAt : null);
    const closed = status?.open === false;
    const phone = this.dial(this.phone || p.telephone);
    const href = closed ? this.messageHref : typeof phone == 'object' && phone.href;
    // Closed with nowhere to send a message: step aside. No number to call: the fallback stays.
    if (!href) return closed ? nothing : html`<slot></slot>`;
    return html`<a part="button" href=${href} @click=${() => this.fire(closed ? 'cta' : 'phone')}
      ><span part="label">${closed ? t.message : this.label || t.label}</span></a
    >`;
  }
}

define(TAG, FirmCallButton);

declare global {
  interface HTMLElementTagNameMap {
    'firm-call-button': FirmCallButton;
  }
}
