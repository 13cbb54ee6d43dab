import type { Messages } from '../../core/locale.js';
import { warn } from '../../core/warn.js';
import { parsePhone, type Phone } from './phone.js';

/** What a visitor used to reach the firm, for analytics. */
export type Channel = 'phone' | 'fax' | 'email' | 'map' | 'vcard' | 'cta';

/** Fired when a visitor calls, copies the fax, writes, opens the map, saves the contact or follows the call to action. */
export class FirmContactEvent extends Event {
  readonly detail: { channel: Channel };
  constructor(channel: Channel) {
    super('firm-contact', { bubbles: true, composed: true });
    this.detail = { channel };
  }
}

/** The seed page's own words, shared by the card's heading and the call button's label. */
export const callUs: Messages<string> = { en: 'Call Us Today!', es: '¡Llámenos hoy!' };

/** Reads a phone for dialing, or warns once and keeps the text. */
export function dialable(tag: string, attribute: string, text: string | undefined, countryCode: string): Phone | string | undefined {
  const phone = parsePhone(text, countryCode);
  if (text && !phone) warn(tag, attribute, text, 'cannot be dialed; shown as text');
  return phone ?? text;
}

/** A `country-code` attribute as E.164 digits, 1 when it is not one. */
export function countryCode(tag: string, value: string): string {
  if (/^\+?[1-9]\d{0,2}$/.test(value)) return value.replace('+', '');
  warn(tag, 'country-code', value, 'use 1 to 3 digits');
  return '1';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'firm-contact': FirmContactEvent;
  }
}
