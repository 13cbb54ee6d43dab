import { type PropertyDeclarations } from 'lit';
import { FirmElement } from '../../core/element.js';
import { FirmEvent } from '../../core/events.js';
import type { Messages } from '../../core/locale.js';
import { warn } from '../../core/warn.js';
import { parsePhone, type Phone } from './phone.js';

/** What a visitor used to reach the firm, for analytics. */
export type Channel = 'phone' | 'fax' | 'email' | 'map' | 'vcard' | 'cta';

/** Fired when a visitor calls, copies the fax, writes, opens the map, saves the contact or follows the call to action. */
export class FirmContactEvent extends FirmEvent<{ channel: Channel }> {
  constructor(detail: { channel: Channel }) {
    super('firm-contact', detail);
  }
}

/** The seed page's own words, shared by the card's heading and the call button's label. */
export const callUs: Messages<string> = { en: 'Call Us Today!', es: '¡Llámenos hoy!' };

/**
 * What the contact card and the call button share: a phone to dial, office hours, and the
 * `firm-contact` event. Not an element of its own.
 */
export class ContactElement extends FirmElement {
  static override properties: PropertyDeclarations = {
    phone: { reflect: true },
    countryCode: { reflect: true, attribute: 'country-code' },
    hours: { reflect: true },
  };

  /** As it should be shown: `818-788-8900`, `(818) 788-8900 x12`, `1-800-FLOWERS`, `+44 20 7946 0958`. Default: the profile's `telephone`. */
  phone?: string;

  /** The country code for numbers written without `+` (1 when unset). */
  countryCode?: string;

  /** Office hours as schema.org `openingHours` text (`Mo-Fr 09:00-17:00`). Default: the profile's. */
  hours?: string;

  protected fire(channel: Channel): void {
    // Built apart from dispatchEvent: the manifest's analyzer would take `channel` for the event's name.
    const event = new FirmContactEvent({ channel });
    this.dispatchEvent(event);
  }

  /** The phone read for dialing, or its text (with one warning) when it cannot be dialed. */
  protected dial(text?: string): Phone | string | undefined {
    const phone = parsePhone(text, this.countryCode);
    if (text && !phone) warn(this.localName, 'phone', text, 'cannot be dialed');
    return phone ?? text;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'firm-contact': FirmContactEvent;
  }
}
