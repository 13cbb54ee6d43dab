import { html, nothing, type PropertyDeclarations } from 'lit';
import { define } from '../../core/define.js';
import { LocaleController } from '../../core/locale.js';
import { readProfile } from '../../core/profile.js';
import { tokens } from '../../core/tokens.styles.js';
import { warn } from '../../core/warn.js';
import '../office-hours/office-hours.js';
import { ContactElement, type Channel } from './contact.js';
import { strings } from './strings.js';
import { vcard, type Contact } from './vcard.js';
import { container, styles } from './contact-card.styles.js';

/**
 * The fax is a Tab stop that selects itself: keyboard users copy it with one shortcut, as a click
 * does for others. Screen readers meet it as a read-only field named "Fax".
 */
const selectAll = (e: Event) => getSelection()?.selectAllChildren(e.target as Node);
const TAG = 'firm-contact-card';
/** A map search for an address, on any phone or computer (Google's documented Maps URL). */
const MAP_SEARCH = 'https://www.google.com/maps/search/?api=1&query=';

/**
 * "Call Us Today!" with the phone as a one-tap `tel:` link, the fax ready to copy, email, address
 * with a map link, the consultation call to action and "Save contact" (a vCard made in the
 * browser). Every detail not given comes from the page's JSON-LD.
 *
 * @summary How a visitor reaches the firm, in one card.
 * @tagname firm-contact-card
 *
 * @slot - fallback content, shown until the card has a phone, email or address to show
 *
 * @csspart card - the box around everything
 * @csspart heading - "Call Us Today!"
 * @csspart name - the firm's name
 * @csspart phone - the call link (plain text when the number cannot be dialed)
 * @csspart hours - open now and today's hours, a `<firm-office-hours layout="today">` (hide it with `::part(hours) { display: none }`)
 * @csspart fax - the fax number, selected whole by one click, tap or Tab so it is easy to copy
 * @csspart email - the email link
 * @csspart map - the address, a link to the map
 * @csspart actions - the row of the call to action and "Save contact"
 * @csspart cta - the call to action link
 * @csspart save - "Save contact": a link that downloads the vCard
 *
 * @cssproperty --firm-accent - links, their outlines, focus ring
 * @cssproperty --firm-accent-contrast - text on the call to action
 * @cssproperty --firm-surface - card background
 * @cssproperty --firm-border - card outline
 * @cssproperty --firm-open - "Open now"
 * @cssproperty --firm-closed - "Closed"
 * @cssproperty --firm-radius - corners
 * @cssproperty --firm-gap - spacing
 *
 * @fires {FirmContactEvent} firm-contact - a visitor called, copied the fax, wrote, opened the map, saved the contact or followed the call to action; `detail.channel` says which
 */
export class FirmContactCard extends ContactElement {
  static override styles = [tokens, styles, container];
  static override properties: PropertyDeclarations = {
    name: { reflect: true },
    fax: { reflect: true },
    email: { reflect: true },
    address: { reflect: true },
    heading: { reflect: true },
    ctaText: { reflect: true, attribute: 'cta-text' },
    ctaHref: { reflect: true, attribute: 'cta-href' },
    mapHref: { reflect: true, attribute: 'map-href' },
  };

  #locale = new LocaleController(this, strings);

  /** The firm's name. Default: the profile's `name`. */
  name?: string;

  /** Default: the profile's `faxNumber`. */
  fax?: string;

  /** Default: the profile's `email`. */
  email?: string;

  /** On one line. Default: the profile's `address`. */
  address?: string;

  /** Default "Call Us Today!" / "¡Llámenos hoy!"; `heading=""` leaves the heading out. */
  heading?: string;

  /** The call to action's text. Default "Request a consultation" / "Solicite una consulta". */
  ctaText?: string;

  /** Where the call to action leads; without it there is none. */
  ctaHref?: string;

  /** Where the address leads. Default: a map search for the address. */
  mapHref?: string;

  override render() {
    const t = this.#locale.t;
    const heading = this.heading ?? t.heading;
    const p = readProfile();
    const c: Contact = {
      name: this.name || p.name,
      phone: this.dial(this.phone || p.telephone),
      fax: this.fax || p.faxNumber,
      email: this.email || p.email,
      address: this.address || p.address,
      url: p.url ?? location.origin,
    };
    const { name, phone, fax, email, address } = c;
    // Nothing to reach the firm by: the webmaster's own content stays.
    if (!phone && !email && !address) {
      warn(TAG, 'phone', this.phone, 'no phone, email or address');
      return html`<slot></slot>`;
    }
    // The vCard is a data: URL made at render (a few hundred bytes, no object URL to revoke); the
    // browser makes the download's name safe for a file. Downloads are not subject to the page's CSP.
    const link = (channel: Channel, href: string, text: string) =>
      html`<a part=${channel} href=${href} @click=${() => this.fire(channel)}>${text}</a>`;
    return html`<div part="card">
      ${heading ? html`<h2 part="heading">${heading}</h2>` : nothing}
      ${name ? html`<b part="name">${name}</b>` : nothing}
      ${typeof phone == 'object' ? link('phone', phone.href, phone.text) : phone ? html`<span part="phone">${phone}</span>` : nothing}
      ${this.hours || p.openingHours || p.openingHoursSpecification?.length
        ? html`<firm-office-hours part="hours" .layout=${'today'} .hours=${this.hours}></firm-office-hours>`
        : nothing}
      ${fax ? html`<span>${t.fax}: <span part="fax" tabindex="0" role="textbox" aria-readonly="true" aria-label=${t.fax} @focus=${selectAll} @copy=${() => this.fire('fax')}>${fax}</span></span>` : nothing}
      ${email ? link('email', `mailto:${email}`, email) : nothing}
      ${address ? link('map', this.mapHref || MAP_SEARCH + encodeURIComponent(address), address) : nothing}
      <div part="actions">
        ${this.ctaHref ? link('cta', this.ctaHref, this.ctaText || t.cta) : nothing}
        <a
          part="save"
          href=${'data:text/vcard;charset=utf-8,' + encodeURIComponent(vcard(c))}
          download=${`${name ?? t.file}.vcf`}
          @click=${() => this.fire('vcard')}
          >${t.save}</a
        >
      </div>
    </div>`;
  }
}

define(TAG, FirmContactCard);

declare global {
  interface HTMLElementTagNameMap {
    'firm-contact-card': FirmContactCard;
  }
}
